package boomisim

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
)

// AccountUserRole (docs/boomi-api.md#accountuserrole): the user <-> account <-> role link, and the only way users are listed,
// created and removed. No GET, UPDATE or bulk.

var userRoleQuery = newQueryKind[AccountUserRole](objAccountUserRole, nil,
	queryProp[AccountUserRole]{"accountId", func(l *AccountUserRole) string { return l.AccountID }},
	queryProp[AccountUserRole]{"userId", func(l *AccountUserRole) string { return l.UserID }},
	queryProp[AccountUserRole]{"roleId", func(l *AccountUserRole) string { return l.RoleID }},
)

func (s *Server) userRoleQuery(c *call) (json.RawMessage, *apiError) {
	if s.opts.UserRoleRefusesUserIDRanges && ordersUserID(c.body) {
		return nil, errOperatorNotAllowed(objAccountUserRole, "LESS_THAN", []string{"EQUALS"})
	}
	out, err := runQuery(s, c, userRoleQuery, func(_ *State, acct *AccountState) []AccountUserRole {
		return acct.UserRoles
	}, renderUserRole)
	if err == nil && s.opts.UserRoleNoMatchIs500 && bytes.Contains(out, []byte(`"numberOfResults":0`)) {
		return nil, errorf(http.StatusInternalServerError, "An internal error occurred.")
	}
	return out, err
}

// ordersUserID tells whether a query body compares userId by order (Options.UserRoleRefusesUserIDRanges).
func ordersUserID(body []byte) bool {
	for _, op := range []string{"LESS_THAN", "GREATER_THAN", "BETWEEN"} {
		if bytes.Contains(body, []byte(`"`+op)) && bytes.Contains(body, []byte(`"userId"`)) {
			return true
		}
	}
	return false
}

type userRoleBody struct {
	AccountID  string `json:"accountId"`
	UserID     string `json:"userId"`
	RoleID     string `json:"roleId"`
	FirstName  string `json:"firstName"`
	LastName   string `json:"lastName"`
	NotifyUser *bool  `json:"notifyUser"`
}

// userRoleCreate links a user to a role. An unknown e-mail creates the platform user and invites it; for
// an existing user the names in the body are ignored (docs/boomi-api.md#accountuserrole).
func (s *Server) userRoleCreate(c *call) (json.RawMessage, *apiError) {
	var in userRoleBody
	if err := decodeBody(c.body, objAccountUserRole, &in); err != nil {
		return nil, err
	}
	in.UserID, in.RoleID = strings.TrimSpace(in.UserID), strings.TrimSpace(in.RoleID)
	switch {
	case in.UserID == "":
		return nil, errMissingField(objAccountUserRole, "userId")
	case in.RoleID == "":
		return nil, errMissingField(objAccountUserRole, "roleId")
	case !strings.Contains(in.UserID, "@"):
		return nil, errBadUserID(in.UserID)
	}
	if err := checkAccountField(objAccountUserRole, in.AccountID, c); err != nil {
		return nil, err
	}
	return s.locked(c, func(st *State, acct *AccountState) (json.RawMessage, *apiError) {
		if r, _ := findRole(acct, in.RoleID); r == nil {
			return nil, errUnknownRole(in.RoleID)
		}
		if !roleAssignable(in.RoleID) {
			return nil, errRoleNotAssignable(in.RoleID)
		}
		for _, l := range acct.UserRoles {
			if sameUser(l.UserID, in.UserID) && l.RoleID == in.RoleID {
				return nil, errDuplicateUserRole(in.UserID, in.RoleID)
			}
		}
		member := userRoleCount(acct, in.UserID) > 0
		if !member && accountUserCount(acct) >= maxUsersPerAccount {
			return nil, errUserCap(maxUsersPerAccount)
		}
		user := findUser(st, in.UserID)
		isNew := user == nil
		if isNew {
			user = &PlatformUser{Email: in.UserID, FirstName: in.FirstName, LastName: in.LastName}
			st.Users[in.UserID] = user
		}
		link := AccountUserRole{
			ID:        linkID(acct.Account.AccountID, user.Email, in.RoleID),
			AccountID: acct.Account.AccountID,
			UserID:    user.Email,
			RoleID:    in.RoleID,
			FirstName: user.FirstName,
			LastName:  user.LastName,
		}
		acct.UserRoles = append(acct.UserRoles, link)

		if wantsNotify(in.NotifyUser) {
			kind := inviteAdded
			if isNew {
				kind = inviteNewUser
			}
			st.Invitations = append(st.Invitations, Invitation{AccountID: acct.Account.AccountID, UserID: user.Email, Kind: kind, Via: objAccountUserRole})
		}
		props := []AuditLogProperty{{Name: "userId", Value: user.Email}, {Name: "roleId", Value: in.RoleID}}
		if member {
			s.audit(acct, c.user, auditTypeUser, auditActionUpdate, auditModRole, "Role added to user "+user.Email, props...)
		} else {
			s.audit(acct, c.user, auditTypeUser, auditActionAdd, auditModNone, "User "+user.Email+" added to the account", props...)
		}
		return renderUserRole(&link), nil
	})
}

// userRoleDelete removes one link; removing a user's last role removes the user (and its federation
// record) from the account (docs/boomi-api.md#accountuserrole, partially confirmed).
func (s *Server) userRoleDelete(c *call) (json.RawMessage, *apiError) {
	return s.locked(c, func(_ *State, acct *AccountState) (json.RawMessage, *apiError) {
		idx := -1
		for i := range acct.UserRoles {
			if acct.UserRoles[i].ID == c.id {
				idx = i
				break
			}
		}
		if idx < 0 {
			return nil, errNotFound(objAccountUserRole, c.id)
		}
		link := acct.UserRoles[idx]
		acct.UserRoles = append(acct.UserRoles[:idx], acct.UserRoles[idx+1:]...)
		props := []AuditLogProperty{{Name: "userId", Value: link.UserID}, {Name: "roleId", Value: link.RoleID}}
		if userRoleCount(acct, link.UserID) == 0 {
			removeUserFromAccount(acct, link.UserID)
			s.audit(acct, c.user, auditTypeUser, auditActionDelete, auditModNone, "User "+link.UserID+" removed from the account", props...)
		} else {
			s.audit(acct, c.user, auditTypeUser, auditActionUpdate, auditModRole, "Role removed from user "+link.UserID, props...)
		}
		return nil, nil
	})
}
