package mft

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// SSOMapping is an AdminSsoMapping: an IdP attribute name/value pair that gives MFT roles and organizations
// at SSO sign-in (docs/boomi-api.md#mft-adminssomapping; fields confirmed). Extra keeps every field this client does not know, so a
// read-modify-write (Get, change one list, Update) sends them back unchanged instead of erasing them.
type SSOMapping struct {
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

	Extra map[string]json.RawMessage `json:"-"`
}

// ssoMappingFields is SSOMapping without its methods (avoids recursion in the JSON methods).
type ssoMappingFields SSOMapping

// UnmarshalJSON reads the known fields and keeps the unknown ones in Extra.
func (m *SSOMapping) UnmarshalJSON(data []byte) error {
	var known ssoMappingFields
	if err := json.Unmarshal(data, &known); err != nil {
		return err
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(data, &all); err != nil {
		return err
	}
	for _, k := range ssoMappingKnownKeys {
		delete(all, k)
	}
	known.Extra = nil
	if len(all) > 0 {
		known.Extra = all
	}
	*m = SSOMapping(known)
	return nil
}

// MarshalJSON writes the known fields and the preserved unknown ones.
func (m SSOMapping) MarshalJSON() ([]byte, error) {
	known, err := json.Marshal(ssoMappingFields(m))
	if err != nil {
		return nil, err
	}
	if len(m.Extra) == 0 {
		return known, nil
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(known, &all); err != nil {
		return nil, err
	}
	for k, v := range m.Extra {
		if _, isKnown := all[k]; !isKnown {
			all[k] = v
		}
	}
	return json.Marshal(all)
}

var ssoMappingKnownKeys = []string{"id", "customerId", "attributeName", "attributeValue", "isDefault",
	"createdBy", "createdDate", "updatedBy", "updatedDate", "deletedBy", "deletedDate", "organizationIds", "roleIds"}

// Name is the attribute name ("" when null).
func (m SSOMapping) Name() string { return deref(m.AttributeName) }

// Value is the attribute value ("" when null).
func (m SSOMapping) Value() string { return deref(m.AttributeValue) }

// Clone returns a deep copy, so a caller can change the copy and compare it with the original.
func (m SSOMapping) Clone() SSOMapping {
	for _, p := range []**string{&m.AttributeName, &m.AttributeValue, &m.CreatedBy, &m.CreatedDate,
		&m.UpdatedBy, &m.UpdatedDate, &m.DeletedBy, &m.DeletedDate} {
		if *p != nil {
			v := **p
			*p = &v
		}
	}
	m.OrganizationIDs = slices.Clone(m.OrganizationIDs)
	m.RoleIDs = slices.Clone(m.RoleIDs)
	if m.Extra != nil {
		m.Extra = maps.Clone(m.Extra)
	}
	return m
}

// Equal reports whether two mappings are the same in every field, unknown ones included. A read-modify-write
// uses it to see whether anyone changed the mapping between two reads.
func (m SSOMapping) Equal(o SSOMapping) bool {
	a, errA := json.Marshal(m)
	b, errB := json.Marshal(o)
	return errA == nil && errB == nil && bytes.Equal(canonicalJSON(a), canonicalJSON(b))
}

// canonicalJSON re-encodes data with sorted keys, so field order does not affect Equal.
func canonicalJSON(data []byte) []byte {
	var v any
	if json.Unmarshal(data, &v) != nil {
		return data
	}
	out, err := json.Marshal(v) // maps are written with sorted keys
	if err != nil {
		return data
	}
	return out
}

// NewSSOMapping is the body of a create: the caller-owned fields only.
func NewSSOMapping(attributeName, attributeValue string, isDefault bool, roleIDs, organizationIDs []int32) SSOMapping {
	return SSOMapping{
		AttributeName:   &attributeName,
		AttributeValue:  &attributeValue,
		IsDefault:       isDefault,
		RoleIDs:         slices.Clone(roleIDs),
		OrganizationIDs: slices.Clone(organizationIDs),
	}
}

// Role is an MFT administrative role (AdminRoles, docs/boomi-api.md#mft-adminroles). Its name is UserRoleCode.
type Role struct {
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

// Code is the role's code ("" when null).
func (r Role) Code() string { return deref(r.UserRoleCode) }

// Description is the role's description ("" when null).
func (r Role) Description() string { return deref(r.UserRoleDescription) }

// Deleted reports a soft-deleted role (the list may include them).
func (r Role) Deleted() bool { return r.DeletedDate != nil && *r.DeletedDate != "" }

// Organization is an MFT organization (docs/boomi-api.md#mft-organization).
type Organization struct {
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

// DisplayName is the organization's name ("" when null).
func (o Organization) DisplayName() string { return deref(o.Name) }

// Deleted reports a soft-deleted organization.
func (o Organization) Deleted() bool { return o.DeletedDate != nil && *o.DeletedDate != "" }

// User is an entry of the MFT user list (docs/boomi-api.md#mft-adminusers): status, lock and sign-in data, no role ids.
type User struct {
	ID             int32   `json:"id"`
	FirstName      string  `json:"firstName"`
	LastName       string  `json:"lastName"`
	Username       string  `json:"username"`
	IsEnabled      bool    `json:"isEnabled"`
	IsActive       bool    `json:"isActive"`
	IsAdmin        bool    `json:"isAdmin"`
	Created        *string `json:"created"`
	Email          string  `json:"email"`
	CustomerName   *string `json:"customerName"`
	CustomerID     int32   `json:"customerId"`
	FailedAttempts int32   `json:"failedAttempts"`
	BannedUntil    *string `json:"bannedUntil"`
	LastLogin      *string `json:"lastLogin"`
}

// UserDetail is GET AdminUsers/{id}: the only place that reveals a user's roles and organizations.
type UserDetail struct {
	ID              int32   `json:"id"`
	CustomerID      int32   `json:"customerId"`
	Email           string  `json:"email"`
	FirstName       string  `json:"firstName"`
	LastName        string  `json:"lastName"`
	Username        string  `json:"username"`
	IsActive        bool    `json:"isActive"`
	IsEnabled       bool    `json:"isEnabled"`
	RoleIDs         []int32 `json:"roleIds"`
	OrganizationIDs IDList  `json:"organizationIds"`
}

// IDList is a list of integer ids that the API may send as a JSON array or as a comma-separated string
// (AdminUsers/{id} documents organizationIds as a string, docs/boomi-api.md#mft-adminusers).
type IDList []int32

// UnmarshalJSON accepts null, [1,2], "1,2" and "" (and tolerates spaces and empty items in the string).
func (l *IDList) UnmarshalJSON(data []byte) error {
	trimmed := bytes.TrimSpace(data)
	if bytes.Equal(trimmed, []byte("null")) {
		*l = nil
		return nil
	}
	if len(trimmed) > 0 && trimmed[0] == '[' {
		var ids []int32
		if err := json.Unmarshal(trimmed, &ids); err != nil {
			return err
		}
		*l = ids
		return nil
	}
	var s string
	if err := json.Unmarshal(trimmed, &s); err != nil {
		return fmt.Errorf("an id list must be an array or a comma-separated string: %w", err)
	}
	var ids []int32
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		n, err := strconv.ParseInt(part, 10, 32)
		if err != nil {
			return fmt.Errorf("the id list %q holds %q, which is not an integer id", s, part)
		}
		ids = append(ids, int32(n))
	}
	*l = ids
	return nil
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
