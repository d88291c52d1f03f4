package connector

import (
	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
)

// What each resource type needs on the Boomi side, published as CapabilityPermissions so ConductorOne (and
// baton_capabilities.json) can show it next to the type. The Platform API privileges are those of the user
// that owns the API token (docs/setup.md); the MFT entries are the APIs the MFT API key must be allowed to
// use (docs/mft.md).
const (
	permAPIAccess      = "Boomi privilege: API Access"
	permAccountAdmin   = "Boomi privilege: Account Administration (or the Administrator role)"
	permViewAuditLogs  = "Boomi privilege: View Audit Logs (only with --sync-last-login)"
	permRuntimeRead    = "Boomi privilege: Runtime Management or Runtime Management Read Access (read environments)"
	permEnvManagement  = "Boomi privilege: Environment Management (only to grant or revoke environment access)"
	permMFTUsers       = "Boomi MFT API key: AdminUsers (read)"
	permMFTRoles       = "Boomi MFT API key: AdminRoles (read)"
	permMFTOrgs        = "Boomi MFT API key: Organization (read)"
	permMFTSSOMappings = "Boomi MFT API key: AdminSsoMapping (read; write to provision)"
)

// Per resource type. A user is read from the account's role links and federation records; roles, account
// groups and sub-accounts need the same administrator reads (and writes to provision). An MFT role's or
// organization's grants come from the users and from the SSO mappings that give it.
var (
	userPermissions          = capabilityPermissions(permAPIAccess, permAccountAdmin, permViewAuditLogs)
	platformPermissions      = capabilityPermissions(permAPIAccess, permAccountAdmin)
	environmentPermissions   = capabilityPermissions(permAPIAccess, permRuntimeRead, permEnvManagement)
	mftUserPermissions       = capabilityPermissions(permMFTUsers)
	mftRolePermissions       = capabilityPermissions(permMFTRoles, permMFTUsers, permMFTSSOMappings)
	mftOrgPermissions        = capabilityPermissions(permMFTOrgs, permMFTUsers, permMFTSSOMappings)
	mftSSOMappingPermissions = capabilityPermissions(permMFTSSOMappings)
)

func capabilityPermissions(names ...string) *v2.CapabilityPermissions {
	perms := make([]*v2.CapabilityPermission, 0, len(names))
	for _, n := range names {
		perms = append(perms, v2.CapabilityPermission_builder{Permission: n}.Build())
	}
	return v2.CapabilityPermissions_builder{Permissions: perms}.Build()
}
