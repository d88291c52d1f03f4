package main

import (
	"fmt"
	"sort"
	"strings"

	"github.com/baton-boomi/baton-boomi/internal/c1zread"
	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

// The resource model of DESIGN §3 / CONNECTOR_DESIGN.md, which the verification holds the sync to.
const (
	rtUser         = "user"
	rtRole         = "role"
	rtAccountGroup = "account_group"
	rtAccount      = "account"
)

var platformTypes = []string{rtUser, rtRole, rtAccountGroup, rtAccount}

// expected is what a complete sync of the connected account writes, derived from the simulator's state:
// resources by type, entitlement ids, and grant ids (<entitlementId>:<principalType>:<principalId>), the
// ones the SDK adds by expanding account grants included.
type expected struct {
	resources    map[string]map[string]bool
	entitlements map[string]bool
	grants       map[string]bool
}

func grantID(entitlementID, principalType, principalID string) string {
	return entitlementID + ":" + principalType + ":" + principalID
}

// expectedContents follows the simulator's answers: a Role query and getAssignableRoles both return the
// built-in roles followed by the account's custom roles.
func expectedContents(st *boomisim.State, accountID string) *expected {
	acc := st.Accounts[accountID]
	exp := &expected{
		resources:    map[string]map[string]bool{rtUser: {}, rtRole: {}, rtAccountGroup: {}, rtAccount: {}},
		entitlements: map[string]bool{},
		grants:       map[string]bool{},
	}
	var roles []string
	for _, r := range append(boomisim.BuiltinRoles(), acc.Roles...) {
		roles = append(roles, r.ID)
		exp.resources[rtRole][r.ID] = true
		exp.entitlements["role:"+r.ID+":assigned"] = true
	}
	for _, l := range acc.UserRoles {
		exp.resources[rtUser][l.UserID] = true
		exp.grants[grantID("role:"+l.RoleID+":assigned", rtUser, l.UserID)] = true
	}
	if !acc.Primary {
		return exp
	}
	for _, g := range acc.Groups {
		exp.resources[rtAccountGroup][g.ID] = true
		for _, r := range roles {
			exp.entitlements["account_group:"+g.ID+":"+r] = true
		}
	}
	holders := map[string][]string{} // "group|role" -> users
	for _, l := range acc.GroupUserRoles {
		exp.resources[rtUser][l.UserID] = true
		exp.grants[grantID("account_group:"+l.AccountGroupID+":"+l.RoleID, rtUser, l.UserID)] = true
		holders[l.AccountGroupID+"|"+l.RoleID] = append(holders[l.AccountGroupID+"|"+l.RoleID], l.UserID)
	}
	for id, a := range st.Accounts {
		if a.ParentID == accountID {
			exp.resources[rtAccount][id] = true
			for _, r := range roles {
				exp.entitlements["account:"+id+":"+r] = true
			}
		}
	}
	for _, ga := range acc.GroupAccounts {
		if !exp.resources[rtAccount][ga.AccountID] {
			continue
		}
		for _, r := range roles {
			ent := "account:" + ga.AccountID + ":" + r
			exp.grants[grantID(ent, rtAccountGroup, ga.AccountGroupID)] = true
			for _, u := range holders[ga.AccountGroupID+"|"+r] {
				exp.grants[grantID(ent, rtUser, u)] = true
			}
		}
	}
	return exp
}

// verification is the outcome of comparing a .c1z with the expectation.
type verification struct {
	OK       bool              `json:"ok"`
	Counts   map[string][2]int `json:"counts"` // kind -> {expected, got}
	Problems []string          `json:"problems,omitempty"`
}

// verify compares got with exp: the same resources, entitlements and grants, each exactly once. MFT types
// are ignored (the benchmark syncs the Platform API only).
func verify(exp *expected, got *c1zread.Contents) verification {
	v := verification{Counts: map[string][2]int{}}
	for _, rt := range platformTypes {
		ids := map[string]int{}
		for _, r := range got.Resources[rt] {
			ids[r.GetId().GetResource()]++
		}
		v.compare(rt+" resources", exp.resources[rt], ids)
	}
	for rt, rs := range got.Resources {
		if _, known := exp.resources[rt]; !known && !strings.HasPrefix(rt, "mft_") && len(rs) > 0 {
			v.Problems = append(v.Problems, fmt.Sprintf("unexpected resource type %q with %d resources", rt, len(rs)))
		}
	}
	ents := map[string]int{}
	for _, e := range got.Entitlements {
		if !strings.HasPrefix(e.GetId(), "mft_") {
			ents[e.GetId()]++
		}
	}
	v.compare("entitlements", exp.entitlements, ents)
	grants := map[string]int{}
	for _, g := range got.Grants {
		p := g.GetPrincipal().GetId()
		if strings.HasPrefix(g.GetEntitlement().GetId(), "mft_") {
			continue
		}
		grants[grantID(g.GetEntitlement().GetId(), p.GetResourceType(), p.GetResource())]++
	}
	v.compare("grants", exp.grants, grants)
	v.OK = len(v.Problems) == 0
	return v
}

// compare records the sizes of a kind and any missing, extra or duplicated ids (a few of each).
func (v *verification) compare(kind string, want map[string]bool, got map[string]int) {
	v.Counts[kind] = [2]int{len(want), len(got)}
	var missing, extra, dup []string
	for id := range want {
		if got[id] == 0 {
			missing = append(missing, id)
		}
	}
	for id, n := range got {
		if !want[id] {
			extra = append(extra, id)
		}
		if n > 1 {
			dup = append(dup, fmt.Sprintf("%s x%d", id, n))
		}
	}
	for _, d := range []struct {
		what string
		ids  []string
	}{{"missing", missing}, {"extra", extra}, {"written more than once", dup}} {
		if len(d.ids) > 0 {
			sort.Strings(d.ids)
			v.Problems = append(v.Problems, fmt.Sprintf("%s: %d %s, e.g. %q", kind, len(d.ids), d.what, d.ids[:min(3, len(d.ids))]))
		}
	}
}
