package boomisim

// DefaultRateLimit is Boomi's documented Platform API limit: 10 requests per second per account, above which
// Boomi answers HTTP 503 (reference §3.3).
const DefaultRateLimit = 10.0

// Options configure a Server's operational behaviour (rate limit and fault randomness). The simulated world
// itself is loaded separately with Server.Load.
type Options struct {
	// RateLimit is the sustained requests/s allowed per effective account: 0 means DefaultRateLimit,
	// a negative value switches the limiter off.
	RateLimit float64
	// Burst is the token bucket size; 0 means ceil(RateLimit).
	Burst int
	// FaultSeed seeds the fault injector's randomness so that a test sees the same faults on every run.
	FaultSeed int64
	// OverrideAccountRateLimit mirrors the Boomi account property of that name (reference §1.5): when set, a
	// Partner API request with overrideAccount counts against the override (sub-)account's limit; when not
	// set (Boomi's default) it counts against the calling primary account's limit.
	OverrideAccountRateLimit bool
	// PrivilegeErrorStatus is the HTTP status of a missing-privilege answer: 0 or 403 (the default) answers
	// 403 with a message naming the privilege; 400 answers the way Boomi's API-errors page lists "missing
	// credentials or unauthorized access" (and its Data Hub API words it): 400 "The authenticated user does
	// not have access rights to this functionality." Clients must cope with both.
	PrivilegeErrorStatus int
}
