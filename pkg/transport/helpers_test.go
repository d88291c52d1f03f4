package transport

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"
)

const testToken = "s3cr3t-T0KEN-value"

// scripted serves one scripted step per request, then repeats the last one, and counts requests.
type scripted struct {
	mu    sync.Mutex
	steps []http.HandlerFunc
	hits  atomic.Int64
	seen  []*http.Request
	body  [][]byte
}

func (s *scripted) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	n := int(s.hits.Add(1))
	s.mu.Lock()
	buf, _ := io.ReadAll(r.Body)
	s.seen = append(s.seen, r.Clone(context.Background()))
	s.body = append(s.body, buf)
	step := s.steps[len(s.steps)-1]
	if n <= len(s.steps) {
		step = s.steps[n-1]
	}
	s.mu.Unlock()
	step(w, r)
}

func answer(code int, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		_, _ = w.Write([]byte(body))
	}
}

// dropConnection closes the TCP connection without any answer.
func dropConnection(w http.ResponseWriter, _ *http.Request) {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err == nil {
		_ = conn.Close()
	}
}

// truncatedBody promises 100 bytes and sends 10, then closes the connection.
func truncatedBody(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", "100")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write([]byte(`{"value":"`))
}

func decodeMessage(_ int, body []byte) string {
	var v struct {
		Message string `json:"message"`
	}
	if err := jsonUnmarshal(body, &v); err != nil {
		return ""
	}
	return v.Message
}

func newTestClient(t *testing.T, h http.Handler, edit func(*Config)) (*Client, *httptest.Server) {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	base, err := url.Parse(srv.URL + "/api/v9/acct")
	require.NoError(t, err)
	cfg := Config{
		BaseURL:              base,
		Authorize:            func(r *http.Request) { r.SetBasicAuth("user@example.com", testToken) },
		DecodeError:          decodeMessage,
		Service:              "Vendor",
		MaxRetries:           3,
		RetryInitialInterval: 1, // 1ns: retries without waiting in tests
		HTTPClient:           srv.Client(),
		Redact:               []string{testToken, "user@example.com:" + testToken},
	}
	if edit != nil {
		edit(&cfg)
	}
	c, err := New(context.Background(), cfg)
	require.NoError(t, err)
	return c, srv
}

// countingPacer records how often the client asked for permission to send.
type countingPacer struct{ waits atomic.Int64 }

func (p *countingPacer) Wait(ctx context.Context) error {
	p.waits.Add(1)
	return ctx.Err()
}

func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }
