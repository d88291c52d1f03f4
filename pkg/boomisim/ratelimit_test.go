package boomisim

import (
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestRateLimitAnswers503AboveTheLimitAndRecovers(t *testing.T) {
	h := newOpsHarness(t, Options{RateLimit: 2, Burst: 3})

	for i := 0; i < 3; i++ {
		if res := h.do("POST", queryPath); res.status != http.StatusOK {
			t.Fatalf("request %d within the burst: status %d, want 200", i+1, res.status)
		}
	}
	res := h.do("POST", queryPath)
	if res.status != http.StatusServiceUnavailable {
		t.Fatalf("request above the burst: status %d, want 503", res.status)
	}
	if ra := res.header.Get("Retry-After"); ra != "" {
		t.Errorf("503 carries Retry-After %q; Boomi documents none", ra)
	}
	if msg := h.errorMessage(res); msg != throttleMessage {
		t.Errorf("503 message %q, want %q", msg, throttleMessage)
	}
	if strings.Contains(string(res.body), "@type") {
		t.Errorf("503 body %s: Boomi documents the shared 503 as a bare {\"message\": …}", res.body)
	}

	// Another account has its own bucket.
	if res := h.do("POST", otherAcctQuery); res.status != http.StatusOK {
		t.Errorf("other account: status %d, want 200", res.status)
	}
	// By default (Boomi's overrideAccountRateLimit off) a Partner call on a sub-account draws from the
	// caller's bucket.
	if res := h.do("POST", overrideQuery); res.status != http.StatusServiceUnavailable {
		t.Errorf("override account, property off: status %d, want 503 (the primary's bucket is empty)", res.status)
	}

	// One token comes back after 1/rate seconds; exactly one request then passes.
	h.clock = h.clock.Add(500 * time.Millisecond)
	if res := h.do("POST", queryPath); res.status != http.StatusOK {
		t.Fatalf("after 1/rate: status %d, want 200", res.status)
	}
	if res := h.do("POST", queryPath); res.status != http.StatusServiceUnavailable {
		t.Fatalf("second request after 1/rate: status %d, want 503", res.status)
	}

	got := h.mw.counters.snapshot()[queryRoute]
	want := RouteCounters{Requests: 8, Throttled: 3}
	if got != want {
		t.Errorf("counters %+v, want %+v", got, want)
	}
}

func TestRateLimitDefaultsAndOff(t *testing.T) {
	def := newAccountLimiter(0, 0)
	if float64(def.limit) != DefaultRateLimit || def.burst != 10 || def.off {
		t.Errorf("defaults: limit %v burst %d off %v, want 10/s burst 10 on", def.limit, def.burst, def.off)
	}
	if l := newAccountLimiter(2.5, 0); l.burst != 3 {
		t.Errorf("burst for 2.5/s = %d, want ceil = 3", l.burst)
	}

	h := newOpsHarness(t, Options{RateLimit: -1})
	for i := 0; i < 50; i++ {
		if res := h.do("POST", queryPath); res.status != http.StatusOK {
			t.Fatalf("limiter off, request %d: status %d", i+1, res.status)
		}
	}
}

func TestRateLimitBurstOfDefaultLimit(t *testing.T) {
	h := newOpsHarness(t, Options{})
	statuses := map[int]int{}
	for i := 0; i < 11; i++ {
		statuses[h.do("POST", queryPath).status]++
	}
	if statuses[http.StatusOK] != 10 || statuses[http.StatusServiceUnavailable] != 1 {
		t.Errorf("11 requests at once under the default limit: %v, want 10x200 and 1x503", statuses)
	}
}

func TestRateLimitPerOverrideAccountWhenThePropertyIsOn(t *testing.T) {
	h := newOpsHarness(t, Options{RateLimit: 1, Burst: 1, OverrideAccountRateLimit: true})
	if res := h.do("POST", queryPath); res.status != http.StatusOK {
		t.Fatalf("first primary request: status %d", res.status)
	}
	if res := h.do("POST", queryPath); res.status != http.StatusServiceUnavailable {
		t.Fatalf("second primary request: status %d, want 503", res.status)
	}
	if res := h.do("POST", overrideQuery); res.status != http.StatusOK {
		t.Fatalf("override account with its own limit: status %d, want 200", res.status)
	}
	if res := h.do("POST", overrideQuery); res.status != http.StatusServiceUnavailable {
		t.Fatalf("second override request: status %d, want 503", res.status)
	}
}

func TestRateLimitUnderConcurrentRequests(t *testing.T) {
	// With the clock frozen no token comes back, so exactly Burst of the concurrent requests pass.
	h := newOpsHarness(t, Options{RateLimit: 5, Burst: 10})
	statuses := make(chan int, 60)
	var wg sync.WaitGroup
	for range 60 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			statuses <- h.do("POST", queryPath).status
		}()
	}
	wg.Wait()
	close(statuses)
	got := map[int]int{}
	for s := range statuses {
		got[s]++
	}
	if got[http.StatusOK] != 10 || got[http.StatusServiceUnavailable] != 50 {
		t.Errorf("60 concurrent requests, burst 10: %v, want 10x200 and 50x503", got)
	}
	if c := h.mw.counters.snapshot()[queryRoute]; c != (RouteCounters{Requests: 60, Throttled: 50}) {
		t.Errorf("counters %+v", c)
	}
}
