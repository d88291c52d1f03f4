package boomisim

import (
	"encoding/json"
	"strings"
)

// AccountGroup, AccountGroupAccount and AccountGroupUserRole (docs/boomi-api.md#accountgroup, #accountgroupuserrole). Account groups exist
// only on primary accounts: elsewhere queries answer an empty QueryResult (ConductorOne's Boomi docs; UNCONFIRMED(account-groups-on-non-primary)) and writes
// are refused.

var groupQuery = newQueryKind[AccountGroup](objAccountGroup, nil,
	queryProp[AccountGroup]{"id", func(g *AccountGroup) string { return g.ID }},
	queryProp[AccountGroup]{"accountId", func(g *AccountGroup) string { return g.AccountID }},
	queryProp[AccountGroup]{"name", func(g *AccountGroup) string { return g.Name }},
	queryProp[AccountGroup]{"defaultGroup", func(g *AccountGroup) string { return boolString(g.DefaultGroup) }},
	queryProp[AccountGroup]{"autoSubscribeAlertLevel", func(g *AccountGroup) string { return g.AutoSubscribeAlertLevel }},
)

var groupAccountQuery = newQueryKind[AccountGroupAccount](objAccountGroupAccount, nil,
	queryProp[AccountGroupAccount]{"accountGroupId", func(l *AccountGroupAccount) string { return l.AccountGroupID }},
	queryProp[AccountGroupAccount]{"accountId", func(l *AccountGroupAccount) string { return l.AccountID }},
)

var groupUserRoleQuery = newQueryKind[AccountGroupUserRole](objAccountGroupUserRole, nil,
	queryProp[AccountGroupUserRole]{"accountGroupId", func(l *AccountGroupUserRole) string { return l.AccountGroupID }},
	queryProp[AccountGroupUserRole]{"userId", func(l *AccountGroupUserRole) string { return l.UserID }},
	queryProp[AccountGroupUserRole]{"roleId", func(l *AccountGroupUserRole) string { return l.RoleID }},
)

// groupAlertLevels is the autoSubscribeAlertLevel enum of the AccountGroup schema.
var groupAlertLevels = []string{"none", "info", "warning", "error"}

// resourceTypes is the Resource objectType enum of the schema.
var resourceTypes = []string{"Cloud", "Connector", "Data Hub Model", "Integration Pack", "Published Process", "Role"}

func findGroup(acct *AccountState, id string) *AccountGroup {
	for i := range acct.Groups {
		if acct.Groups[i].ID == id {
			return &acct.Groups[i]
		}
	}
	return nil
}

func (s *Server) groupQuery(c *call) (json.RawMessage, *apiError) {
	return runQuery(s, c, groupQuery, func(_ *State, acct *AccountState) []AccountGroup {
		if !acct.Primary {
			return nil
		}
		return acct.Groups
	}, func(g *AccountGroup) json.RawMessage { return renderGroup(g, false) })
}

func (s *Server) groupGet(c *call) (json.RawMessage, *apiError) {
	return s.locked(c, func(_ *State, acct *AccountState) (json.RawMessage, *apiError) {
		g := findGroup(acct, c.id)
		if g == nil || !acct.Primary {
			return nil, errNotFound(objAccountGroup, c.id)
		}
		return renderGroup(g, true), nil
	})
}

func (s *Server) groupBulk(c *call) (json.RawMessage, *apiError) {
	return s.runBulkGet(c, func(_ *State, acct *AccountState, id string) (json.RawMessage, *apiError) {
		g := findGroup(acct, id)
		if g == nil || !acct.Primary {
			return nil, errNotFound(objAccountGroup, id)
		}
		return renderGroup(g, true), nil
	})
}

type groupBody struct {
	ID                      string `json:"id"`
	AccountID               string `json:"accountId"`
	Name                    string `json:"name"`
	DefaultGroup            *bool  `json:"defaultGroup"` // nil: not sent
	AutoSubscribeAlertLevel string `json:"autoSubscribeAlertLevel"`
	Resources               *struct {
		Resource []Resource `json:"Resource"`
	} `json:"Resources"`
}

func (in *groupBody) validate(c *call) *apiError {
	in.Name = strings.TrimSpace(in.Name)
	if in.Name == "" {
		return errMissingField(objAccountGroup, "name")
	}
	if err := checkAccountField(objAccountGroup, in.AccountID, c); err != nil {
		return err
	}
	if in.AutoSubscribeAlertLevel != "" && !containsString(groupAlertLevels, in.AutoSubscribeAlertLevel) {
		return errBadFieldValue(objAccountGroup, "autoSubscribeAlertLevel", in.AutoSubscribeAlertLevel, strings.Join(groupAlertLevels, ", "))
	}
	if in.Resources != nil {
		for _, r := range in.Resources.Resource {
			if r.ResourceID == "" {
				return errMissingField("Resource", "resourceId")
			}
			if r.ResourceName == "" {
				return errMissingField("Resource", "resourceName")
			}
			if r.ObjectType != "" && !containsString(resourceTypes, r.ObjectType) {
				return errBadFieldValue("Resource", "objectType", r.ObjectType, strings.Join(resourceTypes, ", "))
			}
		}
	}
	return nil
}

