package boomi

// Privilege codes as a Role's Privileges list carries them, and the names Boomi's "User roles and
// privileges" page gives them (docs/access-report.md lists both with their sources). Boomi renamed "Atom
// Management" to "Runtime Management"; the codes kept the old word.
//
// UNCONFIRMED(privilege-code-names): no public page lists codes and names side by side; each code is matched
// to the matrix name whose description Boomi's API reference gives the code (docs/assumptions.md).
const (
	PrivilegeAPI                    = "API"
	PrivilegeAccountAdmin           = "ACCOUNT_ADMIN"
	PrivilegeViewAuditLogs          = "VIEW_AUDIT_LOGS"
	PrivilegeBuild                  = "BUILD"
	PrivilegeDeploy                 = "DEPLOY"
	PrivilegeExecute                = "EXECUTE"
	PrivilegeViewResult             = "VIEW_RESULT"
	PrivilegeAtomManagement         = "ATOM_MANAGEMENT"
	PrivilegeAtomManagementReadOnly = "ATOM_MANAGEMENT_READ_ONLY"
	PrivilegeEnvManagement          = "ENV_MANAGEMENT"
	PrivilegeDashboard              = "DASHBOARD"
	PrivilegeScheduleMaintenance    = "SCHEDULE_MAINTENANCE"
	PrivilegeEmbed                  = "EMBED"
)

// privilegeNames maps the codes whose display name public material ties to them. Codes not listed keep
// the code as their name (PrivilegeName).
var privilegeNames = map[string]string{
	PrivilegeAPI:                    "API Access",
	PrivilegeAccountAdmin:           "Account Administration",
	PrivilegeViewAuditLogs:          "View Audit Logs",
	PrivilegeBuild:                  "Build Read and Write Access",
	PrivilegeDeploy:                 "Packaged Component Deployment",
	PrivilegeExecute:                "Execute",
	PrivilegeViewResult:             "View Results",
	PrivilegeAtomManagement:         "Runtime Management",
	PrivilegeAtomManagementReadOnly: "Runtime Management Read Access",
	PrivilegeEnvManagement:          "Environment Management",
	PrivilegeDashboard:              "Dashboard",
}

// PrivilegeName is the documented display name of a privilege code, or the code itself when no public
// source names it (an auditor then still sees exactly what Boomi returned).
func PrivilegeName(code string) string {
	if name, ok := privilegeNames[code]; ok {
		return name
	}
	return code
}
