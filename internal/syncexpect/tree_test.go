package syncexpect

import (
	"testing"

	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

func TestForTreeFollowsWhatTheConnectorReads(t *testing.T) {
	link := func(acct, user, role string) boomisim.AccountUserRole {
		return boomisim.AccountUserRole{ID: acct + user + role, AccountID: acct, UserID: user, RoleID: role}
	}
	acct := func(id, parent, status string, links ...boomisim.AccountUserRole) *boomisim.AccountState {
		return &boomisim.AccountState{Account: boomisim.Account{AccountID: id, Status: status}, ParentID: parent, UserRoles: links}
	}
	st := &boomisim.State{Accounts: map[string]*boomisim.AccountState{
		"p":  acct("p", "", "active", link("p", "a@x", boomisim.StandardUserRoleID)),
		"c":  acct("c", "p", "active", link("c", "own@x", boomisim.SupportRoleID)),
		"cn": acct("cn", "c", "active", link("cn", "deep@x", boomisim.StandardUserRoleID)),
		"s":  acct("s", "p", "suspended", link("s", "hidden@x", boomisim.StandardUserRoleID)),
		"sn": acct("sn", "s", "active", link("sn", "below@x", boomisim.StandardUserRoleID)),
	}}
	st.Accounts["p"].Primary = true
	exp := ForTree(st, "p", RolesInState(st, "p"), TreeOptions{})
	for id, want := range map[string]bool{"c": true, "cn": true, "s": true, "sn": false} {
		if exp.Resources[Account][id] != want {
			t.Errorf("account %s expected %v", id, want)
		}
	}
	for user, want := range map[string]bool{"a@x": true, "own@x": true, "deep@x": true, "hidden@x": false, "below@x": false} {
		if exp.Resources[User][user] != want {
			t.Errorf("user %s expected %v", user, want)
		}
	}
	if !exp.Grants[GrantID(AccountEntitlement("cn", boomisim.StandardUserRoleID), User, "deep@x")] {
		t.Error("no direct grant in the nested account")
	}
	only := ForTree(st, "p", RolesInState(st, "p"), TreeOptions{Only: []string{"cn", "elsewhere"}})
	if len(only.Resources[Account]) != 1 || !only.Resources[Account]["cn"] || only.Resources[User]["own@x"] {
		t.Errorf("Only: accounts %v users %v", only.Resources[Account], only.Resources[User])
	}
}
