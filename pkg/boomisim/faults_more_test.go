package boomisim

import (
	"net/http"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// A route fault with After lets the first requests of the route through, then fails the next Count with
// the given message: the middle of a listing.
func TestRouteFaultAfterFailsTheMiddleOfAListing(t *testing.T) {
	h := newOpsHarness(t, Options{RateLimit: -1})
	h.mw.faults.set(Faults{Routes: map[string]RouteFault{
		"POST /AccountUserRole/query": {After: 2, Count: 1, Status: 400, Message: "The queryToken is not valid."},
	}})
	var statuses []int
	for i := 0; i < 4; i++ {
		res := h.do("POST", queryPath)
		statuses = append(statuses, res.status)
		if res.status == 400 && !strings.Contains(string(res.body), "The queryToken is not valid.") {
			t.Errorf("400 body %s does not carry the configured message", res.body)
		}
	}
	if want := []int{200, 200, 400, 200}; !slices.Equal(statuses, want) {
		t.Errorf("statuses %v, want %v", statuses, want)
	}
}

// A lost answer: the handler runs (the write happens), the client sees a dropped connection.
func TestLostRouteFaultRunsTheHandlerThenDrops(t *testing.T) {
	h := newOpsHarness(t, Options{RateLimit: -1})
	var ran atomic.Int64
	h.srv.Config.Handler = h.mw.wrap(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		ran.Add(1)
		_, _ = w.Write([]byte(`{}`))
	}))
	h.mw.faults.set(Faults{Routes: map[string]RouteFault{"POST /AccountUserRole/query": {Count: 1, Lost: true}}})
	if res := h.do("POST", queryPath); res.err == nil {
		t.Fatalf("the client got an answer (%d) although it was lost", res.status)
	}
	if ran.Load() != 1 {
		t.Fatalf("the handler ran %d times, want 1: a lost answer means the work was done", ran.Load())
	}
	if res := h.do("POST", queryPath); res.status != 200 {
		t.Fatalf("after the lost answer: %d %v", res.status, res.err)
	}
}

// PHTML turns injected 5xx answers into HTML pages, the way a load balancer answers.
func TestInjectedErrorsCanHaveHTMLBodies(t *testing.T) {
	h := newOpsHarness(t, Options{RateLimit: -1})
	h.mw.faults.set(Faults{P502: 1, PHTML: 1})
	res := h.do("POST", queryPath)
	if res.status != 502 || !strings.HasPrefix(string(res.body), "<html>") || !strings.HasPrefix(res.header.Get("Content-Type"), "text/html") {
		t.Fatalf("want an HTML 502, got %d %q (%s)", res.status, res.body, res.header.Get("Content-Type"))
	}
}

// StormFor answers 503 to everything until the storm is over.
func TestStormForAnswers503UntilItEnds(t *testing.T) {
	h := newOpsHarness(t, Options{RateLimit: -1})
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	h.mw.faults.now = func() time.Time { return clock }
	h.mw.faults.set(Faults{StormFor: 3 * time.Second})
	if res := h.do("POST", queryPath); res.status != 503 {
		t.Fatalf("during the storm: %d", res.status)
	}
	clock = clock.Add(2900 * time.Millisecond)
	if res := h.do("POST", queryPath); res.status != 503 {
		t.Fatalf("near the end of the storm: %d", res.status)
	}
	clock = clock.Add(200 * time.Millisecond)
	if res := h.do("POST", queryPath); res.status != 200 {
		t.Fatalf("after the storm: %d", res.status)
	}
}

func TestFaultsJSONRoundTripsTheNewFields(t *testing.T) {
	in := Faults{PHTML: 0.5, StormFor: 2 * time.Second, Routes: map[string]RouteFault{"GET /Role/{id}": {Count: 1, After: 3, Lost: true, Message: "m"}}}
	data, err := in.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	var out Faults
	if err := out.UnmarshalJSON(data); err != nil {
		t.Fatal(err)
	}
	if out.PHTML != 0.5 || out.StormFor != 2*time.Second || out.Routes["GET /Role/{id}"] != in.Routes["GET /Role/{id}"] {
		t.Fatalf("round trip lost fields: %s -> %+v", data, out)
	}
	if err := (Faults{PHTML: 2}).Validate(); err == nil {
		t.Error("pHTML 2 accepted")
	}
	if err := (Faults{Routes: map[string]RouteFault{"x": {After: -1}}}).Validate(); err == nil {
		t.Error("negative after accepted")
	}
}
