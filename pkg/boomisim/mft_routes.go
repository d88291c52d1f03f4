package boomisim

// The simulator's copy of the MFT path table (docs/architecture.md#mft-path-table). Boomi publishes the AdminSsoMapping operations
// and fields but not their HTTP paths, so every route below is an assumption (docs/assumptions.md#mft-api-paths): it follows the Thru-style
// /api/{Controller} layout that is confirmed for other MFT controllers (docs/boomi-api.md#mft-hosts-paths-and-auth). The client keeps the
// same table in pkg/mft/paths.go; correct both together when a real tenant shows otherwise.
//
// Paths include the simulator's /mft mount prefix, so a client uses --mft-base-url http://host:port/mft.
const (
	mftPrefix = "/mft"

	mftRouteListMappings  = "GET " + mftPrefix + "/api/AdminSsoMapping"
	mftRouteGetMapping    = "GET " + mftPrefix + "/api/AdminSsoMapping/{id}"
	mftRouteCreateMapping = "POST " + mftPrefix + "/api/AdminSsoMapping"
	mftRouteUpdateMapping = "PUT " + mftPrefix + "/api/AdminSsoMapping"
	mftRouteBulkMappings  = "PUT " + mftPrefix + "/api/AdminSsoMapping/bulk"
	mftRouteDeleteMapping = "DELETE " + mftPrefix + "/api/AdminSsoMapping/{id}"
	mftRouteListRoles     = "GET " + mftPrefix + "/api/AdminRoles"
	mftRouteListOrgs      = "GET " + mftPrefix + "/api/Organization"
	mftRouteListUsers     = "GET " + mftPrefix + "/api/AdminUsers"
	mftRouteGetUser       = "GET " + mftPrefix + "/api/AdminUsers/{id}"
	mftAPIKeyHeader       = "ApiKey"
	mftAuditName          = "ApiKey" // what createdBy/updatedBy record for a change made with an API key (UNCONFIRMED(mft-audit-name))
	mftTimeLayout         = "2006-01-02T15:04:05.0000000Z"
)
