package boomisim

import (
	"encoding/json"
	"net/http"
	"reflect"
	"testing"
	"time"
)

func TestFaultStatusesObservedByClient(t *testing.T) {
	for _, tc := range []struct {
		name   string
		faults Faults
		status int
	}{
		{"500", Faults{P500: 1}, http.StatusInternalServerError},
		{"502", Faults{P502: 1}, http.StatusBadGateway},
		{"504", Faults{P504: 1}, http.StatusGatewayTimeout},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newOpsHarness(t, Options{RateLimit: -1})
			h.mw.faults.set(tc.faults)
			for i := 0; i < 3; i++ {
				res := h.do("POST", queryPath)
				if res.err != nil || res.status != tc.status {
					t.Fatalf("request %d: status %d err %v, want %d", i+1, res.status, res.err, tc.status)
				}
				h.errorMessage(res)
			}
			if got := h.mw.counters.snapshot()[queryRoute]; got != (RouteCounters{Requests: 3, Faults: 3}) {
				t.Errorf("counters %+v, want 3 requests, 3 faults", got)
			}
		})
	}
}

func TestDroppedConnectionIsAClientError(t *testing.T) {
	h := newOpsHarness(t, Options{RateLimit: -1})
	h.mw.faults.set(Faults{PDrop: 1})
	res := h.do("POST", queryPath)
	if res.err == nil {
		t.Fatalf("dropped connection answered status %d body %q; want a transport error", res.status, res.body)
	}
	if got := h.mw.counters.snapshot()[queryRoute]; got != (RouteCounters{Requests: 1, Faults: 1}) {
		t.Errorf("counters %+v, want 1 request, 1 fault", got)
	}
}

func TestTruncatedBodyIsInvalidJSON(t *testing.T) {
	h := newOpsHarness(t, Options{RateLimit: -1})
	h.mw.faults.set(Faults{PTruncate: 1})
	res := h.do("POST", queryPath)
	if res.err != nil || res.status != http.StatusOK {
		t.Fatalf("status %d err %v, want 200", res.status, res.err)
	}
	if len(res.body) != len(harnessBody)/2 || string(res.body) != harnessBody[:len(harnessBody)/2] {
		t.Fatalf("body %q, want the first half of %q", res.body, harnessBody)
	}
	var v any
	if err := json.Unmarshal(res.body, &v); err == nil {
		t.Fatalf("truncated body %q decoded as JSON", res.body)
	}

	// A non-200 answer passes through whole and is not counted as a fault.
	res = h.do("POST", "/api/rest/v1/acme-AB12CD/Role/missing")
	if res.status != http.StatusNotFound {
		t.Fatalf("missing object: status %d, want 404", res.status)
	}
	h.errorMessage(res)
	counts := h.mw.counters.snapshot()
	if counts[queryRoute].Faults != 1 || counts["POST /Role/{id}"].Faults != 0 {
		t.Errorf("counters %+v: want 1 fault on the query, none on the 404", counts)
	}
}

func TestStormAnswersExactlyN503sThenNormal(t *testing.T) {
	h := newOpsHarness(t, Options{RateLimit: -1})
	h.mw.faults.set(Faults{Storm503: 4})
	var statuses []int
	for i := 0; i < 6; i++ {
		statuses = append(statuses, h.do("POST", queryPath).status)
	}
	want := []int{503, 503, 503, 503, 200, 200}
	if !reflect.DeepEqual(statuses, want) {
		t.Fatalf("statuses %v, want %v", statuses, want)
	}
	if left := h.mw.faults.get().Storm503; left != 0 {
		t.Errorf("storm503 left %d, want 0", left)
	}
	if got := h.mw.counters.snapshot()[queryRoute]; got != (RouteCounters{Requests: 6, Faults: 4}) {
		t.Errorf("counters %+v, want 6 requests, 4 faults, 0 throttled", got)
	}
}

func TestRouteFaultsHitOnlyTheirRoute(t *testing.T) {
	h := newOpsHarness(t, Options{RateLimit: -1})
	h.mw.faults.set(Faults{Routes: map[string]RouteFault{
		queryRoute:        {Count: 2, Status: http.StatusBadGateway},
		"POST /Role/bulk": {Count: 1, Status: 0},
	}})

	for i := 0; i < 3; i++ {
		if res := h.do("POST", rolePath); res.status != http.StatusOK {
			t.Fatalf("unfaulted route, request %d: status %d", i+1, res.status)
		}
	}
	var statuses []int
	for i := 0; i < 4; i++ {
		statuses = append(statuses, h.do("POST", queryPath).status)
	}
	if want := []int{502, 502, 200, 200}; !reflect.DeepEqual(statuses, want) {
		t.Fatalf("faulted route statuses %v, want %v", statuses, want)
	}
	if res := h.do("POST", "/api/rest/v1/acme-AB12CD/Role/bulk"); res.err == nil {
		t.Fatalf("route drop answered %d", res.status)
	}
	if res := h.do("POST", "/api/rest/v1/acme-AB12CD/Role/bulk"); res.status != http.StatusOK {
		t.Fatalf("after the route drop: status %d err %v", res.status, res.err)
	}
	if left := h.mw.faults.get().Routes; len(left) != 0 {
		t.Errorf("route faults left %v, want none", left)
	}
	counts := h.mw.counters.snapshot()
	if counts[queryRoute].Faults != 2 || counts["POST /Role/query"].Faults != 0 || counts["POST /Role/bulk"].Faults != 1 {
		t.Errorf("counters %+v", counts)
	}
}

