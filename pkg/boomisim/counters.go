package boomisim

import "sync"

// RouteCounters are what the simulator saw on one route (see RouteKey).
type RouteCounters struct {
	Requests  int64 `json:"requests"`  // every API request, whatever its outcome
	Throttled int64 `json:"throttled"` // answered 503 by the rate limiter
	Faults    int64 `json:"faults"`    // answered by the fault injector (error status, drop, truncation, storm)
}

// routeCounterSet holds RouteCounters by route key; safe for concurrent use.
type routeCounterSet struct {
	mu     sync.Mutex
	routes map[string]*RouteCounters
}

func newRouteCounterSet() *routeCounterSet {
	return &routeCounterSet{routes: map[string]*RouteCounters{}}
}

func (c *routeCounterSet) add(route string, fn func(rc *RouteCounters)) {
	c.mu.Lock()
	defer c.mu.Unlock()
	rc, ok := c.routes[route]
	if !ok {
		rc = &RouteCounters{}
		c.routes[route] = rc
	}
	fn(rc)
}

func (c *routeCounterSet) request(route string) {
	c.add(route, func(rc *RouteCounters) { rc.Requests++ })
}
func (c *routeCounterSet) throttled(route string) {
	c.add(route, func(rc *RouteCounters) { rc.Throttled++ })
}
func (c *routeCounterSet) fault(route string) { c.add(route, func(rc *RouteCounters) { rc.Faults++ }) }

// snapshot copies the counters out.
func (c *routeCounterSet) snapshot() map[string]RouteCounters {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make(map[string]RouteCounters, len(c.routes))
	for route, rc := range c.routes {
		out[route] = *rc
	}
	return out
}

func (c *routeCounterSet) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.routes = map[string]*RouteCounters{}
}

// Counters returns what the simulator saw per route (see RouteKey) since the start or the last reset.
func (s *Server) Counters() map[string]RouteCounters { return s.mw.counters.snapshot() }

// ResetCounters sets every route's counters back to zero.
func (s *Server) ResetCounters() { s.mw.counters.reset() }
