package boomisim

import (
	"math"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// throttleMessage is the message of the 503 the limiter answers: Boomi's documented 503 text
// (docs/boomi-api.md#error-body).
const throttleMessage = "The Boomi server is currently unavailable or your account's rate limits have been exceeded. Retry later."

// accountLimiter is a token bucket per effective account (Boomi limits per account, docs/boomi-api.md#rate-limits, docs/boomi-api.md#partner-api-and-overrideaccount).
type accountLimiter struct {
	limit rate.Limit
	burst int
	off   bool
	now   func() time.Time // replaceable so tests can step time instead of sleeping

	mu      sync.Mutex
	buckets map[string]*rate.Limiter
}

// newAccountLimiter builds the limiter for the given Options values: perSecond 0 means DefaultRateLimit,
// negative switches limiting off; burst 0 means ceil(perSecond).
func newAccountLimiter(perSecond float64, burst int) *accountLimiter {
	if perSecond == 0 {
		perSecond = DefaultRateLimit
	}
	if burst <= 0 {
		burst = int(math.Ceil(perSecond))
	}
	return &accountLimiter{
		limit:   rate.Limit(perSecond),
		burst:   burst,
		off:     perSecond < 0,
		now:     time.Now,
		buckets: map[string]*rate.Limiter{},
	}
}

// allow takes one token from the account's bucket and reports whether there was one. Requests that name no
// account (unknown paths) are never limited.
func (l *accountLimiter) allow(account string) bool {
	if l.off || account == "" {
		return true
	}
	l.mu.Lock()
	bucket, ok := l.buckets[account]
	if !ok {
		bucket = rate.NewLimiter(l.limit, l.burst)
		l.buckets[account] = bucket
	}
	l.mu.Unlock()
	return bucket.AllowN(l.now(), 1)
}