func (s *Server) groupCreate(c *call) (json.RawMessage, *apiError) {
	var in groupBody
	if err := decodeBody(c.body, objAccountGroup, &in); err != nil {
		return nil, err
	}
	if err := in.validate(c); err != nil {
		return nil, err
	}
	if in.DefaultGroup != nil && *in.DefaultGroup {
		return nil, errorf(statusBadRequest, "defaultGroup cannot be set: only the automatically created All Accounts group is the default group.")
	}
	return s.locked(c, func(_ *State, acct *AccountState) (json.RawMessage, *apiError) {
		if !acct.Primary {
			return nil, errNotPrimary(acct.Account.AccountID)
		}
		g := AccountGroup{ID: newObjectID(), AccountID: acct.Account.AccountID, Name: in.Name,
			AutoSubscribeAlertLevel: in.AutoSubscribeAlertLevel}
		if g.AutoSubscribeAlertLevel == "" {
			g.AutoSubscribeAlertLevel = "none"
		}
		if in.Resources != nil {
			g.Resources = append([]Resource(nil), in.Resources.Resource...)
		}
		acct.Groups = append(acct.Groups, g)
		return renderGroup(&g, true), nil
	})
}

func (s *Server) groupUpdate(c *call) (json.RawMessage, *apiError) {
	var in groupBody
	if err := decodeBody(c.body, objAccountGroup, &in); err != nil {
		return nil, err
	}
	if in.ID != "" && in.ID != c.id {
		return nil, errIDMismatch(objAccountGroup, in.ID, c.id)
	}
	if err := in.validate(c); err != nil {
		return nil, err
	}
	return s.locked(c, func(_ *State, acct *AccountState) (json.RawMessage, *apiError) {
		g := findGroup(acct, c.id)
		if g == nil || !acct.Primary {
			return nil, errNotFound(objAccountGroup, c.id)
		}
		if in.DefaultGroup != nil && *in.DefaultGroup != g.DefaultGroup {
			return nil, errorf(statusBadRequest, "defaultGroup cannot be changed.")
		}
		g.Name = in.Name
		if in.AutoSubscribeAlertLevel != "" {
			g.AutoSubscribeAlertLevel = in.AutoSubscribeAlertLevel
		}
		if in.Resources != nil {
			g.Resources = append([]Resource(nil), in.Resources.Resource...)
		}
		return renderGroup(g, true), nil
	})
}

func (s *Server) groupAccountQuery(c *call) (json.RawMessage, *apiError) {
	return runQuery(s, c, groupAccountQuery, func(_ *State, acct *AccountState) []AccountGroupAccount {
		if !acct.Primary {
			return nil
		}
		return acct.GroupAccounts
	}, func(l *AccountGroupAccount) json.RawMessage { return renderTyped(objAccountGroupAccount, l, nil) })
}

func (s *Server) groupAccountCreate(c *call) (json.RawMessage, *apiError) {
	var in AccountGroupAccount
	if err := decodeBody(c.body, objAccountGroupAccount, &in); err != nil {
		return nil, err
	}
	switch {
	case in.AccountGroupID == "":
		return nil, errMissingField(objAccountGroupAccount, "accountGroupId")
	case in.AccountID == "":
		return nil, errMissingField(objAccountGroupAccount, "accountId")
	}
	return s.locked(c, func(st *State, acct *AccountState) (json.RawMessage, *apiError) {
		if !acct.Primary {
			return nil, errNotPrimary(acct.Account.AccountID)
		}
		if findGroup(acct, in.AccountGroupID) == nil {
			return nil, errUnknownGroup(in.AccountGroupID)
		}
		// UNCONFIRMED(account-group-members-scope): which accounts a group may hold; the simulator allows the primary and accounts below it.
		if in.AccountID != acct.Account.AccountID && !isDescendant(st, in.AccountID, acct.Account.AccountID) {
			return nil, errGroupAccountNotManaged(in.AccountID)
		}
		for _, l := range acct.GroupAccounts {
			if l.AccountGroupID == in.AccountGroupID && l.AccountID == in.AccountID {
				return nil, errDuplicateGroupAccount(in.AccountID, in.AccountGroupID)
			}
		}
		l := AccountGroupAccount{ID: linkID(in.AccountGroupID, in.AccountID), AccountGroupID: in.AccountGroupID, AccountID: in.AccountID}
		acct.GroupAccounts = append(acct.GroupAccounts, l)
		return renderTyped(objAccountGroupAccount, &l, nil), nil
	})
}

