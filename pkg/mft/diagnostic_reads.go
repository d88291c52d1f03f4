package mft

import (
	"context"
	"net/http"
	"strings"
)

// Diagnostic reads for `baton-boomi doctor`.

// GetSSOMappingDirect reads one mapping with the get-by-id route only: GetSSOMapping's first step, without
// its fallback to the list, so that the doctor can tell whether the tenant has that route.
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

// Routes returns the path table the client uses (the path constants and route builders), for display.
func Routes() []RouteDescription {
	byID := func(p string) string { return strings.Replace(p, "%d", "{id}", 1) }
	return []RouteDescription{
		{"list SSO mappings", http.MethodGet, pathSSOMappings},
		{"get one SSO mapping", http.MethodGet, byID(pathSSOMappingByID)},
		{"create an SSO mapping", http.MethodPost, pathSSOMappings},
		{"update an SSO mapping", http.MethodPut, pathSSOMappings},
		{"bulk update SSO mappings", http.MethodPut, pathSSOMappingsBulk},
		{"delete an SSO mapping", http.MethodDelete, byID(pathSSOMappingByID)},
		{"list MFT roles", http.MethodGet, pathRoles + "?includePermissions=true"},
		{"list organizations", http.MethodGet, pathOrganizations},
		{"list MFT users", http.MethodGet, pathUsers},
		{"get one MFT user", http.MethodGet, byID(pathUserByID)},
	}
}
