package boomisim

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// Faults describe the failures the simulator injects into API answers (never into /__admin paths). The zero
// value injects nothing. Probabilities are checked in the order drop, 500, 502, 504 against one draw per
// request, so their sum should not exceed 1 (see Validate).
type Faults struct {
	Latency   time.Duration         // added to every answered API request
	Jitter    time.Duration         // plus a uniformly drawn extra in [0, Jitter)
	P500      float64               // probability of HTTP 500 (Boomi Error JSON body)
	P502      float64               // probability of HTTP 502
	P504      float64               // probability of HTTP 504
	PDrop     float64               // probability the connection is closed without an answer
	PTruncate float64               // probability a 200 JSON body is cut in half
	PHTML     float64               // share of injected 5xx answers whose body is an HTML error page, not JSON
	Storm503  int                   // the next Storm503 requests are answered 503 (a throttling storm)
	StormFor  time.Duration         // every request is answered 503 for this long from SetFaults on
	Routes    map[string]RouteFault // by RouteKey: fail the next Count requests of that route
}

// RouteFault fails the next Count requests of one route with Status (and Message, or a default text);
// Status 0 drops the connection instead. After lets that many requests of the route through first (so a
// listing can fail in its middle). Lost runs the request — a write happens — and then drops the
// connection, so the client never sees the answer.
type RouteFault struct {
	Count   int    `json:"count"`
	Status  int    `json:"status"`
	After   int    `json:"after,omitempty"`
	Message string `json:"message,omitempty"`
	Lost    bool   `json:"lost,omitempty"`
}

// Validate reports the first setting that cannot work, as one sentence naming the field and the fix.
func (f Faults) Validate() error {
	probs := []struct {
		name string
		p    float64
	}{{"p500", f.P500}, {"p502", f.P502}, {"p504", f.P504}, {"pDrop", f.PDrop}, {"pTruncate", f.PTruncate}, {"pHTML", f.PHTML}}
	for _, pr := range probs {
		if pr.p < 0 || pr.p > 1 {
			return fmt.Errorf("fault probability %s is %v; use a value between 0 and 1", pr.name, pr.p)
		}
	}
	if sum := f.PDrop + f.P500 + f.P502 + f.P504; sum > 1 {
		return fmt.Errorf("fault probabilities pDrop+p500+p502+p504 add up to %v; keep their sum at most 1", sum)
	}
	if f.Latency < 0 || f.Jitter < 0 || f.Storm503 < 0 || f.StormFor < 0 {
		return fmt.Errorf("fault latency, jitter, storm503 and stormFor must not be negative")
	}
	for route, rf := range f.Routes {
		if rf.Count < 0 || rf.After < 0 || (rf.Status != 0 && (rf.Status < 100 || rf.Status > 599)) {
			return fmt.Errorf("route fault %q has count %d and status %d; use a count of at least 0 and an HTTP status (or 0 to drop the connection)", route, rf.Count, rf.Status)
		}
	}
	return nil
}

// faultsJSON is the wire form of Faults (GET|PUT /__admin/faults). Durations are written as Go duration
// strings ("150ms") and read from either such a string or a number of nanoseconds.
type faultsJSON struct {
	Latency   jsonDuration          `json:"latency"`
	Jitter    jsonDuration          `json:"jitter"`
	P500      float64               `json:"p500"`
	P502      float64               `json:"p502"`
	P504      float64               `json:"p504"`
	PDrop     float64               `json:"pDrop"`
	PTruncate float64               `json:"pTruncate"`
	PHTML     float64               `json:"pHTML,omitempty"`
	Storm503  int                   `json:"storm503"`
	StormFor  jsonDuration          `json:"stormFor,omitempty"`
	Routes    map[string]RouteFault `json:"routes,omitempty"`
}

// MarshalJSON writes Faults with duration strings.
func (f Faults) MarshalJSON() ([]byte, error) {
	return json.Marshal(faultsJSON{
		Latency: jsonDuration(f.Latency), Jitter: jsonDuration(f.Jitter),
		P500: f.P500, P502: f.P502, P504: f.P504, PDrop: f.PDrop, PTruncate: f.PTruncate, PHTML: f.PHTML,
		Storm503: f.Storm503, StormFor: jsonDuration(f.StormFor), Routes: f.Routes,
	})
}

// UnmarshalJSON reads what MarshalJSON writes (durations also as nanosecond numbers).
func (f *Faults) UnmarshalJSON(data []byte) error {
	var in faultsJSON
	if err := json.Unmarshal(data, &in); err != nil {
		return err
	}
	*f = Faults{
		Latency: time.Duration(in.Latency), Jitter: time.Duration(in.Jitter),
		P500: in.P500, P502: in.P502, P504: in.P504, PDrop: in.PDrop, PTruncate: in.PTruncate, PHTML: in.PHTML,
		Storm503: in.Storm503, StormFor: time.Duration(in.StormFor), Routes: in.Routes,
	}
	return nil
}

