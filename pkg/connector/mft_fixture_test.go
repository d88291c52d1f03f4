package connector

import (
	"slices"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"

	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

// What the MFT tests (newTestEnv(t, nil, withMFTTenant())) look up in the tenant, the routes they count and
// the entitlements they hand to Grant and Revoke.

// mappingWriter is the connector's writer of SSO mappings (what the MFT builders and the
// set_default_sso_mapping action hold).
func (e *testEnv) mappingWriter() mftMappingWriter { return mftMappingWriter{client: e.conn.mft} }

func (e *testEnv) mapping(id int32) (boomisim.MFTSSOMapping, bool) {
	for _, m := range e.state().SSOMappings {
		if m.ID == id {
			return m, true
		}
	}
	return boomisim.MFTSSOMapping{}, false
}

const (
	routeMFTGetMapping  = "GET /mft/api/AdminSsoMapping/{id}"
	routeMFTPutMapping  = "PUT /mft/api/AdminSsoMapping"
	routeMFTBulk        = "PUT /mft/api/AdminSsoMapping/bulk"
	routeMFTCreate      = "POST /mft/api/AdminSsoMapping"
	routeMFTDelete      = "DELETE /mft/api/AdminSsoMapping/{id}"
	routeMFTGetUser     = "GET /mft/api/AdminUsers/{id}"
	routeMFTListUsers   = "GET /mft/api/AdminUsers"
	routeMFTListMapping = "GET /mft/api/AdminSsoMapping"
)

func mappingPrincipal(id int32) *v2.Resource { return mftResourceStub(mftSSOMappingResourceType, id) }

func mftRoleEntitlement(id int32) *v2.Entitlement {
	return v2.Entitlement_builder{Id: "mft_role:" + mftIDString(id) + ":assigned", Resource: mftResourceStub(mftRoleResourceType, id)}.Build()
}

func mftOrgEntitlement(id int32) *v2.Entitlement {
	return v2.Entitlement_builder{Id: "mft_organization:" + mftIDString(id) + ":member", Resource: mftResourceStub(mftOrganizationResourceType, id)}.Build()
}

// liveRoleNotIn returns a live role id the mapping does not hold.
func (e *testEnv) liveRoleNotIn(m boomisim.MFTSSOMapping) int32 {
	e.t.Helper()
	for _, r := range e.state().Roles {
		if r.DeletedDate == nil && !slices.Contains(m.RoleIDs, r.ID) {
			return r.ID
		}
	}
	e.t.Fatal("no free role in the fixture")
	return 0
}

func (e *testEnv) liveOrgNotIn(m boomisim.MFTSSOMapping) int32 {
	e.t.Helper()
	for _, o := range e.state().Organizations {
		if o.DeletedDate == nil && !slices.Contains(m.OrganizationIDs, o.ID) {
			return o.ID
		}
	}
	e.t.Fatal("no free organization in the fixture")
	return 0
}
