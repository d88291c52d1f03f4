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
//   - A throttled answer (503 or 429) multiplies the rate by AdaptiveDecrease (0.4), down to
//     MinAdaptiveRate. Answers to requests that
//     were already in flight when the rate dropped say nothing new, so at most one decrease happens per
//     decreaseHold.
//   - Every other answer adds AdaptiveIncrease/rate, i.e. about AdaptiveIncrease requests/s per second of
//     answers (0.25), back up to the ceiling and never above it.
//
// Alone on a quota at its ceiling the limiter never changes rate; when another client (a second connector
// process, a script) shares the quota, each backs off on the first 503s and both settle below the shared limit, climbing back slowly.
// It is safe for concurrent use by several Clients (see Config.Limiter).
type AdaptiveLimiter struct {
	limiter *rate.Limiter
	ceiling float64

	mu           sync.Mutex
	current      float64
	lastDecrease time.Time
	decreases    int64
	generation   int64            // bumped by every decrease, which also replaces limiter (dropping its queue)
	now          func() time.Time // tests fix the clock
}

// AIMD parameters.
const (
	// AdaptiveDecrease is the factor applied to the rate on a throttled answer. Below one half on purpose:
	// two clients that start together at a 10/s quota both see 503s within the same second, and halving
	// both would put them at exactly the limit (5 + 5), where every jitter is another 503 (measured: 10 %
	// of requests answered 503 at 0.5, 2 % at 0.4, in the two-process test).
	AdaptiveDecrease = 0.4
	// AdaptiveIncrease is the rate gained per second of answers at the current rate (requests/s per s).
	// Small on purpose: when two clients share a 10/s quota, each settles near 5/s, and the slower the
	// climb back, the longer the stretch between two 503s (about 0.375·r²/AdaptiveIncrease requests per
	// 503 at a peak of r per client: ~40 at 5/s). Alone on the quota the limiter stays at its ceiling.
	AdaptiveIncrease = 0.25
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

// Wait blocks until the next request may leave (or ctx ends). A request that was given its slot before a
// decrease takes a new slot at the lower rate: otherwise every request queued behind the pacer (the
// read-ahead keeps a dozen waiting) would still leave at the old rate, for up to a second of 503s.
func (a *AdaptiveLimiter) Wait(ctx context.Context) error {
	for {
		a.mu.Lock()
		limiter, generation := a.limiter, a.generation
		a.mu.Unlock()
		if err := limiter.Wait(ctx); err != nil {
			return err
		}
		a.mu.Lock()
		current := a.generation == generation
		a.mu.Unlock()
		if current {
			return nil
		}
	}
}

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
	a.generation++
	a.current = max(a.current*AdaptiveDecrease, min(MinAdaptiveRate, a.ceiling))
	// A fresh bucket: the slots handed out at the old rate are void (see Wait). Its first token is spent
	// now, so the next request leaves one interval at the new rate after the refusal.
	a.limiter = rate.NewLimiter(rate.Limit(a.current), 1)
	a.limiter.AllowN(now, 1)
}

// Answered records any answer that was not a rate-limit refusal.
func (a *AdaptiveLimiter) Answered() {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.current >= a.ceiling {
		return
	}
	a.current = min(a.ceiling, a.current+AdaptiveIncrease/a.current)
	a.limiter.SetLimit(rate.Limit(a.current))
}

// Rate is the pacing in force now (requests per second).
func (a *AdaptiveLimiter) Rate() float64 {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.current
}

// Decreases counts the back-offs so far (the request summary reports them).
func (a *AdaptiveLimiter) Decreases() int64 {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.decreases
}