type jsonDuration time.Duration

func (d jsonDuration) MarshalJSON() ([]byte, error) {
	return json.Marshal(time.Duration(d).String())
}

func (d *jsonDuration) UnmarshalJSON(data []byte) error {
	var s string
	if err := json.Unmarshal(data, &s); err == nil {
		parsed, err := time.ParseDuration(s)
		if err != nil {
			return fmt.Errorf("duration %q is not valid; write it like \"150ms\" or \"2s\"", s)
		}
		*d = jsonDuration(parsed)
		return nil
	}
	n, err := strconv.ParseInt(string(data), 10, 64)
	if err != nil {
		return fmt.Errorf("duration %s is neither a string like \"150ms\" nor a number of nanoseconds", data)
	}
	*d = jsonDuration(n)
	return nil
}

// faultKind is what the injector decided to do with one request.
type faultKind int

const (
	faultNone faultKind = iota
	faultStatus
	faultDrop
	faultTruncate
	faultLost // the handler runs, then the connection is dropped
)

type faultDecision struct {
	kind    faultKind
	status  int
	message string
	html    bool // the error body is an HTML page (what a proxy or load balancer sends), not Boomi's JSON
	delay   time.Duration
}

// Messages of injected error answers. They imitate Boomi's Error body; the wording is ours.
var faultMessages = map[int]string{
	http.StatusInternalServerError: "Internal server error (injected by boomisim).",
	http.StatusBadGateway:          "Bad gateway (injected by boomisim).",
	http.StatusGatewayTimeout:      "Gateway timeout (injected by boomisim).",
}

// faultInjector holds the current Faults and the seeded randomness behind them; safe for concurrent use.
// Every request consumes the same number of random draws whatever the settings, so a sequential client
// sees the same faults for the same seed and settings.
type faultInjector struct {
	mu         sync.Mutex
	cfg        Faults
	stormUntil time.Time      // end of the StormFor storm
	passed     map[string]int // requests of a route let through so far under its RouteFault.After
	rng        *rand.Rand
	sleep      func(r *http.Request, d time.Duration)
	now        func() time.Time
}

func newFaultInjector(seed int64) *faultInjector {
	return &faultInjector{
		rng:   rand.New(rand.NewPCG(uint64(seed), 0x0b00e51)),
		sleep: sleepUnlessCancelled,
		now:   time.Now,
	}
}

func (f *faultInjector) set(cfg Faults) {
	cfg.Routes = copyRouteFaults(cfg.Routes)
	f.mu.Lock()
	defer f.mu.Unlock()
	f.cfg = cfg
	f.passed = map[string]int{}
	f.stormUntil = time.Time{}
	if cfg.StormFor > 0 {
		f.stormUntil = f.now().Add(cfg.StormFor)
	}
}

// get returns the current settings, with the storm and route counts that remain.
func (f *faultInjector) get() Faults {
	f.mu.Lock()
	defer f.mu.Unlock()
	cfg := f.cfg
	cfg.Routes = copyRouteFaults(cfg.Routes)
	return cfg
}

func copyRouteFaults(in map[string]RouteFault) map[string]RouteFault {
	if len(in) == 0 {
		return nil
	}
	out := make(map[string]RouteFault, len(in))
	for k, v := range in {
		out[k] = v
	}
	return out
}

// decide draws the fate of one request on route.
func (f *faultInjector) decide(route string) faultDecision {
	f.mu.Lock()
	defer f.mu.Unlock()
	jitterDraw, statusDraw, truncateDraw, htmlDraw := f.rng.Float64(), f.rng.Float64(), f.rng.Float64(), f.rng.Float64()
	d := faultDecision{delay: f.cfg.Latency + time.Duration(jitterDraw*float64(f.cfg.Jitter))}

	if !f.stormUntil.IsZero() && f.now().Before(f.stormUntil) {
		d.kind, d.status, d.message = faultStatus, http.StatusServiceUnavailable, throttleMessage
		return d
	}
	if f.cfg.Storm503 > 0 {
		f.cfg.Storm503--
		d.kind, d.status, d.message = faultStatus, http.StatusServiceUnavailable, throttleMessage
		return d
	}
	if rf, ok := f.cfg.Routes[route]; ok && rf.Count > 0 && f.passed[route] >= rf.After {
		rf.Count--
		if rf.Count == 0 {
			delete(f.cfg.Routes, route)
		} else {
			f.cfg.Routes[route] = rf
		}
		switch {
		case rf.Lost:
			d.kind = faultLost
		case rf.Status == 0:
			d.kind = faultDrop
		default:
			d.kind, d.status, d.message = faultStatus, rf.Status, rf.Message
			if d.message == "" {
				d.message = routeFaultMessage(rf.Status)
			}
		}
		return d
	}
	if _, ok := f.cfg.Routes[route]; ok {
		f.passed[route]++
	}

	thresholds := []struct {
		p      float64
		status int // 0 = drop
	}{{f.cfg.PDrop, 0}, {f.cfg.P500, 500}, {f.cfg.P502, 502}, {f.cfg.P504, 504}}
	acc := 0.0
	for _, t := range thresholds {
		acc += t.p
		if statusDraw < acc {
			if t.status == 0 {
				d.kind = faultDrop
				return d
			}
			d.kind, d.status, d.message = faultStatus, t.status, faultMessages[t.status]
			d.html = htmlDraw < f.cfg.PHTML
			return d
		}
	}
	if truncateDraw < f.cfg.PTruncate {
		d.kind = faultTruncate
	}
	return d
}

