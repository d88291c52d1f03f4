package boomisim

import (
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Server is the in-memory Boomi: an http.Handler over a State. Start it in-process with httptest or as
// cmd/boomi-sim. Everything it knows lives in s.state, guarded by s.mu; tests see it only through
// Load/Snapshot/Mutate and the HTTP API.
type Server struct {
	mu    sync.Mutex
	state *State

	mw      *middleware
	handler http.Handler
	pages   *pageStore
	hook    atomic.Pointer[func(route string)]
	now     func() time.Time // the clock of audit entries and query-token expiry; tests may replace it
	opts    Options
	// privilegeStatus is Options.PrivilegeErrorStatus (403 unless 400).
	privilegeStatus int
}

// maxBodyBytes bounds what the simulator reads of a request body; Boomi bodies here are small.
const maxBodyBytes = 8 << 20

// New returns a Server with an empty world; Load a State before use.
func New(opts Options) *Server {
	s := &Server{
		state: emptyState(),
		mw:    newMiddleware(opts),
		opts:  opts,
		pages: newPageStore(opts.NumberOfResults),
		now:   func() time.Time { return time.Now().UTC() },

		privilegeStatus: statusForbidden,
	}
	if opts.PrivilegeErrorStatus == statusBadRequest {
		s.privilegeStatus = statusBadRequest
	}
	mux := http.NewServeMux()
	mux.Handle("/__admin/", s.adminHandler())
	mux.Handle(mftBasePrefix, s.mftHandler())
	mux.HandleFunc("/", s.serveAPI)
	s.handler = s.mw.wrap(mux)
	return s
}

// ServeHTTP answers one request and then calls the after-hook (if set) with the request's RouteKey.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if hook := s.hook.Load(); hook != nil && !isAdminPath(r.URL.Path) {
		// Deferred so the hook also runs when the fault injector aborts the handler to drop the connection.
		defer (*hook)(RouteKey(r))
	}
	s.handler.ServeHTTP(w, r)
}

// SetAfterHook sets the function called after each API request was answered (nil = none). The hook runs
// outside the state lock, so it may call Mutate or Snapshot.
func (s *Server) SetAfterHook(fn func(route string)) {
	if fn == nil {
		s.hook.Store(nil)
		return
	}
	s.hook.Store(&fn)
}

// Load replaces the whole world with a deep copy of st (nil loads an empty world).
func (s *Server) Load(st *State) {
	cp := copyState(st)
	s.mu.Lock()
	s.state = cp
	s.mu.Unlock()
}

// Snapshot returns a deep copy of the whole world.
func (s *Server) Snapshot() *State {
	s.mu.Lock()
	defer s.mu.Unlock()
	return copyState(s.state)
}

// Mutate runs fn on the live state while holding the lock, so the change is atomic for API callers.
func (s *Server) Mutate(fn func(st *State)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fn(s.state)
	normalizeState(s.state)
}

// privilege is what a route needs beyond the API Access privilege every route needs.
type privilege int

const (
	privAPI           privilege = iota // API Access only
	privAdmin                          // ACCOUNT_ADMIN: users, roles, groups, federation, SSO
	privAuditLogs                      // VIEW_AUDIT_LOGS
	privRuntimeRead                    // ATOM_MANAGEMENT or ATOM_MANAGEMENT_READ_ONLY: environments and their roles
	privEnvManagement                  // ENV_MANAGEMENT: attach roles to environments and detach them
)

// route is one Platform API operation the simulator serves. pattern is relative to the account base and
// uses {id} for the object id, exactly like RouteKey.
type route struct {
	method  string
	pattern string
	priv    privilege
	handle  func(s *Server, c *call) (json.RawMessage, *apiError)
	// specPath, when set, is the path of the documented operation this route answers under another
	// spelling (the conformance test checks the documented one instead).
	specPath string
}

// call is one authenticated API request as a handler sees it.
type call struct {
	r       *http.Request
	caller  string // the account in the URL (the authenticating account)
	account string // the effective account: caller, or overrideAccount on the Partner base
	user    string // e-mail of the authenticated user
	id      string // the {id} path segment, unescaped
	body    []byte
}

