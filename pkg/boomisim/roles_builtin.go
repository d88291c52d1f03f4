package boomisim

import "regexp"

// Built-in ("default Boomi") roles. Every account sees them; they belong to account "1" and cannot be
// changed (docs/boomi-api.md#roles).
const (
	builtinRoleAccount = "1"

	// The four ids below are the ones Boomi's GetAssignableRoles example shows (docs/boomi-api.md#roles). Whether every
	// account sees the same ids: docs/assumptions.md#builtin-role-ids.
	AdministratorRoleID     = "fcb6dd44-0ca8-11e2-a477-1231381987a5"
	StandardUserRoleID      = "fcb6e2d0-0ca8-11e2-a477-1231381987a5"
	ProductionSupportRoleID = "fcb6e3b6-0ca8-11e2-a477-1231381987a5"
	SupportRoleID           = "fcb6e474-0ca8-11e2-a477-1231381987a5"

	// Invented ids (UNCONFIRMED(product-role-ids)): Boomi has further product-area roles whose ids no public source shows.
	APIManagementAdminRoleID = "fcb6e53c-0ca8-11e2-a477-1231381987a5"
	// NonCanonicalRoleID imitates the "non-standard UUID" global roles third parties report
	// (docs/boomi-api.md#roles): its last group has 13 hex digits. The simulator refuses to assign it through the API.
	NonCanonicalRoleID = "fcb6e5f0-0ca8-11e2-a477-1231381987a5f"
)

// Privileges of the four documented built-in roles, from Boomi's "User roles and privileges" matrix
// (docs/access-report.md), limited to the privileges whose API code is known: Standard User has no API,
// ACCOUNT_ADMIN, VIEW_AUDIT_LOGS or DASHBOARD but does have DEPLOY and ENV_MANAGEMENT; Production Support
// deploys and runs but manages no environment; Support executes and views results only. The codes of View
// Data, Developer, Licensing and Boomi Assure are not published (UNCONFIRMED(undocumented-privilege-codes)),
// so those privileges are left out.
var (
	administratorPrivileges = []string{"API", "ACCOUNT_ADMIN", "VIEW_AUDIT_LOGS", "BUILD", "DEPLOY", "EXECUTE",
		"VIEW_RESULT", "ATOM_MANAGEMENT", "ATOM_MANAGEMENT_READ_ONLY", "ENV_MANAGEMENT", "DASHBOARD"}
	standardUserPrivileges = []string{"BUILD", "DEPLOY", "EXECUTE", "VIEW_RESULT", "ATOM_MANAGEMENT",
		"ATOM_MANAGEMENT_READ_ONLY", "ENV_MANAGEMENT"}
	productionSupportPrivileges = []string{"DEPLOY", "EXECUTE", "VIEW_RESULT", "ATOM_MANAGEMENT", "ATOM_MANAGEMENT_READ_ONLY"}
	supportPrivileges           = []string{"EXECUTE", "VIEW_RESULT"}
)

func privilegesOf(codes ...string) []Privilege {
	out := make([]Privilege, len(codes))
	for i, c := range codes {
		out[i] = Privilege{Name: c}
	}
	return out
}

// BuiltinRoles returns a fresh copy of the default roles, in the order a Role query lists them.
func BuiltinRoles() []Role {
	return []Role{
		{ID: AdministratorRoleID, AccountID: builtinRoleAccount, Name: "Administrator",
			Description: "Boomi default administrator role", Privileges: privilegesOf(administratorPrivileges...)},
		{ID: StandardUserRoleID, AccountID: builtinRoleAccount, Name: "Standard User",
			Description: "Boomi default standard user role", Privileges: privilegesOf(standardUserPrivileges...)},
		{ID: ProductionSupportRoleID, AccountID: builtinRoleAccount, Name: "Production Support",
			Description: "Boomi default production support role", Privileges: privilegesOf(productionSupportPrivileges...)},
		{ID: SupportRoleID, AccountID: builtinRoleAccount, Name: "Support",
			Description: "Boomi default basic support role", Privileges: privilegesOf(supportPrivileges...)},
		// Invented privileges, like the two ids below: no public source lists them.
		{ID: APIManagementAdminRoleID, AccountID: builtinRoleAccount, Name: "API Management Administrator",
			Description: "Boomi default API management administrator role", Privileges: privilegesOf("API", "DEPLOY", "VIEW_RESULT")},
		{ID: NonCanonicalRoleID, AccountID: builtinRoleAccount, Name: "Cloud Management Administrator",
			Description: "Boomi default cloud management role", Privileges: privilegesOf("ATOM_MANAGEMENT", "VIEW_RESULT")},
	}
}

var builtinRoleIndex = func() map[string]Role {
	idx := map[string]Role{}
	for _, r := range BuiltinRoles() {
		idx[r.ID] = r
	}
	return idx
}()

func isBuiltinRole(id string) bool {
	_, ok := builtinRoleIndex[id]
	return ok
}

var canonicalUUID = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// roleAssignable reports whether the API may assign the role. Assumed (docs/assumptions.md#non-canonical-role-ids): global
// roles with non-standard UUID ids "cannot be assigned via the API"; the simulator refuses them.
func roleAssignable(id string) bool { return canonicalUUID.MatchString(id) }

// RoleAssignable reports whether the simulator lets the API assign role id (and so lists it in
// getAssignableRoles).
func RoleAssignable(id string) bool { return roleAssignable(id) }