func routeFaultMessage(status int) string {
	if msg, ok := faultMessages[status]; ok {
		return msg
	}
	if status == http.StatusServiceUnavailable {
		return throttleMessage
	}
	return fmt.Sprintf("%s (injected by boomisim).", http.StatusText(status))
}

// delay sleeps the configured latency for a request the injector does not otherwise handle (a throttled
// one), so that refusals cost a round trip like real ones.
func (f *faultInjector) delay(r *http.Request) {
	f.sleep(r, f.decide("").delay)
}

// serve answers r, injecting the decided fault. onFault runs before a faulted answer is written (so a client
// that sees the fault also sees it counted). A truncation only counts when the handler's answer was a 200
// with a body (other answers pass through whole).
func (f *faultInjector) serve(w http.ResponseWriter, r *http.Request, route string, next http.Handler, onFault func()) {
	d := f.decide(route)
	f.sleep(r, d.delay)
	switch d.kind {
	case faultStatus:
		onFault()
		if d.html {
			writeHTMLError(w, d.status)
		} else {
			writeSimError(w, d.status, d.message)
		}
	case faultDrop:
		onFault()
		dropConnection(w)
	case faultLost:
		onFault()
		next.ServeHTTP(&bufferedResponse{header: http.Header{}}, r) // the work is done, the answer thrown away
		dropConnection(w)
	case faultTruncate:
		serveTruncated(w, r, next, onFault)
	default:
		next.ServeHTTP(w, r)
	}
}

func sleepUnlessCancelled(r *http.Request, d time.Duration) {
	if d <= 0 {
		return
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-r.Context().Done():
	}
}

// writeHTMLError answers like a load balancer in front of Boomi would: an HTML page, not Boomi's JSON.
func writeHTMLError(w http.ResponseWriter, status int) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = fmt.Fprintf(w, "<html><head><title>%d %s</title></head><body><h1>%s</h1></body></html>\n",
		status, http.StatusText(status), http.StatusText(status))
}

// dropConnection closes the client's connection without writing anything, like a proxy that gave up.
func dropConnection(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			_ = conn.Close()
			return
		}
	}
	// Without hijacking (HTTP/2), aborting the handler is the server's way to reset the stream.
	panic(http.ErrAbortHandler)
}

// serveTruncated runs next into a buffer and, if it answered 200 with a body, sends only the first half of
// that body (with a matching Content-Length, so the client reads a complete but invalid JSON document).
func serveTruncated(w http.ResponseWriter, r *http.Request, next http.Handler, onFault func()) {
	buf := &bufferedResponse{header: http.Header{}}
	next.ServeHTTP(buf, r)
	for k, v := range buf.header {
		w.Header()[k] = v
	}
	status := buf.status
	if status == 0 {
		status = http.StatusOK
	}
	body := buf.body.Bytes()
	truncated := status == http.StatusOK && len(body) > 1
	if truncated {
		onFault()
		body = body[:len(body)/2]
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// bufferedResponse is an http.ResponseWriter that keeps the answer in memory.
type bufferedResponse struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (b *bufferedResponse) Header() http.Header { return b.header }

func (b *bufferedResponse) WriteHeader(status int) {
	if b.status == 0 {
		b.status = status
	}
}

func (b *bufferedResponse) Write(p []byte) (int, error) {
	if b.status == 0 {
		b.status = http.StatusOK
	}
	return b.body.Write(p)
}

// SetFaults replaces the injected faults (a storm or route count starts afresh). Settings that fail
// Validate are applied as given; check them first when they come from a user.
func (s *Server) SetFaults(f Faults) { s.mw.faults.set(f) }

// Faults returns the current fault settings, with the storm and route-fault counts that remain.
func (s *Server) Faults() Faults { return s.mw.faults.get() }
