package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/baton-boomi/baton-boomi/internal/syncexpect"
	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

// Tree rows (--tree): primary-account mode. The dataset is DefaultSpec(users) with --sub-accounts direct
// sub-accounts shaped by treeSpec (50 of the primary's users and 5 users of its own in each, one custom
// role each, one nested sub-account per ten), synced with --include-sub-accounts, once with Boomi's default
// rate limit (every Partner API request counts against the primary's 10/s) and once with the primary's
// overrideAccountRateLimit property on (each sub-account has its own 10/s; the connector is told with
// --override-account-rate-limit).

// The two rate-limit options of a tree row (--tree-scopes).
const (
	scopeCaller  = "caller"  // Boomi's default: the primary's limit
	scopeAccount = "account" // overrideAccountRateLimit: each sub-account's own limit
)

func treeSpec(subAccounts int) *boomisim.TreeSpec {
	return &boomisim.TreeSpec{UsersPerSubAccount: 50, OwnUsersPerSubAccount: 5, CustomRolesPerSubAccount: 1, Nested: subAccounts / 10}
}

// treeArgs are the connector flags of a tree row.
func treeArgs(scope string) []string {
	if scope == scopeAccount {
		return []string{"--include-sub-accounts", "--override-account-rate-limit"}
	}
	return []string{"--include-sub-accounts"}
}

// governedSubAccounts are the accounts a tree sync reads: below the primary, not below or being a
// suspended or deleted account (the connector skips those).
func governedSubAccounts(st *boomisim.State, primary string) []string {
	var out []string
	level := []string{primary}
	for len(level) > 0 {
		var next []string
		for _, parent := range level {
			for id, a := range st.Accounts {
				if a.ParentID != parent {
					continue
				}
				switch strings.ToLower(a.Account.Status) {
				case "suspended", "deleted":
					continue
				}
				out = append(out, id)
				next = append(next, id)
			}
		}
		level = next
	}
	return out
}

// treeFloor adds to the primary's floor what each governed sub-account needs at least: its AccountUserRole
// pages, one getAssignableRoles, one Account query page (its own sub-accounts), and Validate's Partner API
// check. The routes are the same as the primary's (RouteKey has no account id), so the items grow in place.
func treeFloor(st *boomisim.State, primary string, floor []floorItem) []floorItem {
	out := append([]floorItem(nil), floor...)
	for _, id := range governedSubAccounts(st, primary) {
		links := len(st.Accounts[id].UserRoles)
		children := 0
		for _, a := range st.Accounts {
			if a.ParentID == id {
				children++
			}
		}
		for i := range out {
			switch out[i].Object {
			case objectAccountUserRole:
				out[i].N += links
				out[i].Pages += pagesFor(links)
			case "Account":
				out[i].N += children
				out[i].Pages += pagesFor(children)
			case "getAssignableRoles":
				out[i].Pages++
			}
		}
	}
	for i := range out {
		if out[i].Object == "Account (Validate)" {
			out[i].Pages++ // the Partner API check
		}
	}
	return out
}

// treeTimeFloor is T_min of a tree row. With the primary's limit shared by every request it is R_min over
// the rate. With a limit per account the accounts can overlap completely, so the floor is the busiest
// account's own requests over the rate.
func treeTimeFloor(st *boomisim.State, primary string, floor []floorItem, scope string, rate float64) time.Duration {
	total := floorTotal(floor)
	if scope == scopeCaller {
		return time.Duration(float64(total) / rate * float64(time.Second))
	}
	busiest := floorTotal(requestFloor(st, primary))
	for _, id := range governedSubAccounts(st, primary) {
		children := 0
		for _, a := range st.Accounts {
			if a.ParentID == id {
				children++
			}
		}
		busiest = max(busiest, pagesFor(len(st.Accounts[id].UserRoles))+1+pagesFor(children))
	}
	return time.Duration(float64(busiest) / rate * float64(time.Second))
}

// treeExpected is the c1z a tree sync must write.
func treeExpected(st *boomisim.State, primary string) *syncexpect.Expected {
	return syncexpect.ForTree(st, primary, syncexpect.RolesInState(st, primary), syncexpect.TreeOptions{})
}

func treeCaseName(users, subs int, scope string) string {
	return fmt.Sprintf("tree users=%d sub-accounts=%d rate-limit=%s", users, subs, scope)
}
