package boomisim

import (
	"fmt"
	"slices"
	"strings"
)

// TreeSpec shapes the sub-accounts of a generated primary like a partner's account tree, for primary-account
// mode: each sub-account has members drawn from the primary's users, users of its own, custom roles of its
// own, and some sub-accounts have sub-accounts of their own (nested).
type TreeSpec struct {
	// UsersPerSubAccount is how many of the primary's users each sub-account holds (0 = users/20, 1..200).
	UsersPerSubAccount int `json:"usersPerSubAccount"`
	// OwnUsersPerSubAccount is how many users exist only in each sub-account (new e-mails, not in the primary).
	OwnUsersPerSubAccount int `json:"ownUsersPerSubAccount"`
	// CustomRolesPerSubAccount is how many custom roles each sub-account defines; its users hold some of them.
	CustomRolesPerSubAccount int `json:"customRolesPerSubAccount"`
	// Nested is how many sub-accounts are created below other sub-accounts (in addition to SubAccounts).
	Nested int `json:"nested"`
}

// tree adds the TreeSpec parts after every other step of Generate, so a spec without Tree draws the same
// random numbers as before and gives the same world.
func (g *generator) tree(t TreeSpec) {
	direct := slices.Clone(g.subAccounts)
	for i := range t.Nested {
		if len(direct) == 0 {
			break
		}
		parent := direct[i%len(direct)]
		slug, _, _ := strings.Cut(parent.Account.AccountID, "-")
		nested := &AccountState{
			Account: Account{
				AccountID:    g.accountID(fmt.Sprintf("%sn%d", slug, i+1)),
				Name:         fmt.Sprintf("%s Unit %d", parent.Account.Name, i+1),
				Status:       "active",
				DateCreated:  g.date(g.rng.Float64() * 365),
				SupportLevel: "standard",
			},
			ParentID: parent.Account.AccountID,
		}
		g.addUserRole(nested, g.userOrder[0], AdministratorRoleID)
		members := slices.Clone(g.userOrder[1:])
		g.rng.Shuffle(len(members), func(a, b int) { members[a], members[b] = members[b], members[a] })
		members = members[:min(len(members), max(t.UsersPerSubAccount, 1))]
		g.inCreationOrder(members)
		for _, email := range members {
			g.addUserRole(nested, email, StandardUserRoleID)
		}
		g.subAccounts = append(g.subAccounts, nested)
		g.st.Accounts[nested.Account.AccountID] = nested
	}
	for _, sub := range g.subAccounts {
		g.subAccountRoles(sub, t.CustomRolesPerSubAccount)
		g.ownUsers(sub, t.OwnUsersPerSubAccount)
	}
}

// subAccountRoles defines n custom roles on sub and gives each to a few of its users (as an extra role).
func (g *generator) subAccountRoles(sub *AccountState, n int) {
	var holders []string
	seen := map[string]bool{}
	for _, l := range sub.UserRoles {
		if !seen[l.UserID] && l.UserID != g.userOrder[0] {
			seen[l.UserID] = true
			holders = append(holders, l.UserID)
		}
	}
	for i := range n {
		base := customRolePool[(i+3)%len(customRolePool)]
		role := Role{
			ID: g.uuid(), AccountID: sub.Account.AccountID, Name: base.name + " (" + sub.Account.Name + ")",
			Description: base.description, ParentID: StandardUserRoleID,
			Privileges: []Privilege{{Name: privilegePool[i%len(privilegePool)]}},
		}
		sub.Roles = append(sub.Roles, role)
		for j, email := range holders {
			if j%3 == i%3 {
				g.addUserRole(sub, email, role.ID)
			}
		}
	}
}

// ownUsers adds n users who exist only in sub, each with Standard User and, for every other one,
// Production Support as well.
func (g *generator) ownUsers(sub *AccountState, n int) {
	slug, _, _ := strings.Cut(sub.Account.AccountID, "-")
	domain := strings.ToLower(slug) + ".example"
	for i := range n {
		first := firstNamePool[g.rng.IntN(len(firstNamePool))]
		last := lastNamePool[g.rng.IntN(len(lastNamePool))]
		email := uniqueEmail(makeEmail(g.rng, emailDotted, first.ascii, last.ascii, domain), g.taken)
		g.st.Users[email] = &PlatformUser{Email: email, FirstName: first.display, LastName: last.display, LoggedIn: true}
		g.addUserRole(sub, email, StandardUserRoleID)
		if i%2 == 1 {
			g.addUserRole(sub, email, ProductionSupportRoleID)
		}
	}
}
