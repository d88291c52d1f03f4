package boomi

import (
	"context"
	"encoding/json"
	"net/http"
	"regexp"
)

const objectRole = "Role"

// Built-in Boomi roles (docs/boomi-api.md#roles: ids from Boomi's GetAssignableRoles example; they look like real
// time-based UUIDs shared by every account, UNCONFIRMED(builtin-role-ids) that every account sees the same ids).
const (
	StandardUserRoleID      = "fcb6e2d0-0ca8-11e2-a477-1231381987a5"
	AdministratorRoleID     = "fcb6dd44-0ca8-11e2-a477-1231381987a5"
	ProductionSupportRoleID = "fcb6e3b6-0ca8-11e2-a477-1231381987a5"
	SupportRoleID           = "fcb6e474-0ca8-11e2-a477-1231381987a5"
	// BuiltinRoleAccountID is the accountId Boomi gives its default roles.
	BuiltinRoleAccountID = "1"
)

// assignableRolesPath is the assignable-roles operation. Only the lower-case spelling works on the live API;
// the older spec's GetAssignableRoles answers a 4xx there (docs/boomi-api.md#roles), so there is no fallback.
const assignableRolesPath = "/getAssignableRoles"

var canonicalUUID = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// IsCanonicalRoleID tells whether id has the canonical 8-4-4-4-12 hex form. Some global Boomi roles have
// other ids and cannot be assigned through the API (docs/boomi-api.md#roles), so the connector refuses to grant
// them; that the id's form is what tells them apart is UNCONFIRMED(non-canonical-role-ids).
// Any UUID version is accepted: the built-in roles are version 1.
func IsCanonicalRoleID(id string) bool { return canonicalUUID.MatchString(id) }

// Role is a Boomi role, built-in (AccountID "1") or custom.
type Role struct {
	ID          string
	AccountID   string
	Name        string
	Description string
	ParentID    string
	Privileges  []string // privilege names, e.g. "API", "ACCOUNT_ADMIN"
}

// BuiltIn tells whether the role is one of Boomi's default roles.
func (r Role) BuiltIn() bool { return r.AccountID == BuiltinRoleAccountID }

// UnmarshalJSON reads Boomi's Role JSON: "Description" (capital D, also "description" in GetAssignableRoles)
// and {"Privileges":{"Privilege":[{"name":"API"}]}}; "@type" and unknown fields are ignored.
func (r *Role) UnmarshalJSON(data []byte) error {
	var wire struct {
		ID         flexString `json:"id"`
		AccountID  flexString `json:"accountId"`
		Name       flexString `json:"name"`
		DescUpper  flexString `json:"Description"`
		DescLower  flexString `json:"description"`
		ParentID   flexString `json:"parentId"`
		Privileges *struct {
			Privilege []struct {
				Name flexString `json:"name"`
			} `json:"Privilege"`
		} `json:"Privileges"`
	}
	if err := json.Unmarshal(data, &wire); err != nil {
		return err
	}
	*r = Role{
		ID: string(wire.ID), AccountID: string(wire.AccountID), Name: string(wire.Name),
		Description: string(wire.DescUpper), ParentID: string(wire.ParentID),
	}
	if r.Description == "" {
		r.Description = string(wire.DescLower)
	}
	if wire.Privileges != nil {
		for _, p := range wire.Privileges.Privilege {
			if p.Name != "" {
				r.Privileges = append(r.Privileges, string(p.Name))
			}
		}
	}
	return nil
}

// QueryRoles returns one page of roles (properties: name, parentId; Boomi allows only EQUALS here).
func (c *Client) QueryRoles(ctx context.Context, expr *Expression, token string) (Page[Role], error) {
	return queryPage[Role](ctx, c, objectRole, expr, token)
}

// GetRole reads one role by id.
func (c *Client) GetRole(ctx context.Context, id string) (Role, error) {
	return getObject[Role](ctx, c, objectRole, id)
}

// assignableRoles is the envelope of GET /getAssignableRoles: {"@type":"","Role":[...]}.
type assignableRoles struct {
	Role []Role `json:"Role"`
}

// GetAssignableRoles lists the roles the authenticated user may assign (built-in and custom).
func (c *Client) GetAssignableRoles(ctx context.Context) ([]Role, error) {
	var out assignableRoles
	if err := c.do(ctx, http.MethodGet, assignableRolesPath, nil, "", &out); err != nil {
		return nil, err
	}
	return out.Role, nil
}
