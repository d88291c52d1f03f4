package syncexpect

import (
	"slices"
	"strings"

	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

// TreeOptions are the primary-account-mode flags a sync ran with.
type TreeOptions struct {
	Only []string // --sub-accounts ("" = the whole tree)
}

// ForTree is ForAccount for a sync with --include-sub-accounts: the sub-accounts the connector finds (the
// tree below the primary, not below a suspended or deleted account; or exactly the readable Only ids), and
// for each governed one (neither suspended nor deleted) its users, its assignable and held roles as
// account:<A>:<R> entitlements, and one direct grant per AccountUserRole link.
func ForTree(st *boomisim.State, accountID string, roles ServedRoles, opts TreeOptions) *Expected {
	exp := ForAccount(st, accountID, roles)
	listed := treeAccounts(st, accountID, opts)
	for id := range exp.Resources[Account] {
		if !slices.Contains(listed, id) {
			delete(exp.Resources[Account], id)
			for _, r := range roles.Assignable {
				delete(exp.Entitlements, AccountEntitlement(id, r))
			}
		}
	}
	for _, id := range listed {
		exp.Resources[Account][id] = true
		for _, r := range roles.Assignable {
			exp.Entitlements[AccountEntitlement(id, r)] = true
		}
		acc := st.Accounts[id]
		if !governed(acc) {
			continue
		}
		for _, r := range RolesInState(st, id).Assignable {
			exp.Entitlements[AccountEntitlement(id, r)] = true
		}
		for _, link := range acc.UserRoles {
			exp.Resources[User][link.UserID] = true
			if _, ok := exp.Names[link.UserID]; !ok {
				exp.Names[link.UserID] = [2]string{link.FirstName, link.LastName}
			}
			exp.Entitlements[AccountEntitlement(id, link.RoleID)] = true
			exp.Grants[GrantID(AccountEntitlement(id, link.RoleID), User, link.UserID)] = true
		}
	}
	// Group grants reach only listed accounts (ForAccount computed them for every account below).
	for g := range exp.Grants {
		if !strings.HasPrefix(g, "account:") {
			continue
		}
		rest := strings.TrimPrefix(g, "account:")
		acct, _, _ := strings.Cut(rest, ":")
		if !slices.Contains(listed, acct) {
			delete(exp.Grants, g)
		}
	}
	return exp
}

// treeAccounts are the sub-accounts a primary-account-mode sync lists.
func treeAccounts(st *boomisim.State, primary string, opts TreeOptions) []string {
	var out []string
	if len(opts.Only) > 0 {
		for _, id := range opts.Only {
			if id != primary && st.Accounts[id] != nil && isBelow(st, st.Accounts[id], primary) && !slices.Contains(out, id) {
				out = append(out, id)
			}
		}
		return out
	}
	level := []string{primary}
	for len(level) > 0 {
		var next []string
		for _, parent := range level {
			for _, id := range subAccounts(st, parent) {
				if st.Accounts[id].ParentID != parent {
					continue
				}
				out = append(out, id)
				if governed(st.Accounts[id]) {
					next = append(next, id)
				}
			}
		}
		level = next
	}
	return out
}

func governed(acc *boomisim.AccountState) bool {
	switch strings.ToLower(acc.Account.Status) {
	case "suspended", "deleted":
		return false
	}
	return true
}
