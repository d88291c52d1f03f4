package boomisim

import (
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// mftAPI holds what the MFT handlers need: the lock guarding the world, a way to reach the current MFT state
// (Load may replace it) and a clock for created/updated dates.
type mftAPI struct {
	mu    sync.Locker
	world func() *MFTState
	now   func() time.Time
}

// newMFTHandler builds the MFT routes over the state returned by world, guarded by mu. missingStatus 404 or
// 405 makes the undocumented AdminSsoMapping operations answer that status instead (Options.MFTMissingRoutes).
func newMFTHandler(mu sync.Locker, world func() *MFTState, now func() time.Time, missingStatus int) http.Handler {
	api := &mftAPI{mu: mu, world: world, now: now}
	mux := http.NewServeMux()
	mux.HandleFunc(mftRouteListMappings, api.locked(api.listMappings))
	mux.HandleFunc(mftRouteCreateMapping, api.locked(api.createMapping))
	undocumented := map[string]func(http.ResponseWriter, *http.Request, *MFTState){
		mftRouteGetMapping:    api.getMapping,
		mftRouteUpdateMapping: api.updateMapping,
		mftRouteBulkMappings:  api.bulkUpdateMappings,
		mftRouteDeleteMapping: api.deleteMapping,
	}
	for pattern, h := range undocumented {
		if missingStatus == http.StatusNotFound || missingStatus == http.StatusMethodNotAllowed {
			h = func(w http.ResponseWriter, r *http.Request, _ *MFTState) {
				writeMFTError(w, missingStatus, fmt.Sprintf("no MFT route %s %s", r.Method, r.URL.Path))
			}
		}
		mux.HandleFunc(pattern, api.locked(h))
	}
	mux.HandleFunc(mftRouteListRoles, api.locked(api.listRoles))
	mux.HandleFunc(mftRouteListOrgs, api.locked(api.listOrganizations))
	mux.HandleFunc(mftRouteListUsers, api.locked(api.listUsers))
	mux.HandleFunc(mftRouteGetUser, api.locked(api.getUser))
	// Everything else (unknown controller, wrong method) is answered in the MFT error shape too, after auth.
	mux.HandleFunc(mftPrefix+"/", api.locked(func(w http.ResponseWriter, r *http.Request, _ *MFTState) {
		writeMFTError(w, http.StatusNotFound, fmt.Sprintf("no MFT route %s %s", r.Method, r.URL.Path))
	}))
	return mux
}

// mftError is a failure a handler reports to the caller with an HTTP status.
type mftError struct {
	status  int
	message string
}

func (e *mftError) Error() string { return e.message }

func mftErrorf(status int, format string, args ...any) error {
	return &mftError{status: status, message: fmt.Sprintf(format, args...)}
}

// writeMFTError answers with the simulator's MFT error body. The real body shape is not
// documented (docs/assumptions.md#mft-error-body); {"message": ...} is the shape the client reads first.
func writeMFTError(w http.ResponseWriter, status int, message string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]string{"message": message})
}

func writeMFTJSON(w http.ResponseWriter, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		writeMFTError(w, http.StatusInternalServerError, "encoding the answer: "+err.Error())
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body)
}

// locked runs h under the world lock after checking the ApiKey header, and turns a returned error into an
// MFT error answer.
func (a *mftAPI) locked(h func(w http.ResponseWriter, r *http.Request, st *MFTState)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		a.mu.Lock()
		defer a.mu.Unlock()
		st := a.world()
		if st == nil {
			writeMFTError(w, http.StatusNotFound, "this simulated world has no MFT tenant")
			return
		}
		if !st.keyAccepted(r.Header.Get(mftAPIKeyHeader)) {
			writeMFTError(w, http.StatusUnauthorized, "missing or invalid API key in the ApiKey header")
			return
		}
		h(w, r, st)
	}
}

// keyAccepted compares in constant time so the simulator does not teach a timing side channel.
func (st *MFTState) keyAccepted(key string) bool {
	if key == "" {
		return false
	}
	ok := false
	for _, k := range st.APIKeys {
		if subtle.ConstantTimeCompare([]byte(k), []byte(key)) == 1 {
			ok = true
		}
	}
	return ok
}

func writeMFTErr(w http.ResponseWriter, err error) {
	var me *mftError
	if errors.As(err, &me) {
		writeMFTError(w, me.status, me.message)
		return
	}
	writeMFTError(w, http.StatusInternalServerError, err.Error())
}

// pathID parses the {id} wildcard. A non-integer id matches no route in an int-constrained ASP.NET
// controller, hence 404 rather than 400.
func mftPathID(r *http.Request) (int32, error) {
	raw := r.PathValue("id")
	id, err := strconv.ParseInt(raw, 10, 32)
	if err != nil {
		return 0, mftErrorf(http.StatusNotFound, "no MFT route %s %s", r.Method, r.URL.Path)
	}
	return int32(id), nil
}

// decodeBody reads a JSON body into v; a body that is not valid JSON is a 400.
func decodeMFTBody(r *http.Request, v any) error {
	data, err := io.ReadAll(io.LimitReader(r.Body, 4<<20))
	if err != nil {
		return mftErrorf(http.StatusBadRequest, "reading the request body: %v", err)
	}
	if len(strings.TrimSpace(string(data))) == 0 {
		return mftErrorf(http.StatusBadRequest, "the request body is empty")
	}
	if err := json.Unmarshal(data, v); err != nil {
		return mftErrorf(http.StatusBadRequest, "the request body is not valid JSON for this operation: %v", err)
	}
	return nil
}

func (a *mftAPI) stamp() string { return a.now().UTC().Format(mftTimeLayout) }

func mftStr(s string) *string { return &s }

func mftDeref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func mftItoa(id int32) string { return strconv.FormatInt(int64(id), 10) }
