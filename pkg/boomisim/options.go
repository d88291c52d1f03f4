package boomisim

// DefaultRateLimit is Boomi's documented Platform API limit: 10 requests per second per account, above which
// Boomi answers HTTP 503 (docs/boomi-api.md#rate-limits).
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
	// OverrideAccountRateLimit mirrors the Boomi account property of that name (docs/boomi-api.md#partner-api-and-overrideaccount): when set, a
	// Partner API request with overrideAccount counts against the override (sub-)account's limit; when not
	// set (Boomi's default) it counts against the calling primary account's limit.
	OverrideAccountRateLimit bool
	// PrivilegeErrorStatus is the HTTP status of a missing-privilege answer: 0 or 403 (the default) answers
	// 403 with a message naming the privilege; 400 answers the way Boomi's API-errors page lists "missing
	// credentials or unauthorized access" (and its Data Hub API words it): 400 "The authenticated user does
	// not have access rights to this functionality." Clients must cope with both.
	PrivilegeErrorStatus int

	// Alternatives to what public evidence suggests about Boomi (docs/assumptions.md). The zero value of each
	// is the documented (or best-evidenced) behaviour; a test sets one to check that the connector and
	// `baton-boomi doctor` cope with, or detect, a tenant that behaves the other way.

	// NumberOfResults says what a QueryResult's numberOfResults counts: NumberOfResultsTotal (default, how
	// Boomi's own scripts read it) or NumberOfResultsPage (the items of this page).
	NumberOfResults NumberOfResultsMode
	// MFTMissingRoutes, when 404 or 405, makes the four undocumented AdminSsoMapping operations (get by id,
	// update, bulk update, delete) answer that status, as a tenant without them (or with other paths) would.
	MFTMissingRoutes int
	// RoleQueryOmitsBuiltin makes a Role query list the account's custom roles only (GET and
	// getAssignableRoles still know the built-in ones).
	RoleQueryOmitsBuiltin bool
	// UserRoleNoMatchIs500 makes an AccountUserRole query that matches nothing answer HTTP 500, as one
	// production client reported of Boomi (boompy, around 2015–16).
	UserRoleNoMatchIs500 bool
	// UserRoleRefusesUserIDRanges makes an AccountUserRole query that orders userId (LESS_THAN,
	// GREATER_THAN_OR_EQUAL and the like) answer 400, as a tenant that accepts only EQUALS there would.
	UserRoleRefusesUserIDRanges bool
}

// NumberOfResultsMode is what numberOfResults counts in a QueryResult.
type NumberOfResultsMode int

const (
	// NumberOfResultsTotal: every page carries the number of matches of the whole query.
	NumberOfResultsTotal NumberOfResultsMode = iota
	// NumberOfResultsPage: every page carries the number of items in that page.
	NumberOfResultsPage
)
