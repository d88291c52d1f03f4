package mft

import (
	"context"
	"strings"
)

// Diagnostic reads for `baton-boomi doctor`.

// GetSSOMappingDirect reads one mapping with the get-by-id route only, without GetSSOMapping's fallback to
// the list, so that the doctor can tell whether the tenant has that route.
func (c *Client) GetSSOMappingDirect(ctx context.Context, id int32) (SSOMapping, error) {
	var out SSOMapping
	err := c.do(ctx, getSSOMappingRoute(id), nil, &out)
	return out, err
}

// RouteDescription is one row of the path table as a reader sees it: "GET /api/AdminSsoMapping/{id}".
type RouteDescription struct {
	Operation string
	Method    string
	Path      string
}

// Routes returns the path table the client uses (pkg/mft/paths.go), for display.
func Routes() []RouteDescription {
	byID := func(p string) string { return strings.Replace(p, "%d", "{id}", 1) }
	return []RouteDescription{
		{"list SSO mappings", "GET", pathSSOMappings},
		{"get one SSO mapping", "GET", byID(pathSSOMappingByID)},
		{"create an SSO mapping", "POST", pathSSOMappings},
		{"update an SSO mapping", "PUT", pathSSOMappings},
		{"bulk update SSO mappings", "PUT", pathSSOMappingsBulk},
		{"delete an SSO mapping", "DELETE", byID(pathSSOMappingByID)},
		{"list MFT roles", "GET", pathRoles + "?includePermissions=true"},
		{"list organizations", "GET", pathOrganizations},
		{"list MFT users", "GET", pathUsers},
		{"get one MFT user", "GET", byID(pathUserByID)},
	}
}