func (s *Server) groupAccountDelete(c *call) (json.RawMessage, *apiError) {
	return s.locked(c, func(_ *State, acct *AccountState) (json.RawMessage, *apiError) {
		for i := range acct.GroupAccounts {
			if acct.GroupAccounts[i].ID == c.id && acct.Primary {
				acct.GroupAccounts = append(acct.GroupAccounts[:i], acct.GroupAccounts[i+1:]...)
				return nil, nil
			}
		}
		return nil, errNotFound(objAccountGroupAccount, c.id)
	})
}

func (s *Server) groupUserRoleQuery(c *call) (json.RawMessage, *apiError) {
	return runQuery(s, c, groupUserRoleQuery, func(_ *State, acct *AccountState) []AccountGroupUserRole {
		if !acct.Primary {
			return nil
		}
		return acct.GroupUserRoles
	}, renderGroupUserRole)
}

type groupUserRoleBody struct {
	AccountGroupID string `json:"accountGroupId"`
	UserID         string `json:"userId"`
	RoleID         string `json:"roleId"`
	FirstName      string `json:"firstName"`
	LastName       string `json:"lastName"`
	NotifyUser     *bool  `json:"notifyUser"`
}

// groupUserRoleCreate gives an existing, signed-in user a role in an account group of the primary account.
// Unlike AccountUserRole it never creates users (docs/boomi-api.md#accountgroupuserrole).
func (s *Server) groupUserRoleCreate(c *call) (json.RawMessage, *apiError) {
	var in groupUserRoleBody
	if err := decodeBody(c.body, objAccountGroupUserRole, &in); err != nil {
		return nil, err
	}
	in.UserID, in.RoleID = strings.TrimSpace(in.UserID), strings.TrimSpace(in.RoleID)
	switch {
	case in.AccountGroupID == "":
		return nil, errMissingField(objAccountGroupUserRole, "accountGroupId")
	case in.UserID == "":
		return nil, errMissingField(objAccountGroupUserRole, "userId")
	case in.RoleID == "":
		return nil, errMissingField(objAccountGroupUserRole, "roleId")
	}
	return s.locked(c, func(st *State, acct *AccountState) (json.RawMessage, *apiError) {
		if !acct.Primary {
			return nil, errNotPrimary(acct.Account.AccountID)
		}
		if findGroup(acct, in.AccountGroupID) == nil {
			return nil, errUnknownGroup(in.AccountGroupID)
		}
		if r, _ := findRole(acct, in.RoleID); r == nil {
			return nil, errUnknownRole(in.RoleID)
		}
		if !roleAssignable(in.RoleID) {
			return nil, errRoleNotAssignable(in.RoleID)
		}
		user := findUser(st, in.UserID)
		if user == nil || !user.LoggedIn {
			return nil, errUserNotLoggedIn(in.UserID)
		}
		for _, l := range acct.GroupUserRoles {
			if l.AccountGroupID == in.AccountGroupID && sameUser(l.UserID, in.UserID) && l.RoleID == in.RoleID {
				return nil, errDuplicateGroupUserRole(in.UserID, in.RoleID, in.AccountGroupID)
			}
		}
		l := AccountGroupUserRole{
			ID:             linkID(in.AccountGroupID, user.Email, in.RoleID),
			AccountGroupID: in.AccountGroupID,
			UserID:         user.Email,
			RoleID:         in.RoleID,
			FirstName:      user.FirstName,
			LastName:       user.LastName,
		}
		acct.GroupUserRoles = append(acct.GroupUserRoles, l)
		if wantsNotify(in.NotifyUser) {
			st.Invitations = append(st.Invitations, Invitation{AccountID: acct.Account.AccountID, UserID: user.Email, Kind: inviteAdded, Via: objAccountGroupUserRole})
		}
		s.audit(acct, c.user, auditTypeGroupUser, auditActionAdd, auditModNone, "User "+user.Email+" added to account group "+in.AccountGroupID,
			AuditLogProperty{Name: "userId", Value: user.Email}, AuditLogProperty{Name: "roleId", Value: in.RoleID},
			AuditLogProperty{Name: "accountGroupId", Value: in.AccountGroupID})
		return renderGroupUserRole(&l), nil
	})
}

func (s *Server) groupUserRoleDelete(c *call) (json.RawMessage, *apiError) {
	return s.locked(c, func(_ *State, acct *AccountState) (json.RawMessage, *apiError) {
		for i := range acct.GroupUserRoles {
			l := acct.GroupUserRoles[i]
			if l.ID == c.id && acct.Primary {
				acct.GroupUserRoles = append(acct.GroupUserRoles[:i], acct.GroupUserRoles[i+1:]...)
				s.audit(acct, c.user, auditTypeGroupUser, auditActionDelete, auditModNone, "User "+l.UserID+" removed from account group "+l.AccountGroupID,
					AuditLogProperty{Name: "userId", Value: l.UserID}, AuditLogProperty{Name: "roleId", Value: l.RoleID},
					AuditLogProperty{Name: "accountGroupId", Value: l.AccountGroupID})
				return nil, nil
			}
		}
		return nil, errNotFound(objAccountGroupUserRole, c.id)
	})
}
