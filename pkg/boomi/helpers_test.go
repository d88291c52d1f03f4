package boomi

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

const (
	testAccount = "acme-AB12CD"
	testUser    = "admin@example.com"
	testToken   = "0a1b2c3d-tok-en99-secret-value"
)

// recorded is one request as the test server saw it.
type recorded struct {
	Method      string
	Path        string // escaped path
	ContentType string
	Auth        string
	Body        string
}

// fakeBoomi answers each request with the next scripted handler (the last one repeats) and records requests.
type fakeBoomi struct {
	mu       sync.Mutex
	steps    []http.HandlerFunc
	requests []recorded
}

func (f *fakeBoomi) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	f.mu.Lock()
	f.requests = append(f.requests, recorded{
		Method: r.Method, Path: r.URL.EscapedPath(), ContentType: r.Header.Get("Content-Type"),
		Auth: r.Header.Get("Authorization"), Body: string(body),
	})
	step := f.steps[len(f.steps)-1]
	if n := len(f.requests); n <= len(f.steps) {
		step = f.steps[n-1]
	}
	f.mu.Unlock()
	step(w, r)
}

func (f *fakeBoomi) all() []recorded {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]recorded(nil), f.requests...)
}

func reply(code int, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		_, _ = w.Write([]byte(body))
	}
}

func dropConnection(w http.ResponseWriter, _ *http.Request) {
	if conn, _, err := w.(http.Hijacker).Hijack(); err == nil {
		_ = conn.Close()
	}
}

// newFake starts a scripted Boomi and a client for it.
func newFake(t *testing.T, steps ...http.HandlerFunc) (*Client, *fakeBoomi) {
	t.Helper()
	f := &fakeBoomi{steps: steps}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	c, err := New(context.Background(), Config{
		BaseURL:              srv.URL,
		AccountID:            testAccount,
		Username:             testUser,
		APIToken:             testToken,
		HTTPClient:           srv.Client(),
		RetryInitialInterval: 1, // retry without waiting
		MaxRetries:           3,
		RequestsPerSecond:    -1, // no pacing: tests must not wait
	})
	require.NoError(t, err)
	return c, f
}
