package boomisim

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
)

// Role (docs/boomi-api.md#roles): built-in roles (accountId "1", immutable) plus the account's custom roles. Queries
// allow only EQUALS on name and parentId.

var roleQuery = newQueryKind[Role](objRole, []string{"EQUALS"},
	queryProp[Role]{"name", func(r *Role) string { return r.Name }},
	queryProp[Role]{"parentId", func(r *Role) string { return r.ParentID }},
)

// visibleRoles lists the built-in roles followed by the account's custom roles. A Role query is assumed to
// return built-in roles too: docs/assumptions.md#role-query-lists-builtin.
func visibleRoles(acct *AccountState) []Role {
	return append(BuiltinRoles(), acct.Roles...)
}

func (s *Server) roleQuery(c *call) (json.RawMessage, *apiError) {
	return runQuery(s, c, roleQuery, func(_ *State, acct *AccountState) []Role {
		if s.opts.RoleQueryOmitsBuiltin {
			return acct.Roles
		}
		return visibleRoles(acct)
	}, renderRole)
}

func (s *Server) roleGet(c *call) (json.RawMessage, *apiError) {
	return s.locked(c, func(_ *State, acct *AccountState) (json.RawMessage, *apiError) {
		r, _ := findRole(acct, c.id)
		if r == nil {
			return nil, errNotFound(objRole, c.id)
		}
		return renderRole(r), nil
	})
}

func (s *Server) roleBulk(c *call) (json.RawMessage, *apiError) {
	return s.runBulkGet(c, func(_ *State, acct *AccountState, id string) (json.RawMessage, *apiError) {
		r, _ := findRole(acct, id)
		if r == nil {
			return nil, errNotFound(objRole, id)
		}
		return renderRole(r), nil
	})
}

// assignableRoles answers GET /getAssignableRoles: {"@type":"","Role":[...]} (docs/boomi-api.md#roles), the
// roles the caller may assign — so never one that an AccountUserRole create would then refuse.
func (s *Server) assignableRoles(c *call) (json.RawMessage, *apiError) {
	return s.locked(c, func(_ *State, acct *AccountState) (json.RawMessage, *apiError) {
		var b bytes.Buffer
		b.WriteString(`{"@type":"","Role":[`)
		n := 0
		for _, r := range visibleRoles(acct) {
			if !roleAssignable(r.ID) {
				continue
			}
			if n > 0 {
				b.WriteByte(',')
			}
			n++
			b.Write(renderRole(&r))
		}
		b.WriteString(`]}`)
		return b.Bytes(), nil
	})
}

// roleBody is a Role as clients send it. encoding/json matches keys case-insensitively, so both
// "Description" (the schema) and "description" (the GetAssignableRoles example) land in Description.
type roleBody struct {
	ID          string `json:"id"`
	AccountID   string `json:"accountId"`
	Name        string `json:"name"`
	Description string `json:"Description"`
	ParentID    string `json:"parentId"`
	Privileges  *struct {
		Privilege []Privilege `json:"Privilege"`
	} `json:"Privileges"`
}

// validate checks a create/update body (UPDATE must send the complete object, docs/boomi-api.md#roles).
func (in *roleBody) validate(acct *AccountState, c *call) *apiError {
	in.Name = strings.TrimSpace(in.Name)
	if in.Name == "" {
		return errMissingField(objRole, "name")
	}
	if err := checkAccountField(objRole, in.AccountID, c); err != nil {
		return err
	}
	if in.ParentID != "" {
		if p, _ := findRole(acct, in.ParentID); p == nil {
			return errUnknownParentRole(in.ParentID)
		}
	}
	if in.Privileges != nil {
		for _, p := range in.Privileges.Privilege {
			if strings.TrimSpace(p.Name) == "" {
				return errMissingField("Privilege", "name")
			}
		}
	}
	return nil
}

func (in *roleBody) privileges() []Privilege {
	if in.Privileges == nil {
		return nil
	}
	return append([]Privilege(nil), in.Privileges.Privilege...)
}

func (s *Server) roleCreate(c *call) (json.RawMessage, *apiError) {
	var in roleBody
	if err := decodeBody(c.body, objRole, &in); err != nil {
		return nil, err
	}
	return s.locked(c, func(_ *State, acct *AccountState) (json.RawMessage, *apiError) {
		if err := in.validate(acct, c); err != nil {
			return nil, err
		}
		r := Role{ID: newObjectID(), AccountID: acct.Account.AccountID, Name: in.Name,
			Description: in.Description, ParentID: in.ParentID, Privileges: in.privileges()}
		acct.Roles = append(acct.Roles, r)
		return renderRole(&r), nil
	})
}

func (s *Server) roleUpdate(c *call) (json.RawMessage, *apiError) {
	if isBuiltinRole(c.id) {
		return nil, errDefaultRole()
	}
	var in roleBody
	if err := decodeBody(c.body, objRole, &in); err != nil {
		return nil, err
	}
	if in.ID != "" && in.ID != c.id {
		return nil, errIDMismatch(objRole, in.ID, c.id)
	}
	return s.locked(c, func(_ *State, acct *AccountState) (json.RawMessage, *apiError) {
		r, _ := findRole(acct, c.id)
		if r == nil {
			return nil, errNotFound(objRole, c.id)
		}
		if err := in.validate(acct, c); err != nil {
			return nil, err
		}
		if in.ParentID == r.ID {
			return nil, errorf(statusBadRequest, "A role cannot be its own parent (parentId %q).", in.ParentID)
		}
		r.Name, r.Description, r.ParentID, r.Privileges = in.Name, in.Description, in.ParentID, in.privileges()
		return renderRole(r), nil
	})
}

// roleDelete removes a custom role. UNCONFIRMED(role-delete-while-assigned): Boomi's status and text for a role still assigned; the simulator
// refuses rather than silently removing users' access.
func (s *Server) roleDelete(c *call) (json.RawMessage, *apiError) {
	if isBuiltinRole(c.id) {
		return nil, errDefaultRole()
	}
	return s.locked(c, func(_ *State, acct *AccountState) (json.RawMessage, *apiError) {
		idx := -1
		for i := range acct.Roles {
			if acct.Roles[i].ID == c.id {
				idx = i
			}
		}
		if idx < 0 {
			return nil, errNotFound(objRole, c.id)
		}
		holders := 0
		for _, l := range acct.UserRoles {
			if l.RoleID == c.id {
				holders++
			}
		}
		for _, l := range acct.GroupUserRoles {
			if l.RoleID == c.id {
				holders++
			}
		}
		if holders > 0 {
			return nil, errRoleInUse(c.id, holders)
		}
		acct.Roles = append(acct.Roles[:idx], acct.Roles[idx+1:]...)
		// A deleted role no longer restricts any environment.
		acct.EnvironmentRoles = slices.DeleteFunc(acct.EnvironmentRoles, func(l EnvironmentRole) bool { return l.RoleID == c.id })
		return nil, nil
	})
}
