package boomisim

// Boomi Platform API objects as the simulator stores and emits them. Field names and JSON tags follow the
// OpenAPI schemas in testdata/boomi-platform-openapi.subset.json (the conformance test holds them to it);
// "@type" is added when an object is written out. Extra holds deliberately unknown fields that the dataset
// generator sprinkles in so clients prove they ignore them (see InjectedUnknownFields).

// Account is the Boomi Account object.
type Account struct {
	AccountID          string `json:"accountId"`
	Name               string `json:"name"`
	Status             string `json:"status"`
	DateCreated        string `json:"dateCreated,omitempty"`
	ExpirationDate     string `json:"expirationDate,omitempty"`
	SupportLevel       string `json:"supportLevel,omitempty"`
	SupportAccess      bool   `json:"supportAccess"`
	SuggestionsEnabled bool   `json:"suggestionsEnabled"`
	WidgetAccount      bool   `json:"widgetAccount"`
	OverDeployed       bool   `json:"overDeployed"`
}

// AccountUserRole links a user (by e-mail) to a role in an account. Boomi has no User object: these links
// are how users are listed, created and removed.
type AccountUserRole struct {
	ID         string         `json:"id"`
	AccountID  string         `json:"accountId"`
	UserID     string         `json:"userId"`
	RoleID     string         `json:"roleId"`
	FirstName  string         `json:"firstName,omitempty"`
	LastName   string         `json:"lastName,omitempty"`
	NotifyUser *bool          `json:"notifyUser,omitempty"`
	Extra      map[string]any `json:"-"`
}

// Privilege is one entry of a Role's privilege list.
type Privilege struct {
	Name string `json:"name"`
}

// Role is a built-in (AccountID "1") or custom role.
type Role struct {
	ID          string         `json:"id"`
	AccountID   string         `json:"accountId"`
	Name        string         `json:"name"`
	Description string         `json:"Description,omitempty"`
	ParentID    string         `json:"parentId,omitempty"`
	Privileges  []Privilege    `json:"-"` // written as {"Privileges":{"@type":"Privileges","Privilege":[...]}}
	Extra       map[string]any `json:"-"`
}

// Resource is an entry of an AccountGroup's Resources (returned only by GET /AccountGroup/{id}).
type Resource struct {
	ResourceID   string `json:"resourceId"`
	ResourceName string `json:"resourceName"`
	ObjectType   string `json:"objectType,omitempty"`
}

// AccountGroup exists only on primary accounts.
type AccountGroup struct {
	ID                      string         `json:"id"`
	AccountID               string         `json:"accountId"`
	Name                    string         `json:"name"`
	DefaultGroup            bool           `json:"defaultGroup"`
	AutoSubscribeAlertLevel string         `json:"autoSubscribeAlertLevel,omitempty"`
	Resources               []Resource     `json:"-"` // only on GET, as {"Resources":{"Resource":[...]}}
	Extra                   map[string]any `json:"-"`
}

// AccountGroupAccount puts a (sub-)account into an account group.
type AccountGroupAccount struct {
	ID             string `json:"id"`
	AccountGroupID string `json:"accountGroupId"`
	AccountID      string `json:"accountId"`
}

// AccountGroupUserRole gives a user a role inside an account group.
type AccountGroupUserRole struct {
	ID             string         `json:"id"`
	AccountGroupID string         `json:"accountGroupId"`
	UserID         string         `json:"userId"`
	RoleID         string         `json:"roleId"`
	FirstName      string         `json:"firstName,omitempty"`
	LastName       string         `json:"lastName,omitempty"`
	NotifyUser     *bool          `json:"notifyUser,omitempty"`
	Extra          map[string]any `json:"-"`
}

// AccountUserFederation is a user's SSO federation id in an account.
type AccountUserFederation struct {
	ID           string `json:"id"`
	AccountID    string `json:"accountId"`
	UserID       string `json:"userId"`
	FederationID string `json:"federationId"`
}

// AccountSSOConfig is the account-wide SSO configuration (one per account; id = account id).
type AccountSSOConfig struct {
	AccountID              string   `json:"accountId"`
	Enabled                bool     `json:"enabled"`
	IdpURL                 string   `json:"idpUrl,omitempty"`
	SignoutRedirectURL     string   `json:"signoutRedirectUrl,omitempty"`
	Certificate            []string `json:"certificate,omitempty"`
	CertInfo               string   `json:"certInfo,omitempty"`
	FedIDFromNameID        bool     `json:"fedIdFromNameId"`
	NameIDPolicy           string   `json:"nameIdPolicy,omitempty"`
	AuthnContext           string   `json:"authnContext,omitempty"`
	AuthnContextComparison string   `json:"authnContextComparison,omitempty"`
	AssertionEncryption    bool     `json:"assertionEncryption"`
	// CaseInsensitiveFederationID needs the account feature CASE_INSENSITIVE_FEDERATION_ID_COMPARISON.
	CaseInsensitiveFederationID bool `json:"caseInsensitiveFederationId"`
}

// AuditLog is one audit entry (login, lock/unlock and user-change events are what the simulator records).
type AuditLog struct {
	DocumentID  string `json:"documentId"`
	AccountID   string `json:"accountId"`
	ContainerID string `json:"containerId,omitempty"`
	UserID      string `json:"userId"`
	Date        string `json:"date"`
	Type        string `json:"type"`
	Action      string `json:"action"`
	Modifier    string `json:"modifier"`
	Level       string `json:"level,omitempty"`
	Source      string `json:"source,omitempty"`
	Message     string `json:"message,omitempty"`
	// Properties name what changed (e.g. the affected user and role of a role change).
	Properties []AuditLogProperty `json:"AuditLogProperty,omitempty"`
}

// AuditLogProperty is one name/value detail of an AuditLog entry.
type AuditLogProperty struct {
	Name          string `json:"name"`
	Value         string `json:"value,omitempty"`
	PreviousValue string `json:"previousValue,omitempty"`
}

// Environment is a runtime environment; Classification is PROD or TEST.
type Environment struct {
	ID             string `json:"id"`
	Name           string `json:"name"`
	Classification string `json:"classification"`
}

// EnvironmentRole links a role to an environment: an environment with at least one link is open only to
// users holding a linked role. Its id is synthesized from the environment and role ids.
type EnvironmentRole struct {
	ID            string `json:"id"`
	EnvironmentID string `json:"environmentId"`
	RoleID        string `json:"roleId"`
}
