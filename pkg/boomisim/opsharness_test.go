package boomisim

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// opsHarness serves a trivial JSON handler behind the ops middleware, so the middleware is tested without the
// API handlers: every request that reaches the handler answers 200 {"@type":"QueryResult",...}.
type opsHarness struct {
	t      *testing.T
	mw     *middleware
	srv    *httptest.Server
	client *http.Client
	clock  time.Time

	sleptMu sync.Mutex
	slept   []time.Duration // delays the injector asked for, in order
}

const harnessBody = `{"@type":"QueryResult","numberOfResults":1,"result":[{"@type":"Role","id":"r1","name":"Ops"}]}`

func newOpsHarness(t *testing.T, opts Options) *opsHarness {
	h := &opsHarness{t: t, mw: newMiddleware(opts), clock: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	h.mw.limiter.now = func() time.Time { return h.clock }
	h.mw.faults.sleep = func(_ *http.Request, d time.Duration) {
		h.sleptMu.Lock()
		defer h.sleptMu.Unlock()
		h.slept = append(h.slept, d)
	}
	api := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/missing") {
			writeSimError(w, http.StatusNotFound, "no such object")
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, harnessBody)
	})
	h.srv = httptest.NewServer(h.mw.wrap(api))
	// No keep-alives: a dropped connection must surface as an error, never as a transparent retry.
	h.client = &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	t.Cleanup(h.srv.Close)
	return h
}

// result is what a client observed for one request.
type result struct {
	status int
	header http.Header
	body   []byte
	err    error
}

func (h *opsHarness) do(method, path string) result {
	h.t.Helper()
	req, err := http.NewRequestWithContext(context.Background(), method, h.srv.URL+path, strings.NewReader("{}"))
	if err != nil {
		h.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := h.client.Do(req)
	if err != nil {
		return result{err: err}
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return result{status: resp.StatusCode, header: resp.Header, body: body, err: err}
}

// errorMessage decodes a Boomi Error body and fails the test if the body is not one.
func (h *opsHarness) errorMessage(res result) string {
	h.t.Helper()
	var e struct {
		Type    string `json:"@type"`
		Message string `json:"message"`
	}
	// {"@type":"Error","message":…} or the bare {"message":…} Boomi documents for its shared responses.
	if err := json.Unmarshal(res.body, &e); err != nil || (e.Type != "Error" && e.Type != "") || e.Message == "" {
		h.t.Fatalf("body %q is not a Boomi Error (err %v)", res.body, err)
	}
	return e.Message
}

const (
	queryPath      = "/api/rest/v1/acme-AB12CD/AccountUserRole/query"
	queryRoute     = "POST /AccountUserRole/query"
	rolePath       = "/api/rest/v1/acme-AB12CD/Role/query"
	otherAcctQuery = "/api/rest/v1/other-ZZ99ZZ/AccountUserRole/query"
	overrideQuery  = "/partner/api/rest/v1/acme-AB12CD/AccountUserRole/query?overrideAccount=child-QQ11RR"
)
