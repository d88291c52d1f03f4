package mft

import (
	"fmt"
	"net/http"
	"net/url"
)

// THE path table of the Boomi MFT (AFT Management API) client — docs/architecture.md#mft-path-table, in one place.
//
// UNCONFIRMED(mft-api-paths): Boomi's reference pages for AdminSsoMapping, AdminRoles, Organization and AdminUsers document
// the operations and their fields but not the HTTP paths (docs/boomi-api.md#boomi-mft-aft-management-api). These follow the Thru-style
// /api/{Controller} layout that is confirmed for other MFT controllers (POST /api/Users/authenticate,
// POST /api/Activity/getFileActivity, GET /api/Audit). When a real tenant shows otherwise, correct this table
// and the simulator's copy (pkg/boomisim's MFT routes) together; nothing else in the code names a path.
// All paths are relative to --mft-base-url.
const (
	pathSSOMappings     = "/api/AdminSsoMapping"      // GET list, POST create, PUT update (id in the body)
	pathSSOMappingByID  = "/api/AdminSsoMapping/%d"   // GET one, DELETE
	pathSSOMappingsBulk = "/api/AdminSsoMapping/bulk" // PUT bulk update (array body)
	pathRoles           = "/api/AdminRoles"           // GET list (?includePermissions=true)
	pathOrganizations   = "/api/Organization"         // GET list
	pathUsers           = "/api/AdminUsers"           // GET list
	pathUserByID        = "/api/AdminUsers/%d"        // GET one (roleIds, organizationIds as a string)

	// apiKeyHeader carries the key (confirmed: Thru docs require the header to be named ApiKey).
	apiKeyHeader = "ApiKey"
)

// route is one row of the table as the client sends it.
type route struct {
	method string
	path   string
	query  url.Values
}

func listSSOMappingsRoute() route  { return route{http.MethodGet, pathSSOMappings, nil} }
func createSSOMappingRoute() route { return route{http.MethodPost, pathSSOMappings, nil} }
func updateSSOMappingRoute() route { return route{http.MethodPut, pathSSOMappings, nil} }
func bulkSSOMappingsRoute() route  { return route{http.MethodPut, pathSSOMappingsBulk, nil} }
func getSSOMappingRoute(id int32) route {
	return route{http.MethodGet, byID(pathSSOMappingByID, id), nil}
}
func deleteSSOMappingRoute(id int32) route {
	return route{http.MethodDelete, byID(pathSSOMappingByID, id), nil}
}
func listRolesRoute() route {
	return route{http.MethodGet, pathRoles, url.Values{"includePermissions": {"true"}}}
}
func listOrganizationsRoute() route { return route{http.MethodGet, pathOrganizations, nil} }
func listUsersRoute() route         { return route{http.MethodGet, pathUsers, nil} }
func getUserRoute(id int32) route   { return route{http.MethodGet, byID(pathUserByID, id), nil} }

// byID fills an integer id into a "%d" path (ids are int32, so no escaping is needed).
func byID(pattern string, id int32) string { return fmt.Sprintf(pattern, id) }
