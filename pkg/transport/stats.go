package transport

import "sync"

// Stats counts what a Client sent. Requests counts every attempt that reached the network (retries included),
// Retries the attempts that repeated an earlier one, ByStatus the HTTP answers per status code and
// TransportErrors the attempts that got no HTTP answer (timeouts, dropped or refused connections).
type Stats struct {
	Requests        int64
	Retries         int64
	TransportErrors int64
	ByStatus        map[int]int64
}

type statsRecorder struct {
	mu    sync.Mutex
	stats Stats
}

func (r *statsRecorder) attempt(retry bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.stats.Requests++
	if retry {
		r.stats.Retries++
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
