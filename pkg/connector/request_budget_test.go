package connector

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/conductorone/baton-sdk/pkg/connectorbuilder"
	"github.com/stretchr/testify/require"

	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

// requestBudget is what one full sync of requestBudgetSpec costs, per route: each Boomi object read once
// (AccountUserRole in its four userId ranges, the rest ceil(n/100) pages), the MFT lists once and one GET
// per MFT user. A change that adds a request fails here; a change that saves one updates the table.
var requestBudget = map[string]int64{
	"POST /AccountUserRole/query":           4, // one per userId range
	"POST /AccountUserRole/queryMore":       6, // 10 pages over four ranges (one chain: 8)
	"POST /AccountUserFederation/query":     1,
	"POST /AccountUserFederation/queryMore": 1,
	"POST /AccountGroupUserRole/query":      1,
	"POST /AccountGroup/query":              1,
	"POST /AccountGroupAccount/query":       1,
	"POST /Account/query":                   1,
	"POST /Role/query":                      1,
	"POST /Environment/query":               1,
	"POST /EnvironmentRole/query":           1,
	"GET /getAssignableRoles":               1,
	"GET /AccountSSOConfig/{id}":            1,
	"GET /mft/api/AdminUsers":               1,
	"GET /mft/api/AdminUsers/{id}":          60,
	"GET /mft/api/AdminRoles":               1,
	"GET /mft/api/Organization":             1,
	"GET /mft/api/AdminSsoMapping":          1,
}

// requestBudgetSpec is a fixed 500-user dataset with an MFT tenant of 60 users.
func requestBudgetSpec() boomisim.DatasetSpec {
	spec := boomisim.DefaultSpec(500, 3)
	spec.MFT = &boomisim.MFTSpec{Users: 60, Roles: 3, Organizations: 5, Mappings: 4}
	return spec
}

// TestFullSyncStaysWithinItsRequestBudget drives every resource type's walks as the SDK does in a full sync
// (List, then entitlements and grants), with the read-ahead on, and holds the requests per route to
// requestBudget. Not timed: only counts.
func TestFullSyncStaysWithinItsRequestBudget(t *testing.T) {
	e := newTestEnv(t, boomisim.Generate(requestBudgetSpec()), withReadAhead())
	e.sim.ResetCounters()

	for _, b := range e.conn.ResourceSyncers(e.ctx) {
		e.fullSyncOf(b)
	}
	e.conn.prefetching.Wait() // the read-ahead has nothing left to read; what it read counts too

	got := map[string]int64{}
	for route, c := range e.sim.Counters() {
		got[route] = c.Requests
	}
	var report []string
	for route := range union(got, requestBudget) {
		if got[route] != requestBudget[route] {
			report = append(report, fmt.Sprintf("%s: %d requests, budget %d", route, got[route], requestBudget[route]))
		}
	}
	sort.Strings(report)
	// The budget itself is the floor: AccountUserRole's pages are its ranges' pages.
	var ids []string
	for _, l := range e.account().UserRoles {
		ids = append(ids, l.UserID)
	}
	require.Equal(t, AccountUserRolePages(ids),
		requestBudget["POST /AccountUserRole/query"]+requestBudget["POST /AccountUserRole/queryMore"])
	require.Empty(t, report, "requests per route differ from the budget:\n%s", strings.Join(report, "\n"))
}

// fullSyncOf walks one resource type as the SDK's full sync does: every List page, then each resource's
// entitlements and grants (or the type-scoped walks where the builder has them).
func (e *testEnv) fullSyncOf(b connectorbuilder.ResourceSyncerV2) {
	e.t.Helper()
	resources := e.listAll(b)
	rt := b.ResourceType(e.ctx)
	if scoped, ok := b.(connectorbuilder.TypeScopedEntitlementsSyncer); ok {
		e.typeEntitlementsAll(scoped, rt)
	} else {
		for _, r := range resources {
			e.entitlementsAll(b, r)
		}
	}
	if scoped, ok := b.(connectorbuilder.TypeScopedGrantsSyncer); ok {
		e.typeGrantsAll(scoped, rt)
		return
	}
	for _, r := range resources {
		e.grantsAll(b, r)
	}
}

func union(a, b map[string]int64) map[string]bool {
	out := map[string]bool{}
	for k := range a {
		out[k] = true
	}
	for k := range b {
		out[k] = true
	}
	return out
}

// A sync restricted to some resource types reads ahead only what the users walk reads itself: after the
// users walk, no other listing has been touched.
func TestRestrictedSyncReadsAheadOnlyTheUsersListings(t *testing.T) {
	e := newTestEnv(t, boomisim.Generate(syncTestSpec()))
	e.conn.readAhead, e.conn.readAheadUsersOnly = true, true
	e.sim.ResetCounters()
	e.listAll(newUserBuilder(e.conn))
	e.conn.prefetching.Wait()
	for route, c := range e.sim.Counters() {
		switch {
		case strings.Contains(route, "/AccountUserRole/"), strings.Contains(route, "/AccountUserFederation/"),
			strings.Contains(route, "/AccountGroupUserRole/"), route == "GET /AccountSSOConfig/{id}":
		default:
			t.Errorf("%s: %d requests in a users-only sync", route, c.Requests)
		}
	}
}

// The end of a sync stops its read-ahead: after stopReadAhead the goroutines return without reading on.
func TestCleanupStopsTheReadAhead(t *testing.T) {
	e := newTestEnv(t, boomisim.Generate(syncTestSpec()))
	e.sim.SetFaults(boomisim.Faults{Latency: 50 * time.Millisecond})
	e.conn.readAhead = true
	e.conn.prefetchSync(e.ctx, "sync-under-test", e.store)
	e.conn.stopReadAhead()
	e.conn.prefetching.Wait()
	var total int64
	for _, c := range e.sim.Counters() {
		total += c.Requests
	}
	// Each goroutine may have had its first request in flight; none goes on to the next page.
	require.LessOrEqual(t, total, int64(12), "requests after the read-ahead was stopped")
	_, found, err := e.store.Get(e.ctx, pageKey(objAccountUserRole, rangeToken(1, "")))
	require.NoError(t, err)
	require.False(t, found, "a stopped read-ahead went on to a later page")
}
