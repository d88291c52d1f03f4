// Package syncexpect says what a complete sync of a simulator account must write (resources by type,
// entitlement ids, grant ids including the ones the SDK adds by expanding account grants), derived from a
// boomisim state, and compares a .c1z's contents with it. The end-to-end tests and the benchmark both hold
// the connector to this one expectation.
package syncexpect

// Resource type ids of the Platform API part (docs/architecture.md#resource-model).
const (
	User         = "user"
	Role         = "role"
	AccountGroup = "account_group"
	Account      = "account"
	Privilege    = "privilege"
	Environment  = "environment"
)

// PlatformTypes are the Platform API resource types, in the order reports list them.
var PlatformTypes = []string{User, Role, AccountGroup, Account, Privilege, Environment}

// RoleEntitlement is the id of the entitlement "holds role roleID in the connected account".
func RoleEntitlement(roleID string) string { return "role:" + roleID + ":assigned" }

// GroupEntitlement is the id of the entitlement "holds role roleID through account group groupID".
func GroupEntitlement(groupID, roleID string) string {
	return "account_group:" + groupID + ":" + roleID
}

// AccountEntitlement is the id of the entitlement "holds role roleID in sub-account accountID".
func AccountEntitlement(accountID, roleID string) string {
	return "account:" + accountID + ":" + roleID
}

// PrivilegeEntitlement is the id of the entitlement "holds the privilege code through a role".
func PrivilegeEntitlement(code string) string { return "privilege:" + code + ":has" }

// EnvironmentEntitlement is the id of the entitlement "may use environment environmentID".
func EnvironmentEntitlement(environmentID string) string {
	return "environment:" + environmentID + ":access"
}

// GrantID is the SDK's grant id convention: <entitlementId>:<principalType>:<principalId>.
func GrantID(entitlementID, principalType, principalID string) string {
	return entitlementID + ":" + principalType + ":" + principalID
}
