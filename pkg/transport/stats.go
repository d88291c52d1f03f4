package transport

import (
	"sync"
	"time"
)

// Stats counts what a Client sent. Requests counts every attempt that reached the network (retries included),
// Retries the attempts that repeated an earlier one — ThrottleRetries of them after a 503/429 (the rate
// limit), the rest after any other transient failure — ByStatus the HTTP answers per status code,
// TransportErrors the attempts that got no HTTP answer (timeouts, dropped or refused connections) and
// PacerWait the time requests spent waiting for the client-side pacer before they were sent.
type Stats struct {
	Requests        int64
	Retries         int64
	ThrottleRetries int64
	TransportErrors int64
	ByStatus        map[int]int64
	PacerWait       time.Duration
}

// OtherRetries are the retries that followed something other than a rate-limit answer.
func (s Stats) OtherRetries() int64 { return s.Retries - s.ThrottleRetries }

// Sub returns the counts accumulated since earlier (a snapshot of the same client).
func (s Stats) Sub(earlier Stats) Stats {
	out := Stats{
		Requests:        s.Requests - earlier.Requests,
		Retries:         s.Retries - earlier.Retries,
		ThrottleRetries: s.ThrottleRetries - earlier.ThrottleRetries,
		TransportErrors: s.TransportErrors - earlier.TransportErrors,
		PacerWait:       s.PacerWait - earlier.PacerWait,
		ByStatus:        map[int]int64{},
	}
	for code, n := range s.ByStatus {
		if d := n - earlier.ByStatus[code]; d != 0 {
			out.ByStatus[code] = d
		}
	}
	return out
}

type statsRecorder struct {
	mu    sync.Mutex
	stats Stats
}

// attempt records one attempt; previous is the failure that made it a retry (nil for a first attempt) and
// paced the time it waited for the pacer.
func (r *statsRecorder) attempt(previous *failure, paced time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.stats.Requests++
	r.stats.PacerWait += paced
	if previous != nil {
		r.stats.Retries++
		if previous.throttled() {
			r.stats.ThrottleRetries++
		}
	}
}

func (r *statsRecorder) answered(status int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.stats.ByStatus == nil {
		r.stats.ByStatus = map[int]int64{}
	}
	r.stats.ByStatus[status]++
}

func (r *statsRecorder) transportError() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.stats.TransportErrors++
}

// snapshot returns a copy that the caller may keep and modify.
func (r *statsRecorder) snapshot() Stats {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.stats
	out.ByStatus = make(map[int]int64, len(r.stats.ByStatus))
	for k, v := range r.stats.ByStatus {
		out.ByStatus[k] = v
	}
	return out
}
