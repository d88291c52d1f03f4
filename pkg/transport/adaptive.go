package transport

import (
	"context"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// AdaptiveLimiter paces the requests drawing on one vendor quota and finds the rate the vendor accepts
// instead of guessing it: additive increase, multiplicative decrease (AIMD, as TCP does for congestion).
//
//   - It starts at the ceiling (the configured --requests-per-second; Boomi documents 10 per second per
//     account) with a burst of 1, so requests leave evenly spaced.
//   - A throttled answer (503 or 429) halves the rate, down to MinAdaptiveRate. Answers to requests that
//     were already in flight when the rate dropped say nothing new, so at most one decrease happens per
//     decreaseHold.
//   - Every other answer adds AdaptiveIncrease/rate, i.e. about AdaptiveIncrease requests/s per second of
//     answers, back up to the ceiling and never above it.
//
// Alone on a quota at its ceiling the limiter never changes rate; when another client (a second connector
// process, a script) shares the quota, each backs off on the first 503s and both settle near their share.
// It is safe for concurrent use by several Clients (see Config.Limiter).
type AdaptiveLimiter struct {
	limiter *rate.Limiter
	ceiling float64

	mu           sync.Mutex
	current      float64
	lastDecrease time.Time
	decreases    int64
	now          func() time.Time // tests fix the clock
}

// AIMD parameters.
const (
	// AdaptiveDecrease is the factor applied to the rate on a throttled answer.
	AdaptiveDecrease = 0.5
	// AdaptiveIncrease is the rate gained per second of answers at the current rate (requests/s per s).
	AdaptiveIncrease = 1.0
	// MinAdaptiveRate is the lowest rate a run of 503s can push the limiter to.
	MinAdaptiveRate = 0.5
	// decreaseHold ignores throttled answers for this long after a decrease: they are the in-flight
	// requests sent at the old rate.
	decreaseHold = time.Second
)

// NewAdaptiveLimiter returns a limiter starting at, and never exceeding, ceiling requests per second; nil
// (no pacing) for ceiling <= 0.
func NewAdaptiveLimiter(ceiling float64) *AdaptiveLimiter {
	if ceiling <= 0 {
		return nil
	}
	return &AdaptiveLimiter{
		limiter: rate.NewLimiter(rate.Limit(ceiling), 1),
		ceiling: ceiling,
		current: ceiling,
		now:     time.Now,
	}
}

// Wait blocks until the next request may leave (or ctx ends).
func (a *AdaptiveLimiter) Wait(ctx context.Context) error { return a.limiter.Wait(ctx) }

// Throttled records an answer that refused a request for the rate limit.
func (a *AdaptiveLimiter) Throttled() {
	a.mu.Lock()
	defer a.mu.Unlock()
	now := a.now()
	if !a.lastDecrease.IsZero() && now.Sub(a.lastDecrease) < decreaseHold {
		return
	}
	a.lastDecrease = now
	a.decreases++
	a.set(max(a.current*AdaptiveDecrease, min(MinAdaptiveRate, a.ceiling)))
}

// Answered records any answer that was not a rate-limit refusal.
func (a *AdaptiveLimiter) Answered() {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.current >= a.ceiling {
		return
	}
	a.set(min(a.ceiling, a.current+AdaptiveIncrease/a.current))
}

func (a *AdaptiveLimiter) set(r float64) {
	a.current = r
	a.limiter.SetLimit(rate.Limit(r))
}

// Rate is the pacing in force now (requests per second).
func (a *AdaptiveLimiter) Rate() float64 {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.current
}

// Ceiling is the configured rate the limiter starts at and returns to.
func (a *AdaptiveLimiter) Ceiling() float64 { return a.ceiling }

// Decreases counts the back-offs so far (the request summary reports them).
func (a *AdaptiveLimiter) Decreases() int64 {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.decreases
}
