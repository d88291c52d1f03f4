package transport

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"golang.org/x/time/rate"
)

// fixedClock lets a test move time by hand.
type fixedClock struct{ t time.Time }

func (c *fixedClock) now() time.Time { return c.t }

func newTestLimiter(ceiling float64) (*AdaptiveLimiter, *fixedClock) {
	clock := &fixedClock{t: time.Unix(1_000_000, 0)}
	a := NewAdaptiveLimiter(ceiling)
	a.now = clock.now
	return a, clock
}

func TestAdaptiveLimiterBacksOffOnAThrottleAndRecoversAdditively(t *testing.T) {
	a, clock := newTestLimiter(10)
	require.InDelta(t, 10, a.Rate(), 1e-9, "starts at the ceiling")
	a.Answered()
	require.InDelta(t, 10, a.Rate(), 1e-9, "never above the ceiling")

	a.Throttled()
	once := 10 * AdaptiveDecrease
	require.InDelta(t, once, a.Rate(), 1e-9)
	require.Equal(t, rate.Limit(once), a.limiter.Limit(), "the token bucket follows")

	// The 503s of requests already in flight at the old rate do not count again.
	clock.t = clock.t.Add(decreaseHold / 2)
	a.Throttled()
	require.InDelta(t, once, a.Rate(), 1e-9)
	clock.t = clock.t.Add(decreaseHold)
	a.Throttled()
	twice := once * AdaptiveDecrease
	require.InDelta(t, twice, a.Rate(), 1e-9)
	require.EqualValues(t, 2, a.Decreases())

	// Additive increase: each answer adds AdaptiveIncrease/rate, so one second of answers at rate r adds
	// about AdaptiveIncrease requests/s.
	a.Answered()
	require.InDelta(t, twice+AdaptiveIncrease/twice, a.Rate(), 1e-9)
	for range 2000 {
		a.Answered()
	}
	require.InDelta(t, 10, a.Rate(), 1e-9, "back at the ceiling, and no further")
}

func TestAdaptiveLimiterStopsAtItsFloor(t *testing.T) {
	a, clock := newTestLimiter(10)
	for range 20 {
		a.Throttled()
		clock.t = clock.t.Add(decreaseHold)
	}
	require.InDelta(t, MinAdaptiveRate, a.Rate(), 1e-9)

	low, _ := newTestLimiter(0.2)
	low.Throttled()
	require.InDelta(t, 0.2, low.Rate(), 1e-9, "a ceiling below the floor is never lowered")
	require.Nil(t, NewAdaptiveLimiter(0), "<= 0: no pacing")
}

// The client feeds every answer to its pacer: a 503 lowers the rate, the answers after it raise it again.
func TestClientSlowsDownOnA503AndSpeedsUpAfter(t *testing.T) {
	s := &scripted{steps: []http.HandlerFunc{answer(503, `{}`), answer(200, `{}`)}}
	c, _ := newTestClient(t, s, func(cfg *Config) { cfg.RequestsPerSecond = 100 })
	pacer := c.Pacer()
	require.NoError(t, c.Do(context.Background(), http.MethodGet, "/Thing", nil, nil, "", nil))
	require.EqualValues(t, 1, pacer.Decreases())
	// The 503 cut 100 to 100·AdaptiveDecrease, the 200 added AdaptiveIncrease/that.
	cut := 100 * AdaptiveDecrease
	require.InDelta(t, cut+AdaptiveIncrease/cut, pacer.Rate(), 1e-9)
	require.Equal(t, 100.0, c.RequestsPerSecond(), "the configured ceiling is still reported")
}

// Clients built on one shared limiter back off together (Platform and Partner bases of one account).
func TestClientsSharingALimiterBackOffTogether(t *testing.T) {
	shared := NewAdaptiveLimiter(100)
	s := &scripted{steps: []http.HandlerFunc{answer(503, `{}`), answer(200, `{}`)}}
	a, _ := newTestClient(t, s, func(cfg *Config) { cfg.Limiter = shared; cfg.RequestsPerSecond = 100 })
	b, _ := newTestClient(t, s, func(cfg *Config) { cfg.Limiter = shared; cfg.RequestsPerSecond = 100 })
	require.NoError(t, a.Do(context.Background(), http.MethodGet, "/Thing", nil, nil, "", nil))
	require.Same(t, shared, b.Pacer())
	require.Less(t, b.Pacer().Rate(), 100.0)
}
