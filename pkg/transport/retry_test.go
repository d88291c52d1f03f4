package transport

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"golang.org/x/time/rate"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// Every transient failure is retried and the call succeeds once the server recovers.
func TestTransientFailuresAreRetriedThenSucceed(t *testing.T) {
	transient := map[string]http.HandlerFunc{
		"503":               answer(503, `{"message":"busy"}`),
		"500":               answer(500, `{"message":"Transient server error"}`),
		"500 with HTML":     answer(500, `<html><body>Internal Server Error</body></html>`),
		"502":               answer(502, `bad gateway`),
		"504":               answer(504, `{}`),
		"429":               answer(429, `{}`),
		"dropped":           dropConnection,
		"truncated body":    truncatedBody,
		"invalid JSON 2xx":  answer(200, `{"value":`),
		"invalid JSON tail": answer(200, `{"value":"ok"}}`),
	}
	for name, fail := range transient {
		t.Run(name, func(t *testing.T) {
			s := &scripted{steps: []http.HandlerFunc{fail, fail, answer(200, `{"value":"ok"}`)}}
			// Every request idempotent here, so that only the failure kind decides.
			c, _ := newTestClient(t, s, func(cfg *Config) { cfg.IsIdempotent = func(string, string) bool { return true } })
			var out struct {
				Value string `json:"value"`
			}
			err := c.Do(context.Background(), http.MethodPost, "/Thing/query", nil, map[string]any{}, "", &out)
			require.NoError(t, err)
			require.Equal(t, "ok", out.Value)
			require.EqualValues(t, 3, s.hits.Load())
			stats := c.Stats()
			require.EqualValues(t, 3, stats.Requests)
			require.EqualValues(t, 2, stats.Retries)
		})
	}
}

func TestRetriesAreBoundedByMaxRetries(t *testing.T) {
	s := &scripted{steps: []http.HandlerFunc{dropConnection}}
	c, _ := newTestClient(t, s, func(cfg *Config) { cfg.MaxRetries = 2 })
	err := c.Do(context.Background(), http.MethodGet, "/Thing", nil, nil, "", nil)
	require.Equal(t, codes.Unavailable, status.Code(err))
	require.EqualValues(t, 3, s.hits.Load())
	require.Contains(t, err.Error(), "Vendor could not be reached for GET /api/v9/acct/Thing after 3 attempts: the connection was closed before the answer was complete")
	require.EqualValues(t, 3, c.Stats().TransportErrors)
}

func TestNonRetryableStatusIsNotRetried(t *testing.T) {
	for _, code := range []int{400, 401, 403, 404, 409, 501} {
		s := &scripted{steps: []http.HandlerFunc{answer(code, `{}`)}}
		c, _ := newTestClient(t, s, nil)
		require.Error(t, c.Do(context.Background(), http.MethodGet, "/Thing", nil, nil, "", nil))
		require.EqualValues(t, 1, s.hits.Load(), "HTTP %d", code)
	}
}

// A create (non-idempotent POST) whose outcome is unknown is not repeated: a second create could duplicate it.
func TestNonIdempotentPostIsNotRepeatedWhenOutcomeUnknown(t *testing.T) {
	for name, fail := range map[string]http.HandlerFunc{
		"dropped":   dropConnection,
		"500":       answer(500, `{}`),
		"502":       answer(502, `{}`),
		"504":       answer(504, `{}`),
		"truncated": truncatedBody,
		"bad JSON":  answer(200, `{"id":`),
	} {
		t.Run(name, func(t *testing.T) {
			s := &scripted{steps: []http.HandlerFunc{fail, answer(200, `{"id":"1"}`)}}
			c, _ := newTestClient(t, s, nil)
			var out map[string]string
			err := c.Do(context.Background(), http.MethodPost, "/Thing", nil, map[string]string{"name": "n"}, "", &out)
			want := codes.Unavailable
			if name == "500" {
				want = codes.Internal // a 500 is never Unavailable: the SDK would repeat the create
			}
			require.Equal(t, want, status.Code(err))
			require.Contains(t, err.Error(), "the request may have been processed, so it was not repeated: read the current state before trying again")
			require.EqualValues(t, 1, s.hits.Load())
		})
	}
}