func TestLatencyAndJitterAreAddedToEveryAnswer(t *testing.T) {
	h := newOpsHarness(t, Options{RateLimit: 1, Burst: 1})
	h.mw.faults.set(Faults{Latency: 40 * time.Millisecond, Jitter: 20 * time.Millisecond})
	h.do("POST", queryPath) // answered
	h.do("POST", queryPath) // throttled: refusals cost a round trip too
	if len(h.slept) != 2 {
		t.Fatalf("slept %d times, want 2", len(h.slept))
	}
	for _, d := range h.slept {
		if d < 40*time.Millisecond || d >= 60*time.Millisecond {
			t.Errorf("delay %v outside [40ms, 60ms)", d)
		}
	}
	if h.slept[0] == h.slept[1] {
		t.Errorf("jitter drew the same delay twice: %v", h.slept)
	}
}

func TestFaultsAreDeterministicForASeed(t *testing.T) {
	run := func(seed int64) []int {
		h := newOpsHarness(t, Options{RateLimit: -1, FaultSeed: seed})
		h.mw.faults.set(Faults{P500: 0.2, P502: 0.1, P504: 0.1})
		var statuses []int
		for i := 0; i < 80; i++ {
			statuses = append(statuses, h.do("POST", queryPath).status)
		}
		return statuses
	}
	a, b, c := run(7), run(7), run(8)
	if !reflect.DeepEqual(a, b) {
		t.Fatalf("same seed, different faults:\n%v\n%v", a, b)
	}
	if reflect.DeepEqual(a, c) {
		t.Fatalf("seeds 7 and 8 gave the same 80 answers: %v", a)
	}
	seen := map[int]bool{}
	for _, s := range a {
		seen[s] = true
	}
	for _, s := range []int{200, 500, 502, 504} {
		if !seen[s] {
			t.Errorf("status %d never seen in %v", s, a)
		}
	}
}

func TestAdminPathsBypassTheMiddleware(t *testing.T) {
	h := newOpsHarness(t, Options{RateLimit: 1, Burst: 1})
	h.mw.faults.set(Faults{P500: 1, Latency: time.Second})
	for i := 0; i < 5; i++ {
		if res := h.do("GET", "/__admin/health"); res.status != http.StatusOK {
			t.Fatalf("admin request %d: status %d", i+1, res.status)
		}
	}
	if n := len(h.mw.counters.snapshot()); n != 0 || len(h.slept) != 0 {
		t.Errorf("admin requests were counted (%d routes) or delayed (%v)", n, h.slept)
	}
}

func TestFaultsJSONRoundTripAndValidation(t *testing.T) {
	in := Faults{Latency: 150 * time.Millisecond, Jitter: 2 * time.Second, P500: 0.1, PDrop: 0.05, PTruncate: 0.2,
		Storm503: 3, Routes: map[string]RouteFault{queryRoute: {Count: 2, Status: 504}}}
	data, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	var out Faults
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(in, out) {
		t.Fatalf("round trip %s: got %+v, want %+v", data, out, in)
	}
	var nanos Faults
	if err := json.Unmarshal([]byte(`{"latency":1000000,"p502":0.5}`), &nanos); err != nil || nanos.Latency != time.Millisecond || nanos.P502 != 0.5 {
		t.Fatalf("nanosecond latency: %+v, %v", nanos, err)
	}
	if err := json.Unmarshal([]byte(`{"latency":"soon"}`), &nanos); err == nil {
		t.Error("latency \"soon\" was accepted")
	}

	if err := in.Validate(); err != nil {
		t.Errorf("valid faults refused: %v", err)
	}
	for _, bad := range []Faults{{P500: 1.5}, {P500: 0.6, P502: 0.6}, {Latency: -1}, {Routes: map[string]RouteFault{"x": {Count: 1, Status: 42}}}} {
		if err := bad.Validate(); err == nil {
			t.Errorf("invalid faults %+v accepted", bad)
		}
	}
}
