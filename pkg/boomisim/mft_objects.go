package boomisim

// Boomi MFT (AFT Management API) objects. Field lists are the confirmed ones of docs/boomi-api.md; ids are integers.

// MFTState is the MFT part of the simulated world.
type MFTState struct {
	APIKeys       []string          `json:"apiKeys"`
	CustomerID    int32             `json:"customerId"`
	SSOMappings   []MFTSSOMapping   `json:"ssoMappings"`
	Roles         []MFTRole         `json:"roles"`
	Organizations []MFTOrganization `json:"organizations"`
	Users         []MFTUser         `json:"users"`
	NextID        int32             `json:"nextId"`
	Deleted       map[int32]bool    `json:"deleted,omitempty"` // deleted mapping ids (delete answers 0 for them)
}

// MFTSSOMapping maps an IdP attribute name/value to MFT roles and organizations.
type MFTSSOMapping struct {
	ID              int32   `json:"id"`
	CustomerID      int32   `json:"customerId"`
	AttributeName   *string `json:"attributeName"`
	AttributeValue  *string `json:"attributeValue"`
	IsDefault       bool    `json:"isDefault"`
	CreatedBy       *string `json:"createdBy"`
	CreatedDate     *string `json:"createdDate"`
	UpdatedBy       *string `json:"updatedBy"`
	UpdatedDate     *string `json:"updatedDate"`
	DeletedBy       *string `json:"deletedBy"`
	DeletedDate     *string `json:"deletedDate"`
	OrganizationIDs []int32 `json:"organizationIds"`
	RoleIDs         []int32 `json:"roleIds"`
}

// MFTRole is an MFT administrative role (AdminRoles).
type MFTRole struct {
	ID                  int32   `json:"id"`
	UserRoleCode        *string `json:"userRoleCode"`
	UserRoleDescription *string `json:"userRoleDescription"`
	IsHidden            bool    `json:"isHidden"`
	DeletedDate         *string `json:"deletedDate"`
	Permissions         []int32 `json:"permissions"`
	CustomerID          *int32  `json:"customerId"`
	IsSystemRole        bool    `json:"isSystemRole"`
	Rank                *int32  `json:"rank"`
}

// MFTOrganization is an MFT organization.
type MFTOrganization struct {
	ID                   int32   `json:"id"`
	TenantID             int32   `json:"tenantId"`
	Name                 *string `json:"name"`
	OrganizationTypeID   int32   `json:"organizationTypeId"`
	OrganizationStatusID int32   `json:"organizationStatusId"`
	PublicCode           *string `json:"publicCode"`
	SystemCode           *string `json:"systemCode"`
	Description          *string `json:"description"`
	CreatedDate          *string `json:"createdDate"`
	DeletedDate          *string `json:"deletedDate"`
}

// MFTUser is an MFT user; RoleIDs/OrganizationIDs are what GET /api/AdminUsers/{id} reveals.
type MFTUser struct {
	ID              int32   `json:"id"`
	FirstName       string  `json:"firstName"`
	LastName        string  `json:"lastName"`
	Username        string  `json:"username"`
	Email           string  `json:"email"`
	IsEnabled       bool    `json:"isEnabled"`
	IsActive        bool    `json:"isActive"`
	IsAdmin         bool    `json:"isAdmin"`
	Created         *string `json:"created"`
	CustomerName    *string `json:"customerName"`
	CustomerID      int32   `json:"customerId"`
	FailedAttempts  int32   `json:"failedAttempts"`
	BannedUntil     *string `json:"bannedUntil"`
	LastLogin       *string `json:"lastLogin"`
	RoleIDs         []int32 `json:"roleIds"`
	OrganizationIDs []int32 `json:"organizationIds"`
}
