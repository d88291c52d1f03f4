package e2e

import (
	"sort"

	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

// Small readers of a simulator snapshot, for judging provisioning runs by Boomi-side state.

// rolesOf is the sorted role ids of a user's AccountUserRole links in the account (duplicates kept, so a
// doubled link shows).
func rolesOf(acc *boomisim.AccountState, user string) []string {
	var out []string
	for _, l := range acc.UserRoles {
		if l.UserID == user {
			out = append(out, l.RoleID)
		}
	}
	sort.Strings(out)
	return out
}

// groupRoleLinks counts the AccountGroupUserRole links (group, user, role).
func groupRoleLinks(acc *boomisim.AccountState, group, user, role string) int {
	n := 0
	for _, l := range acc.GroupUserRoles {
		if l.AccountGroupID == group && l.UserID == user && l.RoleID == role {
			n++
		}
	}
	return n
}

// federationsOf is the federation ids recorded for a user in the account.
func federationsOf(acc *boomisim.AccountState, user string) []string {
	var out []string
	for _, f := range acc.Federations {
		if f.UserID == user {
			out = append(out, f.FederationID)
		}
	}
	return out
}

// invitationsTo counts the e-mails the simulated platform sent to a user for the account.
func invitationsTo(st *boomisim.State, account, user string) int {
	n := 0
	for _, inv := range st.Invitations {
		if inv.AccountID == account && inv.UserID == user {
			n++
		}
	}
	return n
}

func count(list []string, v string) int {
	n := 0
	for _, s := range list {
		if s == v {
			n++
		}
	}
	return n
}

// usersByRoles returns the account's users (sorted) and their role ids.
func usersByRoles(acc *boomisim.AccountState) ([]string, map[string][]string) {
	roles := map[string][]string{}
	for _, l := range acc.UserRoles {
		roles[l.UserID] = append(roles[l.UserID], l.RoleID)
	}
	users := make([]string, 0, len(roles))
	for u := range roles {
		users = append(users, u)
	}
	sort.Strings(users)
	return users, roles
}
