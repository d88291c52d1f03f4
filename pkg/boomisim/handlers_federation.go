package boomisim

import (
	"encoding/json"
	"strings"
)

// AccountUserFederation (docs/boomi-api.md#accountuserfederation): a user's SSO federation id in one account. Federation ids are
// unique per account and case-sensitive, unless the account's AccountSSOConfig has caseInsensitiveFederationId
// on; a user has at most one record per account
// (UNCONFIRMED(federation-second-record): Boomi's answer to a second record is not documented).

var federationQuery = newQueryKind[AccountUserFederation](objAccountUserFederation, nil,
	queryProp[AccountUserFederation]{"accountId", func(f *AccountUserFederation) string { return f.AccountID }},
	queryProp[AccountUserFederation]{"userId", func(f *AccountUserFederation) string { return f.UserID }},
	queryProp[AccountUserFederation]{"federationId", func(f *AccountUserFederation) string { return f.FederationID }},
)

func renderFederation(f *AccountUserFederation) json.RawMessage {
	return renderTyped(objAccountUserFederation, f, nil)
}

func (s *Server) federationQuery(c *call) (json.RawMessage, *apiError) {
	return runQuery(s, c, federationQuery, func(_ *State, acct *AccountState) []AccountUserFederation {
		return acct.Federations
	}, renderFederation)
}

// federationIDTaken reports whether another record (not exceptID) in acct uses federationID, comparing the
// way the account is configured to: exactly by default, ignoring case with caseInsensitiveFederationId.
func federationIDTaken(acct *AccountState, federationID, exceptID string) bool {
	same := func(a, b string) bool { return a == b }
	if currentSSO(acct).CaseInsensitiveFederationID {
		same = strings.EqualFold
	}
	for _, f := range acct.Federations {
		if f.ID != exceptID && same(f.FederationID, federationID) {
			return true
		}
	}
	return false
}

func (s *Server) federationCreate(c *call) (json.RawMessage, *apiError) {
	var in AccountUserFederation
	if err := decodeBody(c.body, objAccountUserFederation, &in); err != nil {
		return nil, err
	}
	in.UserID, in.FederationID = strings.TrimSpace(in.UserID), strings.TrimSpace(in.FederationID)
	switch {
	case in.UserID == "":
		return nil, errMissingField(objAccountUserFederation, "userId")
	case in.FederationID == "":
		return nil, errMissingField(objAccountUserFederation, "federationId")
	case !strings.Contains(in.UserID, "@"):
		return nil, errBadUserID(in.UserID)
	}
	if err := checkAccountField(objAccountUserFederation, in.AccountID, c); err != nil {
		return nil, err
	}
	return s.locked(c, func(st *State, acct *AccountState) (json.RawMessage, *apiError) {
		for _, f := range acct.Federations {
			if sameUser(f.UserID, in.UserID) {
				return nil, errDuplicateFederationUser(in.UserID)
			}
		}
		if federationIDTaken(acct, in.FederationID, "") {
			return nil, errDuplicateFederationID(in.FederationID)
		}
		userID := in.UserID
		if u := findUser(st, in.UserID); u != nil {
			userID = u.Email
		}
		// The id is fixed at creation (it keeps naming the record after the federation id changes).
		f := AccountUserFederation{ID: linkID(in.FederationID, userID, acct.Account.AccountID),
			AccountID: acct.Account.AccountID, UserID: userID, FederationID: in.FederationID}
		acct.Federations = append(acct.Federations, f)
		s.audit(acct, c.user, auditTypeUser, auditActionUpdate, auditModNone, "Federation id set for user "+userID,
			AuditLogProperty{Name: "userId", Value: userID}, AuditLogProperty{Name: "federationId", Value: in.FederationID})
		return renderFederation(&f), nil
	})
}

func (s *Server) federationUpdate(c *call) (json.RawMessage, *apiError) {
	var in AccountUserFederation
	if err := decodeBody(c.body, objAccountUserFederation, &in); err != nil {
		return nil, err
	}
	in.FederationID = strings.TrimSpace(in.FederationID)
	if in.ID != "" && in.ID != c.id {
		return nil, errIDMismatch(objAccountUserFederation, in.ID, c.id)
	}
	if in.FederationID == "" {
		return nil, errMissingField(objAccountUserFederation, "federationId")
	}
	if err := checkAccountField(objAccountUserFederation, in.AccountID, c); err != nil {
		return nil, err
	}
	return s.locked(c, func(_ *State, acct *AccountState) (json.RawMessage, *apiError) {
		for i := range acct.Federations {
			f := &acct.Federations[i]
			if f.ID != c.id {
				continue
			}
			if in.UserID != "" && !sameUser(in.UserID, f.UserID) {
				return nil, errorf(statusBadRequest, "userId of an AccountUserFederation cannot be changed; delete the record and create a new one.")
			}
			if federationIDTaken(acct, in.FederationID, f.ID) {
				return nil, errDuplicateFederationID(in.FederationID)
			}
			previous := f.FederationID
			f.FederationID = in.FederationID
			s.audit(acct, c.user, auditTypeUser, auditActionUpdate, auditModNone, "Federation id changed for user "+f.UserID,
				AuditLogProperty{Name: "userId", Value: f.UserID},
				AuditLogProperty{Name: "federationId", Value: f.FederationID, PreviousValue: previous})
			return renderFederation(f), nil
		}
		return nil, errNotFound(objAccountUserFederation, c.id)
	})
}

func (s *Server) federationDelete(c *call) (json.RawMessage, *apiError) {
	return s.locked(c, func(_ *State, acct *AccountState) (json.RawMessage, *apiError) {
		for i, f := range acct.Federations {
			if f.ID == c.id {
				acct.Federations = append(acct.Federations[:i], acct.Federations[i+1:]...)
				s.audit(acct, c.user, auditTypeUser, auditActionUpdate, auditModNone, "Federation id removed for user "+f.UserID,
					AuditLogProperty{Name: "userId", Value: f.UserID}, AuditLogProperty{Name: "federationId", PreviousValue: f.FederationID})
				return nil, nil
			}
		}
		return nil, errNotFound(objAccountUserFederation, c.id)
	})
}