// servedRoutes is every Platform route the simulator serves; the dispatcher is built from it and the
// conformance test checks it against Boomi's OpenAPI document.
var servedRoutes = []route{
	{method: "GET", pattern: "/Account/{id}", priv: privAPI, handle: (*Server).accountGet},
	{method: "POST", pattern: "/Account/query", priv: privAPI, handle: (*Server).accountQuery},
	{method: "POST", pattern: "/Account/queryMore", priv: privAPI, handle: queryMoreFor(objAccount)},
	{method: "POST", pattern: "/Account/bulk", priv: privAPI, handle: (*Server).accountBulk},

	{method: "POST", pattern: "/AccountUserRole", priv: privAdmin, handle: (*Server).userRoleCreate},
	{method: "POST", pattern: "/AccountUserRole/query", priv: privAdmin, handle: (*Server).userRoleQuery},
	{method: "POST", pattern: "/AccountUserRole/queryMore", priv: privAdmin, handle: queryMoreFor(objAccountUserRole)},
	{method: "DELETE", pattern: "/AccountUserRole/{id}", priv: privAdmin, handle: (*Server).userRoleDelete},

	{method: "POST", pattern: "/Role", priv: privAdmin, handle: (*Server).roleCreate},
	{method: "GET", pattern: "/Role/{id}", priv: privAdmin, handle: (*Server).roleGet},
	{method: "POST", pattern: "/Role/{id}", priv: privAdmin, handle: (*Server).roleUpdate},
	{method: "DELETE", pattern: "/Role/{id}", priv: privAdmin, handle: (*Server).roleDelete},
	{method: "POST", pattern: "/Role/bulk", priv: privAdmin, handle: (*Server).roleBulk},
	{method: "POST", pattern: "/Role/query", priv: privAdmin, handle: (*Server).roleQuery},
	{method: "POST", pattern: "/Role/queryMore", priv: privAdmin, handle: queryMoreFor(objRole)},
	{method: "GET", pattern: "/getAssignableRoles", priv: privAdmin, handle: (*Server).assignableRoles},
	// The older spec's CamelCase GetAssignableRoles is not a route: the live API answers it with a 4xx
	// (docs/boomi-api.md#roles), and so does the simulator (errWrongCaseObject).

	{method: "POST", pattern: "/AccountGroup", priv: privAdmin, handle: (*Server).groupCreate},
	{method: "GET", pattern: "/AccountGroup/{id}", priv: privAdmin, handle: (*Server).groupGet},
	{method: "POST", pattern: "/AccountGroup/{id}", priv: privAdmin, handle: (*Server).groupUpdate},
	{method: "POST", pattern: "/AccountGroup/bulk", priv: privAdmin, handle: (*Server).groupBulk},
	{method: "POST", pattern: "/AccountGroup/query", priv: privAdmin, handle: (*Server).groupQuery},
	{method: "POST", pattern: "/AccountGroup/queryMore", priv: privAdmin, handle: queryMoreFor(objAccountGroup)},

	{method: "POST", pattern: "/AccountGroupAccount", priv: privAdmin, handle: (*Server).groupAccountCreate},
	{method: "POST", pattern: "/AccountGroupAccount/query", priv: privAdmin, handle: (*Server).groupAccountQuery},
	{method: "POST", pattern: "/AccountGroupAccount/queryMore", priv: privAdmin, handle: queryMoreFor(objAccountGroupAccount)},
	{method: "DELETE", pattern: "/AccountGroupAccount/{id}", priv: privAdmin, handle: (*Server).groupAccountDelete},

	{method: "POST", pattern: "/AccountGroupUserRole", priv: privAdmin, handle: (*Server).groupUserRoleCreate},
	{method: "POST", pattern: "/AccountGroupUserRole/query", priv: privAdmin, handle: (*Server).groupUserRoleQuery},
	{method: "POST", pattern: "/AccountGroupUserRole/queryMore", priv: privAdmin, handle: queryMoreFor(objAccountGroupUserRole)},
	{method: "DELETE", pattern: "/AccountGroupUserRole/{id}", priv: privAdmin, handle: (*Server).groupUserRoleDelete},

	{method: "POST", pattern: "/AccountUserFederation", priv: privAdmin, handle: (*Server).federationCreate},
	{method: "POST", pattern: "/AccountUserFederation/{id}", priv: privAdmin, handle: (*Server).federationUpdate},
	{method: "DELETE", pattern: "/AccountUserFederation/{id}", priv: privAdmin, handle: (*Server).federationDelete},
	{method: "POST", pattern: "/AccountUserFederation/query", priv: privAdmin, handle: (*Server).federationQuery},
	{method: "POST", pattern: "/AccountUserFederation/queryMore", priv: privAdmin, handle: queryMoreFor(objAccountUserFederation)},

	{method: "GET", pattern: "/AccountSSOConfig/{id}", priv: privAdmin, handle: (*Server).ssoGet},
	{method: "POST", pattern: "/AccountSSOConfig/{id}", priv: privAdmin, handle: (*Server).ssoUpdate},
	{method: "DELETE", pattern: "/AccountSSOConfig/{id}", priv: privAdmin, handle: (*Server).ssoDelete},
	{method: "POST", pattern: "/AccountSSOConfig/bulk", priv: privAdmin, handle: (*Server).ssoBulk},

	{method: "GET", pattern: "/Environment/{id}", priv: privRuntimeRead, handle: (*Server).environmentGet},
	{method: "POST", pattern: "/Environment/bulk", priv: privRuntimeRead, handle: (*Server).environmentBulk},
	{method: "POST", pattern: "/Environment/query", priv: privRuntimeRead, handle: (*Server).environmentQuery},
	{method: "POST", pattern: "/Environment/queryMore", priv: privRuntimeRead, handle: queryMoreFor(objEnvironment)},

	{method: "POST", pattern: "/EnvironmentRole", priv: privEnvManagement, handle: (*Server).environmentRoleCreate},
	{method: "GET", pattern: "/EnvironmentRole/{id}", priv: privRuntimeRead, handle: (*Server).environmentRoleGet},
	{method: "DELETE", pattern: "/EnvironmentRole/{id}", priv: privEnvManagement, handle: (*Server).environmentRoleDelete},
	{method: "POST", pattern: "/EnvironmentRole/bulk", priv: privRuntimeRead, handle: (*Server).environmentRoleBulk},
	{method: "POST", pattern: "/EnvironmentRole/query", priv: privRuntimeRead, handle: (*Server).environmentRoleQuery},
	{method: "POST", pattern: "/EnvironmentRole/queryMore", priv: privRuntimeRead, handle: queryMoreFor(objEnvironmentRole)},

	{method: "GET", pattern: "/AuditLog/{id}", priv: privAuditLogs, handle: (*Server).auditGet},
	{method: "POST", pattern: "/AuditLog/bulk", priv: privAuditLogs, handle: (*Server).auditBulk},
	{method: "POST", pattern: "/AuditLog/query", priv: privAuditLogs, handle: (*Server).auditQuery},
	{method: "POST", pattern: "/AuditLog/queryMore", priv: privAuditLogs, handle: queryMoreFor(objAuditLog)},
}