// A 503 means the server refused the request, so even a create is repeated.
func TestNonIdempotentPostIsRetriedOn503(t *testing.T) {
	s := &scripted{steps: []http.HandlerFunc{answer(503, `{}`), answer(200, `{"id":"1"}`)}}
	c, _ := newTestClient(t, s, nil)
	var out map[string]string
	require.NoError(t, c.Do(context.Background(), http.MethodPost, "/Thing", nil, map[string]string{"name": "n"}, "", &out))
	require.Equal(t, "1", out["id"])
	require.EqualValues(t, 2, s.hits.Load())
	require.Equal(t, `{"name":"n"}`, string(s.body[1]), "the body is sent again in full")
}

// A connection that cannot be opened sent nothing, so even a create is repeated.
func TestRefusedConnectionIsRetriedEvenForCreates(t *testing.T) {
	ln, err := (&net.ListenConfig{}).Listen(t.Context(), "tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close()) // nothing listens there any more

	base, _ := url.Parse("http://" + addr + "/api")
	c, err := New(context.Background(), Config{
		BaseURL: base, Authorize: func(*http.Request) {}, Service: "Vendor",
		MaxRetries: 2, RetryInitialInterval: 1, HTTPClient: &http.Client{},
	})
	require.NoError(t, err)
	err = c.Do(context.Background(), http.MethodPost, "/Thing", nil, map[string]string{}, "", nil)
	require.Equal(t, codes.Unavailable, status.Code(err))
	require.Contains(t, err.Error(), "after 3 attempts: the connection was refused")
	require.NotContains(t, err.Error(), "may have been processed")
	require.EqualValues(t, 3, c.Stats().Requests)
}

func TestTimeoutIsRetried(t *testing.T) {
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	slow := func(_ http.ResponseWriter, r *http.Request) {
		select { // answer only after the client gave up
		case <-r.Context().Done():
		case <-release:
		}
	}
	s := &scripted{steps: []http.HandlerFunc{slow, answer(200, `{"value":"ok"}`)}}
	c, srv := newTestClient(t, s, nil)
	client := srv.Client()
	client.Timeout = 100 * time.Millisecond
	c.http = client
	var out map[string]string
	require.NoError(t, c.Do(context.Background(), http.MethodGet, "/Thing", nil, nil, "", &out))
	require.Equal(t, "ok", out["value"])
	require.EqualValues(t, 2, s.hits.Load())
}

func TestContextCancellationStopsRetries(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	s := &scripted{steps: []http.HandlerFunc{func(w http.ResponseWriter, r *http.Request) {
		cancel() // the caller gives up while the first answer is on its way
		answer(503, `{}`)(w, r)
	}}}
	c, _ := newTestClient(t, s, func(cfg *Config) {
		cfg.MaxRetries = 100
		cfg.RetryInitialInterval = time.Hour // only cancellation can end the wait
		cfg.MaxRetryElapsed = 10 * time.Hour
	})
	err := c.Do(ctx, http.MethodGet, "/Thing", nil, nil, "", nil)
	require.Equal(t, codes.Canceled, status.Code(err))
	require.Contains(t, err.Error(), "Vendor request GET /api/v9/acct/Thing was stopped before it completed")
	require.EqualValues(t, 1, s.hits.Load())
}

func TestContextDeadlineDuringBackoffIsDeadlineExceeded(t *testing.T) {
	s := &scripted{steps: []http.HandlerFunc{answer(503, `{}`)}}
	c, _ := newTestClient(t, s, func(cfg *Config) {
		cfg.MaxRetries = 100
		cfg.RetryInitialInterval = time.Hour
		cfg.MaxRetryElapsed = 10 * time.Hour
	})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	err := c.Do(ctx, http.MethodGet, "/Thing", nil, nil, "", nil)
	require.Equal(t, codes.DeadlineExceeded, status.Code(err))
	require.EqualValues(t, 1, s.hits.Load())
}

func TestCancelledContextSendsNothing(t *testing.T) {
	s := &scripted{steps: []http.HandlerFunc{answer(200, `{}`)}}
	c, _ := newTestClient(t, s, nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := c.Do(ctx, http.MethodGet, "/Thing", nil, nil, "", nil)
	require.Equal(t, codes.Canceled, status.Code(err))
	require.EqualValues(t, 0, s.hits.Load())
}

func TestBackoffScheduleIsBoundedExponentialWithJitter(t *testing.T) {
	c := &Client{cfg: Config{MaxRetries: 4, MaxRetryElapsed: time.Minute, RetryInitialInterval: 100 * time.Millisecond}}
	b := c.newBackOff()
	var waits []time.Duration
	for {
		w := b.NextBackOff()
		if w < 0 {
			break
		}
		waits = append(waits, w)
	}
	require.Len(t, waits, 4, "MaxRetries bounds the count")
	for i, w := range waits {
		nominal := 100 * time.Millisecond << i
		require.GreaterOrEqual(t, w, nominal/2, "retry %d", i)
		require.LessOrEqual(t, w, nominal*3/2, "retry %d", i)
	}
}

// Pacing: every attempt, retries included, first asks the pacer.
func TestEveryAttemptWaitsForThePacer(t *testing.T) {
	s := &scripted{steps: []http.HandlerFunc{answer(503, `{}`), dropConnection, answer(200, `{}`)}}
	// POST marked idempotent: net/http itself silently repeats a GET on a reused connection that drops.
	c, _ := newTestClient(t, s, func(cfg *Config) { cfg.IsIdempotent = func(string, string) bool { return true } })
	p := &countingPacer{}
	c.pacer = p
	require.NoError(t, c.Do(context.Background(), http.MethodPost, "/Thing/query", nil, nil, "", nil))
	require.NoError(t, c.Do(context.Background(), http.MethodPost, "/Thing/query", nil, nil, "", nil))
	require.EqualValues(t, 4, p.waits.Load())
	require.EqualValues(t, 4, s.hits.Load())
}

func TestPacerIsATokenBucketAtTheConfiguredRate(t *testing.T) {
	limiter, ok := newPacer(8).(*rate.Limiter)
	require.True(t, ok)
	require.Equal(t, rate.Limit(8), limiter.Limit())
	require.Equal(t, 1, limiter.Burst(), "burst 1 spaces requests evenly")
	_, ok = newPacer(0).(unpaced)
	require.True(t, ok, "<= 0 disables pacing")

	// The limiter grants one token per 1/8 s: at a fixed instant, a second token is 125 ms away.
	now := time.Now()
	first := limiter.ReserveN(now, 1)
	second := limiter.ReserveN(now, 1)
	require.Equal(t, time.Duration(0), first.DelayFrom(now))
	require.Equal(t, 125*time.Millisecond, second.DelayFrom(now))
}

func TestRequestsPerSecondReportsPacing(t *testing.T) {
	s := &scripted{steps: []http.HandlerFunc{answer(200, `{}`)}}
	c, _ := newTestClient(t, s, func(cfg *Config) { cfg.RequestsPerSecond = 8 })
	require.Equal(t, 8.0, c.RequestsPerSecond())
	c2, _ := newTestClient(t, s, func(cfg *Config) { cfg.RequestsPerSecond = -1 })
	require.Equal(t, 0.0, c2.RequestsPerSecond())
}

func TestRetryingStopsWhenTheElapsedBudgetWouldBeExceeded(t *testing.T) {
	s := &scripted{steps: []http.HandlerFunc{answer(503, `{}`)}}
	c, _ := newTestClient(t, s, func(cfg *Config) {
		cfg.MaxRetries = 100
		cfg.RetryInitialInterval = time.Hour // the first wait alone exceeds the 2-minute budget
	})
	err := c.Do(context.Background(), http.MethodGet, "/Thing", nil, nil, "", nil)
	require.Equal(t, codes.Unavailable, status.Code(err))
	require.EqualValues(t, 1, s.hits.Load())
}
