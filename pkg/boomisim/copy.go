package boomisim

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
		l.NotifyUser = copyBoolPtr(l.NotifyUser)
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
		l.NotifyUser = copyBoolPtr(l.NotifyUser)
		l.Extra = copyExtra(l.Extra)
		out.GroupUserRoles[i] = l
	}
	out.Federations = append([]AccountUserFederation(nil), in.Federations...)
	if in.SSOConfig != nil {
		sso := *in.SSOConfig
		sso.Certificate = append([]string(nil), sso.Certificate...)
		out.SSOConfig = &sso
	}
	out.AuditLogs = make([]AuditLog, len(in.AuditLogs))
	for i, e := range in.AuditLogs {
		e.Properties = append([]AuditLogProperty(nil), e.Properties...)
		out.AuditLogs[i] = e
	}
	return &out
}

func copyBoolPtr(p *bool) *bool {
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
		m.AttributeName = copyStrPtr(m.AttributeName)
		m.AttributeValue = copyStrPtr(m.AttributeValue)
		m.CreatedBy, m.CreatedDate = copyStrPtr(m.CreatedBy), copyStrPtr(m.CreatedDate)
		m.UpdatedBy, m.UpdatedDate = copyStrPtr(m.UpdatedBy), copyStrPtr(m.UpdatedDate)
		m.DeletedBy, m.DeletedDate = copyStrPtr(m.DeletedBy), copyStrPtr(m.DeletedDate)
		m.OrganizationIDs = append([]int32(nil), m.OrganizationIDs...)
		m.RoleIDs = append([]int32(nil), m.RoleIDs...)
		out.SSOMappings[i] = m
	}
	out.Roles = make([]MFTRole, len(in.Roles))
	for i, r := range in.Roles {
		r.UserRoleCode, r.UserRoleDescription = copyStrPtr(r.UserRoleCode), copyStrPtr(r.UserRoleDescription)
		r.DeletedDate = copyStrPtr(r.DeletedDate)
		r.Permissions = append([]int32(nil), r.Permissions...)
		r.CustomerID, r.Rank = copyInt32Ptr(r.CustomerID), copyInt32Ptr(r.Rank)
		out.Roles[i] = r
	}
	out.Organizations = make([]MFTOrganization, len(in.Organizations))
	for i, o := range in.Organizations {
		o.Name, o.PublicCode, o.SystemCode = copyStrPtr(o.Name), copyStrPtr(o.PublicCode), copyStrPtr(o.SystemCode)
		o.Description, o.CreatedDate, o.DeletedDate = copyStrPtr(o.Description), copyStrPtr(o.CreatedDate), copyStrPtr(o.DeletedDate)
		out.Organizations[i] = o
	}
	out.Users = make([]MFTUser, len(in.Users))
	for i, u := range in.Users {
		u.Created, u.CustomerName = copyStrPtr(u.Created), copyStrPtr(u.CustomerName)
		u.BannedUntil, u.LastLogin = copyStrPtr(u.BannedUntil), copyStrPtr(u.LastLogin)
		u.RoleIDs = append([]int32(nil), u.RoleIDs...)
		u.OrganizationIDs = append([]int32(nil), u.OrganizationIDs...)
		out.Users[i] = u
	}
	if in.Deleted != nil {
		out.Deleted = make(map[int32]bool, len(in.Deleted))
		for k, v := range in.Deleted {
			out.Deleted[k] = v
		}
	}
	return &out
}

func copyStrPtr(p *string) *string {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

func copyInt32Ptr(p *int32) *int32 {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}