// matchRoute finds the served route for method and the path segments after the account; a literal segment
// beats {id} (so /Role/query is never read as the role "query"). methodKnown reports whether the path
// exists with another method.
func matchRoute(method string, segs []string) (*route, string, bool) {
	var rt *route
	id, methodKnown, bestScore := "", false, -1
	for i := range servedRoutes {
		cand := &servedRoutes[i]
		pat := strings.Split(strings.TrimPrefix(cand.pattern, "/"), "/")
		if len(pat) != len(segs) {
			continue
		}
		score, candID, ok := 0, "", true
		for j, p := range pat {
			switch {
			case p == "{id}" && segs[j] != "":
				candID = segs[j]
			case p == segs[j]:
				score++
			default:
				ok = false
			}
			if !ok {
				break
			}
		}
		if !ok {
			continue
		}
		if cand.method != method {
			methodKnown = true
			continue
		}
		if score > bestScore {
			rt, id, bestScore = cand, candID, score
		}
	}
	return rt, id, methodKnown
}

// serveAPI is the Platform API: parse the base, route, check headers and credentials, run the handler.
func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request) {
	c, rt, err := s.prepare(r)
	if err != nil {
		writeAPIError(w, err)
		return
	}
	reply, err := rt.handle(s, c)
	if err != nil {
		writeAPIError(w, err)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	if reply != nil {
		_, _ = w.Write(reply)
	}
}

// prepare turns r into a call for its route, or the error Boomi would answer instead.
func (s *Server) prepare(r *http.Request) (*call, *route, *apiError) {
	path := r.URL.EscapedPath()
	var tail string
	partner := false
	switch {
	case strings.HasPrefix(path, partnerBasePrefix):
		tail, partner = strings.TrimPrefix(path, partnerBasePrefix), true
	case strings.HasPrefix(path, platformBasePrefix):
		tail = strings.TrimPrefix(path, platformBasePrefix)
	default:
		return nil, nil, errUnknownEndpoint(r.URL.Path)
	}
	accountSeg, rest, _ := strings.Cut(tail, "/")
	caller, uerr := url.PathUnescape(accountSeg)
	if uerr != nil || caller == "" || rest == "" {
		return nil, nil, errUnknownEndpoint(r.URL.Path)
	}
	segs := strings.Split(strings.TrimSuffix(rest, "/"), "/")
	rt, rawID, methodKnown := matchRoute(r.Method, segs)
	if rt == nil {
		if methodKnown {
			return nil, nil, errMethodNotAllowed(r.Method, "/"+rest)
		}
		if caseVariantOfRoute(segs[0]) != "" {
			return nil, nil, errWrongCaseObject(segs[0])
		}
		return nil, nil, errUnknownEndpoint("/" + rest)
	}
	id, uerr := url.PathUnescape(rawID)
	if uerr != nil {
		return nil, nil, errNotFound(objectOfPattern(rt.pattern), rawID)
	}
	if !acceptsJSON(r) {
		return nil, nil, &apiError{status: statusNotAcceptable, message: msgNotAcceptable}
	}

	c := &call{r: r, caller: caller, account: caller, id: id}
	if err := s.authorize(r, c, partner, rt.priv); err != nil {
		return nil, nil, err
	}

	body, rerr := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes))
	if rerr != nil {
		return nil, nil, errorf(statusBadRequest, "The request body could not be read: %v.", rerr)
	}
	c.body = body
	if len(strings.TrimSpace(string(body))) > 0 && !strings.HasSuffix(rt.pattern, "/queryMore") {
		if ct := r.Header.Get("Content-Type"); !isJSONContentType(ct) {
			return nil, nil, errUnsupportedMedia(ct)
		}
	}
	return c, rt, nil
}

// objectOfPattern is the object name of a route pattern ("/Role/{id}" -> "Role").
func objectOfPattern(pattern string) string {
	obj, _, _ := strings.Cut(strings.TrimPrefix(pattern, "/"), "/")
	return obj
}

// acceptsJSON reports whether the client asked for JSON. Boomi answers XML unless told otherwise
// (docs/boomi-api.md#json-and-type), so a client that forgets the header must fail here too rather than pass by luck.
func acceptsJSON(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept"), ",") {
		mt, _, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err == nil && mt == "application/json" {
			return true
		}
	}
	return false
}

func isJSONContentType(ct string) bool {
	mt, _, err := mime.ParseMediaType(ct)
	return err == nil && mt == "application/json"
}

// caseVariantOfRoute returns the first segment of a served route that equals segment except for letter
// case ("" when there is none, or when segment is spelt exactly like a route).
func caseVariantOfRoute(segment string) string {
	for _, rt := range servedRoutes {
		first, _, _ := strings.Cut(strings.TrimPrefix(rt.pattern, "/"), "/")
		if first != segment && strings.EqualFold(first, segment) {
			return first
		}
	}
	return ""
}
