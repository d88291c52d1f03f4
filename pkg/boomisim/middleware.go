package boomisim

import (
	"encoding/json"
	"net/http"
	"strings"
)

// middleware is the operational layer in front of the API handlers: it counts every API request, applies the
// per-account rate limit and injects faults, in that order. Admin paths (/__admin/...) bypass it entirely so
// tests can inspect and steer the simulator without disturbing what they measure.
type middleware struct {
	// limitOverride: overrideAccount requests count against the override account (see Options).
	limitOverride bool

	counters *routeCounterSet
	limiter  *accountLimiter
	faults   *faultInjector
}

func newMiddleware(opts Options) *middleware {
	return &middleware{
		limitOverride: opts.OverrideAccountRateLimit,
		counters:      newRouteCounterSet(),
		limiter:       newAccountLimiter(opts.RateLimit, opts.Burst),
		faults:        newFaultInjector(opts.FaultSeed),
	}
}

// wrap puts the middleware in front of next: counters -> rate limit (503) -> faults -> next.
func (m *middleware) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if isAdminPath(r.URL.Path) {
			next.ServeHTTP(w, r)
			return
		}
		route := RouteKey(r)
		m.counters.request(route)

		if !m.limiter.allow(m.rateLimitAccount(r)) {
			m.counters.throttled(route)
			m.faults.delay(r)
			writeBareError(w, http.StatusServiceUnavailable, throttleMessage)
			return
		}

		m.faults.serve(w, r, route, next, func() { m.counters.fault(route) })
	})
}

// rateLimitAccount is the account whose bucket a request draws from: the effective account when the
// overrideAccountRateLimit property is on, otherwise the account in the path (the caller).
func (m *middleware) rateLimitAccount(r *http.Request) string {
	if m.limitOverride {
		return EffectiveAccount(r)
	}
	return pathAccount(r)
}

// isAdminPath reports whether the path is the simulator's own control surface rather than a Boomi route.
func isAdminPath(path string) bool {
	return path == "/__admin" || strings.HasPrefix(path, "/__admin/")
}

// writeSimError answers with Boomi's JSON error body {"@type":"Error","message":...} (docs/boomi-api.md#error-body).
// No Retry-After header is ever set: Boomi documents none (docs/boomi-api.md#rate-limits).
func writeSimError(w http.ResponseWriter, status int, message string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]string{"@type": "Error", "message": message})
}

// writeBareError answers with the {"message": ...} body (no @type) that Boomi's OpenAPI documents for its
// shared 403/410/503 responses (docs/boomi-api.md#error-body).
func writeBareError(w http.ResponseWriter, status int, message string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]string{"message": message})
}
