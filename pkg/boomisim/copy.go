package boomisim

import "maps"

// Deep copies of the world, so Load and Snapshot never share memory with the caller. Written by hand
// because several fields (Extra, Privileges, Resources) are hidden from JSON and a JSON round trip would
// lose them.

func emptyState() *State {
	st := &State{}
	normalizeState(st)
	return st
}

// normalizeState fills nil maps so handlers never have to check them.
func normalizeState(st *State) {
	if st.Accounts == nil {
		st.Accounts = map[string]*AccountState{}
	}
	if st.Users == nil {
		st.Users = map[string]*PlatformUser{}
	}
}

func copyState(in *State) *State {
	if in == nil {
		return emptyState()
	}
	out := &State{
		Accounts:    make(map[string]*AccountState, len(in.Accounts)),
		Users:       make(map[string]*PlatformUser, len(in.Users)),
		Credentials: make([]Credential, len(in.Credentials)),
		Invitations: append([]Invitation(nil), in.Invitations...),
		MFT:         copyMFT(in.MFT),
	}
	for id, a := range in.Accounts {
		if a != nil {
			out.Accounts[id] = copyAccountState(a)
		}
	}
	for k, u := range in.Users {
		if u != nil {
			cp := *u
			out.Users[k] = &cp
		}
	}
	for i, c := range in.Credentials {
		c.Accounts = append([]string(nil), c.Accounts...)
		out.Credentials[i] = c
	}
	return out
}

func copyAccountState(in *AccountState) *AccountState {
	out := *in
	out.UserRoles = make([]AccountUserRole, len(in.UserRoles))
	for i, l := range in.UserRoles {
		l.NotifyUser = copyPtr(l.NotifyUser)
		l.Extra = copyExtra(l.Extra)
		out.UserRoles[i] = l
	}
	out.Roles = make([]Role, len(in.Roles))
	for i, r := range in.Roles {
		r.Privileges = append([]Privilege(nil), r.Privileges...)
		r.Extra = copyExtra(r.Extra)
		out.Roles[i] = r
	}
	out.Groups = make([]AccountGroup, len(in.Groups))
	for i, g := range in.Groups {
		g.Resources = append([]Resource(nil), g.Resources...)
		g.Extra = copyExtra(g.Extra)
		out.Groups[i] = g
	}
	out.GroupAccounts = append([]AccountGroupAccount(nil), in.GroupAccounts...)
	out.GroupUserRoles = make([]AccountGroupUserRole, len(in.GroupUserRoles))
	for i, l := range in.GroupUserRoles {
		l.NotifyUser = copyPtr(l.NotifyUser)
		l.Extra = copyExtra(l.Extra)
		out.GroupUserRoles[i] = l
	}
	out.Federations = append([]AccountUserFederation(nil), in.Federations...)
	if in.SSOConfig != nil {
		sso := *in.SSOConfig
		sso.Certificate = append([]string(nil), sso.Certificate...)
		out.SSOConfig = &sso
	}
	out.Environments = append([]Environment(nil), in.Environments...)
	out.EnvironmentRoles = append([]EnvironmentRole(nil), in.EnvironmentRoles...)
	out.AuditLogs = make([]AuditLog, len(in.AuditLogs))
	for i, e := range in.AuditLogs {
		e.Properties = append([]AuditLogProperty(nil), e.Properties...)
		out.AuditLogs[i] = e
	}
	return &out
}

// copyPtr copies the value p points at (nil stays nil).
func copyPtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

// copyExtra deep-copies a JSON-shaped value map (maps, slices and scalars).
func copyExtra(in map[string]any) map[string]any {
	if in == nil {
		return nil
	}
	out := make(map[string]any, len(in))
	for k, v := range in {
		out[k] = copyJSONValue(v)
	}
	return out
}

func copyJSONValue(v any) any {
	switch t := v.(type) {
	case map[string]any:
		return copyExtra(t)
	case []any:
		out := make([]any, len(t))
		for i, x := range t {
			out[i] = copyJSONValue(x)
		}
		return out
	default:
		return v
	}
}

func copyMFT(in *MFTState) *MFTState {
	if in == nil {
		return nil
	}
	out := *in
	out.APIKeys = append([]string(nil), in.APIKeys...)
	out.SSOMappings = make([]MFTSSOMapping, len(in.SSOMappings))
	for i, m := range in.SSOMappings {
		m.AttributeName = copyPtr(m.AttributeName)
		m.AttributeValue = copyPtr(m.AttributeValue)
		m.CreatedBy, m.CreatedDate = copyPtr(m.CreatedBy), copyPtr(m.CreatedDate)
		m.UpdatedBy, m.UpdatedDate = copyPtr(m.UpdatedBy), copyPtr(m.UpdatedDate)
		m.DeletedBy, m.DeletedDate = copyPtr(m.DeletedBy), copyPtr(m.DeletedDate)
		m.OrganizationIDs = append([]int32(nil), m.OrganizationIDs...)
		m.RoleIDs = append([]int32(nil), m.RoleIDs...)
		out.SSOMappings[i] = m
	}
	out.Roles = make([]MFTRole, len(in.Roles))
	for i, r := range in.Roles {
		r.UserRoleCode, r.UserRoleDescription = copyPtr(r.UserRoleCode), copyPtr(r.UserRoleDescription)
		r.DeletedDate = copyPtr(r.DeletedDate)
		r.Permissions = append([]int32(nil), r.Permissions...)
		r.CustomerID, r.Rank = copyPtr(r.CustomerID), copyPtr(r.Rank)
		out.Roles[i] = r
	}
	out.Organizations = make([]MFTOrganization, len(in.Organizations))
	for i, o := range in.Organizations {
		o.Name, o.PublicCode, o.SystemCode = copyPtr(o.Name), copyPtr(o.PublicCode), copyPtr(o.SystemCode)
		o.Description, o.CreatedDate, o.DeletedDate = copyPtr(o.Description), copyPtr(o.CreatedDate), copyPtr(o.DeletedDate)
		out.Organizations[i] = o
	}
	out.Users = make([]MFTUser, len(in.Users))
	for i, u := range in.Users {
		u.Created, u.CustomerName = copyPtr(u.Created), copyPtr(u.CustomerName)
		u.BannedUntil, u.LastLogin = copyPtr(u.BannedUntil), copyPtr(u.LastLogin)
		u.RoleIDs = append([]int32(nil), u.RoleIDs...)
		u.OrganizationIDs = append([]int32(nil), u.OrganizationIDs...)
		out.Users[i] = u
	}
	out.Deleted = maps.Clone(in.Deleted)
	return &out
}
