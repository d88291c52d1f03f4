package boomisim

import (
	"sync"
	"testing"
)

func TestCountersAreConcurrencySafeAndResettable(t *testing.T) {
	c := newRouteCounterSet()
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 250; i++ {
				c.request(queryRoute)
				if i%5 == 0 {
					c.throttled(queryRoute)
				}
				if i%10 == 0 {
					c.fault("GET /Role/{id}")
				}
			}
		}()
	}
	wg.Wait()
	snap := c.snapshot()
	if got := snap[queryRoute]; got != (RouteCounters{Requests: 2000, Throttled: 400}) {
		t.Errorf("%s: %+v", queryRoute, got)
	}
	if got := snap["GET /Role/{id}"]; got != (RouteCounters{Faults: 200}) {
		t.Errorf("GET /Role/{id}: %+v", got)
	}
	snap[queryRoute] = RouteCounters{}
	if c.snapshot()[queryRoute].Requests != 2000 {
		t.Error("snapshot shares memory with the counters")
	}
	c.reset()
	if n := len(c.snapshot()); n != 0 {
		t.Errorf("%d routes after reset", n)
	}
}
