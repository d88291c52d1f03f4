package syncexpect

import (
	"sort"

	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

// Expected is what a correct sync of one account must write.
type Expected struct {
	Resources    map[string]map[string]bool // by type, then id
	Entitlements map[string]bool
	Grants       map[string]bool // grant ids (GrantID)
	// FederationIDs: user id -> federation id, for users that have one.
	FederationIDs map[string]string
	// Names: user id -> first and last name as the user's links carry them.
	Names map[string][2]string
}

// ServedRoles is what the simulator serves about roles for the connected account.
type ServedRoles struct {
	Roles      []string // every role id a Role query returns (built-in and custom)
	Assignable []string // role ids getAssignableRoles returns
}

// RolesInState is ServedRoles as the simulator derives it from st: a Role query returns the built-in roles
// followed by the account's custom roles, and getAssignableRoles the same without the roles the API cannot
// assign. Callers that can read the simulator's HTTP API should read it instead, so the expectation follows
// exactly what is served.
func RolesInState(st *boomisim.State, accountID string) ServedRoles {
	var ids, assignable []string
	for _, r := range append(boomisim.BuiltinRoles(), st.Accounts[accountID].Roles...) {
		ids = append(ids, r.ID)
		if boomisim.RoleAssignable(r.ID) {
			assignable = append(assignable, r.ID)
		}
	}
	return ServedRoles{Roles: ids, Assignable: assignable}
}

// ForAccount computes the expected contents of a Platform API sync of accountID in st, given the roles the
// simulator serves for it.
func ForAccount(st *boomisim.State, accountID string, roles ServedRoles) *Expected {
	acc := st.Accounts[accountID]
	exp := &Expected{
		Resources: map[string]map[string]bool{
			User: {}, Role: {}, AccountGroup: {}, Account: {}, Privilege: {}, Environment: {},
		},
		Entitlements:  map[string]bool{},
		Grants:        map[string]bool{},
		FederationIDs: map[string]string{},
		Names:         map[string][2]string{},
	}
	for _, id := range roles.Roles {
		exp.Resources[Role][id] = true
		exp.Entitlements[RoleEntitlement(id)] = true
	}
	for _, link := range acc.UserRoles {
		exp.Resources[User][link.UserID] = true
		exp.Names[link.UserID] = [2]string{link.FirstName, link.LastName}
		exp.Grants[GrantID(RoleEntitlement(link.RoleID), User, link.UserID)] = true
	}
	groups := map[string]bool{}
	for _, g := range acc.Groups {
		groups[g.ID] = true
		exp.Resources[AccountGroup][g.ID] = true
		for _, r := range roles.Assignable {
			exp.Entitlements[GroupEntitlement(g.ID, r)] = true
		}
	}
	// usersByGroupRole: group -> role -> users, for the expanded account grants below.
	usersByGroupRole := map[string]map[string][]string{}
	for _, link := range acc.GroupUserRoles {
		if !groups[link.AccountGroupID] {
			continue
		}
		if _, ok := exp.Names[link.UserID]; !ok {
			exp.Names[link.UserID] = [2]string{link.FirstName, link.LastName}
		}
		exp.Resources[User][link.UserID] = true
		exp.Grants[GrantID(GroupEntitlement(link.AccountGroupID, link.RoleID), User, link.UserID)] = true
		if usersByGroupRole[link.AccountGroupID] == nil {
			usersByGroupRole[link.AccountGroupID] = map[string][]string{}
		}
		usersByGroupRole[link.AccountGroupID][link.RoleID] = append(usersByGroupRole[link.AccountGroupID][link.RoleID], link.UserID)
	}
	for _, sub := range subAccounts(st, accountID) {
		exp.Resources[Account][sub] = true
		for _, r := range roles.Assignable {
			exp.Entitlements[AccountEntitlement(sub, r)] = true
		}
	}
	for _, ga := range acc.GroupAccounts {
		if !groups[ga.AccountGroupID] || !exp.Resources[Account][ga.AccountID] {
			continue
		}
		for _, r := range roles.Assignable {
			// The direct grant to the group, and after expansion one grant per user holding the group role.
			ent := AccountEntitlement(ga.AccountID, r)
			exp.Grants[GrantID(ent, AccountGroup, ga.AccountGroupID)] = true
			for _, u := range usersByGroupRole[ga.AccountGroupID][r] {
				exp.Grants[GrantID(ent, User, u)] = true
			}
		}
	}
	for _, f := range acc.Federations {
		if exp.Resources[User][f.UserID] {
			exp.FederationIDs[f.UserID] = f.FederationID
		}
	}
	exp.addAccessGrants(st, acc, roles)
	return exp
}

// addAccessGrants adds the privilege and environment types: each privilege of a served role granted to
// the role, each EnvironmentRole link granted to its role, and after the SDK's expansion the same
// entitlements for every user holding the role directly.
func (exp *Expected) addAccessGrants(st *boomisim.State, acc *boomisim.AccountState, roles ServedRoles) {
	holders := map[string][]string{} // role id -> users holding it directly
	for _, link := range acc.UserRoles {
		holders[link.RoleID] = append(holders[link.RoleID], link.UserID)
	}
	grantToRole := func(ent, roleID string) {
		exp.Entitlements[ent] = true
		exp.Grants[GrantID(ent, Role, roleID)] = true
		for _, u := range holders[roleID] {
			exp.Grants[GrantID(ent, User, u)] = true
		}
	}
	privileges := PrivilegesInState(st, acc.Account.AccountID)
	served := map[string]bool{}
	for _, id := range append(append([]string{}, roles.Roles...), roles.Assignable...) {
		if served[id] {
			continue
		}
		served[id] = true
		for _, code := range privileges[id] {
			exp.Resources[Privilege][code] = true
			grantToRole(PrivilegeEntitlement(code), id)
		}
	}
	for _, env := range acc.Environments {
		exp.Resources[Environment][env.ID] = true
		exp.Entitlements[EnvironmentEntitlement(env.ID)] = true
	}
	for _, l := range acc.EnvironmentRoles {
		grantToRole(EnvironmentEntitlement(l.EnvironmentID), l.RoleID)
	}
}

// PrivilegesInState maps each role the account sees (built-in and custom) to its privilege codes: its own,
// then those it inherits through parentId (a custom role inherits its parent's privileges).
func PrivilegesInState(st *boomisim.State, accountID string) map[string][]string {
	defs := map[string]boomisim.Role{}
	for _, r := range boomisim.BuiltinRoles() {
		defs[r.ID] = r
	}
	if acc := st.Accounts[accountID]; acc != nil {
		for _, r := range acc.Roles {
			defs[r.ID] = r
		}
	}
	out := map[string][]string{}
	for id := range defs {
		seen, visited := map[string]bool{}, map[string]bool{}
		for cur := id; cur != "" && !visited[cur]; cur = defs[cur].ParentID {
			visited[cur] = true
			for _, p := range defs[cur].Privileges {
				if !seen[p.Name] {
					seen[p.Name] = true
					out[id] = append(out[id], p.Name)
				}
			}
		}
	}
	return out
}

// subAccounts are the accounts below accountID (any depth), which a primary account manages.
func subAccounts(st *boomisim.State, accountID string) []string {
	var out []string
	for id, a := range st.Accounts {
		if id != accountID && isBelow(st, a, accountID) {
			out = append(out, id)
		}
	}
	sort.Strings(out)
	return out
}

func isBelow(st *boomisim.State, a *boomisim.AccountState, ancestor string) bool {
	for seen := 0; a != nil && a.ParentID != "" && seen < len(st.Accounts); seen++ {
		if a.ParentID == ancestor {
			return true
		}
		a = st.Accounts[a.ParentID]
	}
	return false
}
