package boomisim

import (
	"encoding/json"
	"strings"
)

// Environment and EnvironmentRole (docs/access-report.md). Environments are read-only here (the connector
// never creates them); EnvironmentRole links are created, listed, read and deleted. Queries: Environment by
// name, id, classification; EnvironmentRole by environmentId and roleId with EQUALS and NOT_EQUALS only.

var environmentQuery = newQueryKind[Environment](objEnvironment, nil,
	queryProp[Environment]{"name", func(e *Environment) string { return e.Name }},
	queryProp[Environment]{"id", func(e *Environment) string { return e.ID }},
	queryProp[Environment]{"classification", func(e *Environment) string { return e.Classification }},
)

var environmentRoleQuery = newQueryKind[EnvironmentRole](objEnvironmentRole, []string{"EQUALS", "NOT_EQUALS"},
	queryProp[EnvironmentRole]{"environmentId", func(l *EnvironmentRole) string { return l.EnvironmentID }},
	queryProp[EnvironmentRole]{"roleId", func(l *EnvironmentRole) string { return l.RoleID }},
)

func renderEnvironment(e *Environment) json.RawMessage { return renderTyped(objEnvironment, e, nil) }

func renderEnvironmentRole(l *EnvironmentRole) json.RawMessage {
	return renderTyped(objEnvironmentRole, l, nil)
}

func findEnvironment(acct *AccountState, id string) *Environment {
	for i := range acct.Environments {
		if acct.Environments[i].ID == id {
			return &acct.Environments[i]
		}
	}
	return nil
}

func findEnvironmentRole(acct *AccountState, id string) int {
	for i := range acct.EnvironmentRoles {
		if acct.EnvironmentRoles[i].ID == id {
			return i
		}
	}
	return -1
}

// environmentRoleID synthesizes a link's conceptual id from its environment and role ids.
func environmentRoleID(environmentID, roleID string) string { return linkID(environmentID, roleID) }

func (s *Server) environmentQuery(c *call) (json.RawMessage, *apiError) {
	return runQuery(s, c, environmentQuery, func(_ *State, acct *AccountState) []Environment {
		return acct.Environments
	}, renderEnvironment)
}

func (s *Server) environmentGet(c *call) (json.RawMessage, *apiError) {
	return s.locked(c, func(_ *State, acct *AccountState) (json.RawMessage, *apiError) {
		return environmentByID(acct, c.id)
	})
}

func (s *Server) environmentBulk(c *call) (json.RawMessage, *apiError) {
	return s.runBulkGet(c, func(_ *State, acct *AccountState, id string) (json.RawMessage, *apiError) {
		return environmentByID(acct, id)
	})
}

func environmentByID(acct *AccountState, id string) (json.RawMessage, *apiError) {
	e := findEnvironment(acct, id)
	if e == nil {
		return nil, errNotFound(objEnvironment, id)
	}
	return renderEnvironment(e), nil
}

func (s *Server) environmentRoleQuery(c *call) (json.RawMessage, *apiError) {
	return runQuery(s, c, environmentRoleQuery, func(_ *State, acct *AccountState) []EnvironmentRole {
		return acct.EnvironmentRoles
	}, renderEnvironmentRole)
}

func (s *Server) environmentRoleGet(c *call) (json.RawMessage, *apiError) {
	return s.locked(c, func(_ *State, acct *AccountState) (json.RawMessage, *apiError) {
		return environmentRoleByID(acct, c.id)
	})
}

func (s *Server) environmentRoleBulk(c *call) (json.RawMessage, *apiError) {
	return s.runBulkGet(c, func(_ *State, acct *AccountState, id string) (json.RawMessage, *apiError) {
		return environmentRoleByID(acct, id)
	})
}

func environmentRoleByID(acct *AccountState, id string) (json.RawMessage, *apiError) {
	i := findEnvironmentRole(acct, id)
	if i < 0 {
		return nil, errNotFound(objEnvironmentRole, id)
	}
	return renderEnvironmentRole(&acct.EnvironmentRoles[i]), nil
}

type environmentRoleBody struct {
	EnvironmentID string `json:"environmentId"`
	RoleID        string `json:"roleId"`
}

// environmentRoleCreate attaches a role to an environment; both must exist, and a link that exists already
// is refused like every other duplicate link.
func (s *Server) environmentRoleCreate(c *call) (json.RawMessage, *apiError) {
	var in environmentRoleBody
	if err := decodeBody(c.body, objEnvironmentRole, &in); err != nil {
		return nil, err
	}
	in.EnvironmentID, in.RoleID = strings.TrimSpace(in.EnvironmentID), strings.TrimSpace(in.RoleID)
	switch {
	case in.EnvironmentID == "":
		return nil, errMissingField(objEnvironmentRole, "environmentId")
	case in.RoleID == "":
		return nil, errMissingField(objEnvironmentRole, "roleId")
	}
	return s.locked(c, func(_ *State, acct *AccountState) (json.RawMessage, *apiError) {
		if acct.EnvironmentRolesOff {
			return nil, errEnvironmentRolesOff(acct.Account.AccountID)
		}
		if findEnvironment(acct, in.EnvironmentID) == nil {
			return nil, errUnknownEnvironment(in.EnvironmentID)
		}
		if r, _ := findRole(acct, in.RoleID); r == nil {
			return nil, errUnknownRole(in.RoleID)
		}
		id := environmentRoleID(in.EnvironmentID, in.RoleID)
		if findEnvironmentRole(acct, id) >= 0 {
			return nil, errDuplicateEnvironmentRole(in.EnvironmentID, in.RoleID)
		}
		link := EnvironmentRole{ID: id, EnvironmentID: in.EnvironmentID, RoleID: in.RoleID}
		acct.EnvironmentRoles = append(acct.EnvironmentRoles, link)
		return renderEnvironmentRole(&link), nil
	})
}

func (s *Server) environmentRoleDelete(c *call) (json.RawMessage, *apiError) {
	return s.locked(c, func(_ *State, acct *AccountState) (json.RawMessage, *apiError) {
		if acct.EnvironmentRolesOff {
			return nil, errEnvironmentRolesOff(acct.Account.AccountID)
		}
		i := findEnvironmentRole(acct, c.id)
		if i < 0 {
			return nil, errNotFound(objEnvironmentRole, c.id)
		}
		acct.EnvironmentRoles = append(acct.EnvironmentRoles[:i], acct.EnvironmentRoles[i+1:]...)
		return nil, nil
	})
}
