package transport

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/grpc-ecosystem/go-grpc-middleware/logging/zap/ctxzap"
	"github.com/stretchr/testify/require"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// A 500 on a read that persists past the retry bounds ends with one sentence naming the route, the status
// and Boomi's message; the read was tried 1 + MaxRetries times.
func TestPersistent500OnAReadNamesRouteStatusAndMessage(t *testing.T) {
	s := &scripted{steps: []http.HandlerFunc{answer(500, `{"message":"Transient server error"}`)}}
	c, _ := newTestClient(t, s, nil)
	err := c.Do(context.Background(), http.MethodGet, "/Thing/7", nil, nil, "", nil)
	require.Equal(t, codes.Internal, status.Code(err), "a persistent 500 is not Unavailable: the SDK must not retry it without end")
	require.Equal(t, "Vendor answered GET /api/v9/acct/Thing/7 with HTTP 500 after 4 attempts: Transient server error", err.Error())
	require.EqualValues(t, 4, s.hits.Load())
}

// Every retry is logged at info level with the attempt, the reason and the wait.
func TestRetriesAreLoggedAtInfoWithAttemptReasonAndWait(t *testing.T) {
	s := &scripted{steps: []http.HandlerFunc{answer(503, `{"message":"slow down"}`), dropConnection, answer(200, `{}`)}}
	c, _ := newTestClient(t, s, func(cfg *Config) { cfg.IsIdempotent = func(string, string) bool { return true } })
	core, logs := observer.New(zapcore.InfoLevel)
	ctx := ctxzap.ToContext(context.Background(), zap.New(core))
	require.NoError(t, c.Do(ctx, http.MethodPost, "/Thing/query", nil, nil, "", nil))

	retries := logs.FilterMessage("retrying API request").All()
	require.Len(t, retries, 2)
	first, second := retries[0].ContextMap(), retries[1].ContextMap()
	require.EqualValues(t, 1, first["attempt"])
	require.Equal(t, "HTTP 503: slow down", first["reason"])
	require.Contains(t, first, "wait")
	require.Equal(t, "/api/v9/acct/Thing/query", first["path"])
	require.EqualValues(t, 2, second["attempt"])
	require.Equal(t, "the connection was closed before the answer was complete", second["reason"])
}

// Stats separate rate-limit retries from the others and add up the pacer's waits.
func TestStatsSeparateThrottleRetriesAndCountPacerWait(t *testing.T) {
	s := &scripted{steps: []http.HandlerFunc{answer(503, `{}`), answer(503, `{}`), answer(502, `{}`), answer(200, `{}`)}}
	c, _ := newTestClient(t, s, func(cfg *Config) { cfg.RequestsPerSecond = 20 })
	require.NoError(t, c.Do(context.Background(), http.MethodGet, "/Thing", nil, nil, "", nil))
	st := c.Stats()
	require.EqualValues(t, 4, st.Requests)
	require.EqualValues(t, 3, st.Retries)
	require.EqualValues(t, 2, st.ThrottleRetries)
	require.EqualValues(t, 1, st.OtherRetries())
	require.EqualValues(t, 2, st.ByStatus[503])
	// Four attempts at 20/s with a bucket of one: at least three waits of ~50 ms.
	require.Greater(t, st.PacerWait, 100*time.Millisecond)

	delta := c.Stats().Sub(st)
	require.Zero(t, delta.Requests)
	require.Empty(t, delta.ByStatus)
}

// Under FailFast a connection that cannot be opened fails at once: no retries, no backoff.
func TestFailFastDoesNotRetryARefusedConnection(t *testing.T) {
	ln, err := (&net.ListenConfig{}).Listen(context.Background(), "tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close())

	base, _ := url.Parse("http://" + addr + "/api")
	c, err := New(context.Background(), Config{
		BaseURL: base, Authorize: func(*http.Request) {}, Service: "Vendor",
		RetryInitialInterval: time.Second, HTTPClient: &http.Client{},
	})
	require.NoError(t, err)
	start := time.Now()
	err = c.Do(FailFast(context.Background()), http.MethodGet, "/Thing", nil, nil, "", nil)
	require.Equal(t, codes.Unavailable, status.Code(err))
	require.Contains(t, err.Error(), "the connection was refused")
	require.EqualValues(t, 1, c.Stats().Requests)
	require.Less(t, time.Since(start), 900*time.Millisecond, "no backoff wait happened")
}

// FailFast changes nothing for failures of requests that were sent: a 503 is still retried.
func TestFailFastStillRetriesAnsweredFailures(t *testing.T) {
	s := &scripted{steps: []http.HandlerFunc{answer(503, `{}`), answer(200, `{}`)}}
	c, _ := newTestClient(t, s, nil)
	require.NoError(t, c.Do(FailFast(context.Background()), http.MethodGet, "/Thing", nil, nil, "", nil))
	require.EqualValues(t, 2, s.hits.Load())
}
