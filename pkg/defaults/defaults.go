// Package defaults declares, once, the defaults of the Boomi Platform and MFT clients (pkg/boomi, pkg/mft)
// that the connector's flags (pkg/config) show as well. It imports nothing, so the flag declarations and
// their generator do not link the clients and the HTTP stack beneath them.
package defaults

const (
	// PlatformBaseURL is Boomi's North-America platform host root; EU tenants use
	// https://api.platform.gb.boomi.com. The Platform client appends /api/rest/v1/{accountId}.
	PlatformBaseURL = "https://api.boomi.com"
	// PlatformRequestsPerSecond is Boomi's documented limit of 10 requests/s per account: the Platform
	// client's adaptive pacer starts there and backs off on a 503 when another caller shares the limit.
	PlatformRequestsPerSecond = 10
	// MFTRequestsPerSecond paces Boomi MFT calls, apart from the Platform's, at the Platform API's
	// documented rate. MFT publishes no rate limit (UNCONFIRMED(mft-rate-limit)); the adaptive pacer backs
	// off on a 503 if a tenant's limit is lower.
	MFTRequestsPerSecond = 10
)
