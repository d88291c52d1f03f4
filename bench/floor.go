package main

import (
	"sort"

	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

// objectAccountUserRole is the floor item of the AccountUserRole pages (the primary's and, in tree rows,
// every sub-account's).
const objectAccountUserRole = "AccountUserRole"

// boomiPageSize is the number of objects one Boomi query/queryMore page holds.
const boomiPageSize = 100

// pagedObjects are the Boomi objects a full sync must list with query/queryMore (docs/architecture.md#performance-model):
// users come from AccountUserRole and AccountGroupUserRole links, SSO ids from AccountUserFederation, the
// role resources from Role, account groups and their sub-accounts from AccountGroup and AccountGroupAccount,
// sub-accounts from Account, environments and the roles attached to them from Environment and
// EnvironmentRole.
var pagedObjects = []string{
	objectAccountUserRole, "AccountUserFederation", "AccountGroupUserRole",
	"Role", "AccountGroup", "AccountGroupAccount", "Account", "Environment", "EnvironmentRole",
}

// singleCalls are the unpaged requests a sync cannot do without: the assignable roles (entitlements of
// groups and sub-accounts), the account's SSO configuration (who can bypass SSO) and one credential check. Validate's second call (a Role query by name, proving
// the Account Administrator privilege) is deliberately not in the floor: the full Role query proves it too.
var singleCalls = []floorItem{
	{Object: "getAssignableRoles", Routes: []string{"GET /getAssignableRoles"}, Pages: 1, Single: true},
	{Object: "AccountSSOConfig", Routes: []string{"GET /AccountSSOConfig/{id}"}, Pages: 1, Single: true},
	{Object: "Account (Validate)", Routes: []string{"GET /Account/{id}"}, Pages: 1, Single: true},
}

// floorItem is one line of R_min: an object, how many the account holds, the requests it needs at least,
// and the routes whose requests count against it.
type floorItem struct {
	Object string   `json:"object"`
	N      int      `json:"n"`
	Pages  int      `json:"pages"`
	Routes []string `json:"routes"`
	Single bool     `json:"single,omitempty"` // one unpaged call; N is meaningless
}

// pagesFor is ceil(n/100), and 1 for an empty object: a sync must ask once to learn there is nothing.
func pagesFor(n int) int {
	if n == 0 {
		return 1
	}
	return (n + boomiPageSize - 1) / boomiPageSize
}

// objectCounts is how many objects each paged query of the connected account returns, from the snapshot.
// It mirrors what the simulator serves: Role = built-in roles + the account's custom roles; group objects
// only on a primary; Account = the accounts whose parent is the connected one.
func objectCounts(st *boomisim.State, accountID string) map[string]int {
	acc := st.Accounts[accountID]
	n := map[string]int{
		objectAccountUserRole:   len(acc.UserRoles),
		"AccountUserFederation": len(acc.Federations),
		"Role":                  len(boomisim.BuiltinRoles()) + len(acc.Roles),
		"Environment":           len(acc.Environments),
		"EnvironmentRole":       len(acc.EnvironmentRoles),
	}
	if acc.Primary {
		n["AccountGroup"] = len(acc.Groups)
		n["AccountGroupAccount"] = len(acc.GroupAccounts)
		n["AccountGroupUserRole"] = len(acc.GroupUserRoles)
	}
	for _, a := range st.Accounts {
		if a.ParentID == accountID {
			n["Account"]++
		}
	}
	return n
}

// requestFloor is R_min item by item.
func requestFloor(st *boomisim.State, accountID string) []floorItem {
	counts := objectCounts(st, accountID)
	var out []floorItem
	for _, obj := range pagedObjects {
		out = append(out, floorItem{
			Object: obj, N: counts[obj], Pages: pagesFor(counts[obj]),
			Routes: []string{"POST /" + obj + "/query", "POST /" + obj + "/queryMore"},
		})
	}
	return append(out, singleCalls...)
}

func floorTotal(items []floorItem) int {
	total := 0
	for _, it := range items {
		total += it.Pages
	}
	return total
}

// routeUse is what the simulator counted on one route during the sync.
type routeUse struct {
	Route     string `json:"route"`
	Requests  int64  `json:"requests"`
	Throttled int64  `json:"throttled"`
	Faults    int64  `json:"faults"`
}

func sortedRoutes(c map[string]boomisim.RouteCounters) []routeUse {
	out := make([]routeUse, 0, len(c))
	for r, rc := range c {
		out = append(out, routeUse{Route: r, Requests: rc.Requests, Throttled: rc.Throttled, Faults: rc.Faults})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Route < out[j].Route })
	return out
}
