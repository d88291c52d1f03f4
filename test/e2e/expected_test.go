package e2e

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

// Resource type ids and entitlement id shapes of DESIGN §3 / CONNECTOR_DESIGN.md.
const (
	rtUser         = "user"
	rtRole         = "role"
	rtAccountGroup = "account_group"
	rtAccount      = "account"
)

func roleEntitlement(roleID string) string { return "role:" + roleID + ":assigned" }
func groupEntitlement(groupID, roleID string) string {
	return "account_group:" + groupID + ":" + roleID
}
func accountEntitlement(accountID, roleID string) string {
	return "account:" + accountID + ":" + roleID
}

// grantID is the SDK's grant id convention: <entitlementId>:<principalType>:<principalId>.
func grantID(k grantKey) string { return k.Entitlement + ":" + k.PrincipalType + ":" + k.PrincipalID }

// expectation is what a correct sync of one account must write, derived from the simulator's state.
type expectation struct {
	Resources    map[string]map[string]bool // by type, then id
	Entitlements map[string]bool
	Grants       map[grantKey]bool
	// FederationIDs: user id -> federation id, for users that have one.
	FederationIDs map[string]string
	// Names: user id -> first and last name as the user's links carry them.
	Names map[string][2]string
}

// platformView is what the simulator serves about roles for the connected account, read over its own
// HTTP API (so the expectation follows exactly what the simulator answers, built-ins included).
type platformView struct {
	Roles      []string // every role id a Role query returns (built-in and custom)
	Assignable []string // role ids getAssignableRoles returns
}

// expectedSync computes the expected c1z contents for the connected account of st.
func expectedSync(st *boomisim.State, accountID string, view platformView) *expectation {
	acc := st.Accounts[accountID]
	exp := &expectation{
		Resources: map[string]map[string]bool{
			rtUser: {}, rtRole: {}, rtAccountGroup: {}, rtAccount: {},
		},
		Entitlements:  map[string]bool{},
		Grants:        map[grantKey]bool{},
		FederationIDs: map[string]string{},
		Names:         map[string][2]string{},
	}
	for _, id := range view.Roles {
		exp.Resources[rtRole][id] = true
		exp.Entitlements[roleEntitlement(id)] = true
	}
	for _, link := range acc.UserRoles {
		exp.Resources[rtUser][link.UserID] = true
		exp.Names[link.UserID] = [2]string{link.FirstName, link.LastName}
		exp.Grants[grantKey{roleEntitlement(link.RoleID), rtUser, link.UserID}] = true
	}
	groups := map[string]bool{}
	for _, g := range acc.Groups {
		groups[g.ID] = true
		exp.Resources[rtAccountGroup][g.ID] = true
		for _, r := range view.Assignable {
			exp.Entitlements[groupEntitlement(g.ID, r)] = true
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
		exp.Resources[rtUser][link.UserID] = true
		exp.Grants[grantKey{groupEntitlement(link.AccountGroupID, link.RoleID), rtUser, link.UserID}] = true
		if usersByGroupRole[link.AccountGroupID] == nil {
			usersByGroupRole[link.AccountGroupID] = map[string][]string{}
		}
		usersByGroupRole[link.AccountGroupID][link.RoleID] = append(usersByGroupRole[link.AccountGroupID][link.RoleID], link.UserID)
	}
	for _, sub := range subAccounts(st, accountID) {
		exp.Resources[rtAccount][sub] = true
		for _, r := range view.Assignable {
			exp.Entitlements[accountEntitlement(sub, r)] = true
		}
	}
	for _, ga := range acc.GroupAccounts {
		if !groups[ga.AccountGroupID] || !exp.Resources[rtAccount][ga.AccountID] {
			continue
		}
		for _, r := range view.Assignable {
			// The direct grant to the group, and after expansion one grant per user holding the group role.
			exp.Grants[grantKey{accountEntitlement(ga.AccountID, r), rtAccountGroup, ga.AccountGroupID}] = true
			for _, u := range usersByGroupRole[ga.AccountGroupID][r] {
				exp.Grants[grantKey{accountEntitlement(ga.AccountID, r), rtUser, u}] = true
			}
		}
	}
	for _, f := range acc.Federations {
		if exp.Resources[rtUser][f.UserID] {
			exp.FederationIDs[f.UserID] = f.FederationID
		}
	}
	return exp
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

// compareSync asserts that got holds exactly exp: every expected resource, entitlement and grant present
// exactly once, nothing extra. It reports at most a few differences per kind so failures stay readable.
func compareSync(t *testing.T, exp *expectation, got *c1zContents) {
	t.Helper()
	for _, rt := range []string{rtUser, rtRole, rtAccountGroup, rtAccount} {
		diffSets(t, rt+" resources", exp.Resources[rt], got.resourceIDs(rt))
		for id, n := range got.ResourceCounts[rt] {
			if n != 1 {
				t.Errorf("%s resource %q written %d times", rt, id, n)
			}
		}
	}
	for rt := range got.Resources {
		if _, known := exp.Resources[rt]; !known && !strings.HasPrefix(rt, "mft_") {
			t.Errorf("unexpected resource type %q with %d resources", rt, len(got.Resources[rt]))
		}
	}
	gotEnts := map[string]bool{}
	for id, n := range got.EntitlementCounts {
		if strings.HasPrefix(id, "mft_") {
			continue
		}
		gotEnts[id] = true
		if n != 1 {
			t.Errorf("entitlement %q written %d times", id, n)
		}
	}
	diffSets(t, "entitlements", exp.Entitlements, gotEnts)

	expGrants, gotGrants := map[string]bool{}, map[string]bool{}
	for k := range exp.Grants {
		expGrants[grantID(k)] = true
	}
	for k, n := range got.GrantCounts {
		if strings.HasPrefix(k.Entitlement, "mft_") {
			continue
		}
		gotGrants[grantID(k)] = true
		if n != 1 {
			t.Errorf("grant %q written %d times", grantID(k), n)
		}
	}
	diffSets(t, "grants", expGrants, gotGrants)
	for id, n := range got.GrantIDs {
		if n != 1 {
			t.Errorf("grant id %q used by %d grants", id, n)
		}
	}
}

// diffSets reports what is missing from got and what got has in excess, a few of each.
func diffSets(t *testing.T, what string, want, got map[string]bool) {
	t.Helper()
	var missing, extra []string
	for k := range want {
		if !got[k] {
			missing = append(missing, k)
		}
	}
	for k := range got {
		if !want[k] {
			extra = append(extra, k)
		}
	}
	if len(missing) == 0 && len(extra) == 0 {
		return
	}
	sort.Strings(missing)
	sort.Strings(extra)
	t.Errorf("%s: want %d, got %d; missing %d %s; extra %d %s", what, len(want), len(got),
		len(missing), firstFew(missing), len(extra), firstFew(extra))
}

func firstFew(list []string) string {
	const n = 5
	if len(list) > n {
		return fmt.Sprintf("%q …", list[:n])
	}
	return fmt.Sprintf("%q", list)
}
