package boomisim

// State is the whole simulated world: what a dataset loads and what a snapshot returns. Tests and
// benchmarks compare what a client read with a State; they never reach into the server's internals.
type State struct {
	// Accounts by account id. Exactly the accounts marked Primary may own account groups; a sub-account
	// names its primary in ParentID.
	Accounts map[string]*AccountState `json:"accounts"`
	// Users known to the platform (global identities, one e-mail may belong to many accounts).
	Users map[string]*PlatformUser `json:"users"`
	// Credentials that may call the API (Basic auth "BOOMI_TOKEN.<email>" + token).
	Credentials []Credential `json:"credentials"`
	// Invitations records every e-mail Boomi would have sent (AccountUserRole / AccountGroupUserRole
	// creations with notifyUser true).
	Invitations []Invitation `json:"invitations"`
	// MFT is the Boomi MFT (AFT Management API) part.
	MFT *MFTState `json:"mft,omitempty"`
}

// AccountState is one Boomi account and every object it owns.
type AccountState struct {
	Account  Account `json:"account"`
	ParentID string  `json:"parentId,omitempty"`
	Primary  bool    `json:"primary"`
	// PartnerAPIDisabled: Boomi has not enabled Partner API access for this account, so every request
	// authenticated as it on the Partner base is refused (Boomi enables it per account on request).
	PartnerAPIDisabled bool                    `json:"partnerApiDisabled,omitempty"`
	UserRoles          []AccountUserRole       `json:"userRoles"`
	Roles              []Role                  `json:"roles"` // custom roles; built-in roles are global (BuiltinRoles)
	Groups             []AccountGroup          `json:"groups"`
	GroupAccounts      []AccountGroupAccount   `json:"groupAccounts"`
	GroupUserRoles     []AccountGroupUserRole  `json:"groupUserRoles"`
	Federations        []AccountUserFederation `json:"federations"`
	SSOConfig          *AccountSSOConfig       `json:"ssoConfig,omitempty"`
	AuditLogs          []AuditLog              `json:"auditLogs"`
	// Environments and the links that restrict each to roles (EnvironmentRole).
	Environments     []Environment     `json:"environments,omitempty"`
	EnvironmentRoles []EnvironmentRole `json:"environmentRoles,omitempty"`
	// EnvironmentRolesOff models an account whose edition cannot restrict environments to roles: every
	// EnvironmentRole write is refused.
	EnvironmentRolesOff bool `json:"environmentRolesOff,omitempty"`
}

// PlatformUser is a global Boomi identity. LoggedIn matters because Boomi only adds users who have signed
// in at least once to account groups.
type PlatformUser struct {
	Email     string `json:"email"`
	FirstName string `json:"firstName"`
	LastName  string `json:"lastName"`
	LoggedIn  bool   `json:"loggedIn"`
}

// Credential is an API caller. The failure switches model the ways a real token is refused.
type Credential struct {
	Email     string   `json:"email"`
	Token     string   `json:"token"`
	Accounts  []string `json:"accounts"`                  // accounts the owner belongs to
	NoAPI     bool     `json:"noApiAccess,omitempty"`     // lacks the API Access privilege
	NoAdmin   bool     `json:"noAccountAdmin,omitempty"`  // lacks ACCOUNT_ADMIN (user/role objects refused)
	NoAudit   bool     `json:"noViewAuditLogs,omitempty"` // lacks VIEW_AUDIT_LOGS
	TokensOff bool     `json:"tokensOff,omitempty"`       // account's API Token feature switched off
	// NoRuntimeRead: lacks both ATOM_MANAGEMENT and ATOM_MANAGEMENT_READ_ONLY (environments refused).
	NoRuntimeRead bool `json:"noRuntimeRead,omitempty"`
	// NoEnvManagement: lacks ENV_MANAGEMENT (EnvironmentRole create and delete refused).
	NoEnvManagement bool `json:"noEnvManagement,omitempty"`
}

// Invitation is an e-mail the platform would have sent.
type Invitation struct {
	AccountID string `json:"accountId"`
	UserID    string `json:"userId"`
	Kind      string `json:"kind"` // "new-user" (welcome with password) or "added" (access granted)
	Via       string `json:"via"`  // "AccountUserRole" or "AccountGroupUserRole"
}
