package e2e

import (
	"sort"
	"testing"

	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

// pagedObjects are the Boomi objects a sync lists with query/queryMore; DESIGN §5 says each is read once:
// exactly ceil(n/100) pages (one page when n is 0).
var pagedObjects = []string{
	"AccountUserRole", "AccountGroupUserRole", "AccountUserFederation",
	"AccountGroup", "AccountGroupAccount", "Account", "Role",
}

const boomiPageSize = 100

func pagesFor(n int) int64 {
	if n == 0 {
		return 1
	}
	return int64((n + boomiPageSize - 1) / boomiPageSize)
}

// objectCounts is how many objects each paged query returns for the connected account, read over the
// simulator's API (then the counters are reset).
func (e *simEnv) objectCounts(t *testing.T) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, obj := range pagedObjects {
		out[obj] = len(e.simQueryAll(t, obj))
	}
	e.Sim.ResetCounters()
	return out
}

// TestSyncLargeDatasetReadsEachObjectOnce syncs 2,500 users and holds the request count to the floor of
// DESIGN §5: query+queryMore of each object == ceil(n/100), getAssignableRoles once, nothing per user or
// per role. The counters are logged for the report.
func TestSyncLargeDatasetReadsEachObjectOnce(t *testing.T) {
	env := startSim(t, boomisim.DefaultSpec(2500, 42), noRateLimit)
	counts := env.objectCounts(t)
	got, _ := syncAndCompare(t, env)
	t.Logf("2,500-user dataset: %s", countsSummary(got))

	counters := env.Sim.Counters()
	routes := make([]string, 0, len(counters))
	var total int64
	for r, c := range counters {
		routes = append(routes, r)
		total += c.Requests
	}
	sort.Strings(routes)
	for _, r := range routes {
		c := counters[r]
		t.Logf("requests %-40s %5d (throttled %d, faults %d)", r, c.Requests, c.Throttled, c.Faults)
	}
	var floor int64
	accounted := map[string]bool{}
	for _, obj := range pagedObjects {
		q, m := "POST /"+obj+"/query", "POST /"+obj+"/queryMore"
		accounted[q], accounted[m] = true, true
		n := counters[q].Requests + counters[m].Requests
		want := pagesFor(counts[obj])
		floor += want
		t.Logf("object %-22s n=%5d pages read %3d (floor %d)", obj, counts[obj], n, want)
		if n != want {
			t.Errorf("%s: %d query/queryMore requests for %d objects, want exactly %d (each object read once)", obj, n, counts[obj], want)
		}
	}
	assignable := counters["GET /getAssignableRoles"].Requests + counters["GET /GetAssignableRoles"].Requests
	accounted["GET /getAssignableRoles"], accounted["GET /GetAssignableRoles"] = true, true
	if assignable != 1 {
		t.Errorf("getAssignableRoles read %d times, want once per sync", assignable)
	}
	floor++
	// Anything else (e.g. the Validate call) must be a handful of requests, never one per user or role.
	var other int64
	for r, c := range counters {
		if !accounted[r] {
			other += c.Requests
		}
	}
	if other > 3 {
		t.Errorf("%d requests outside the paged object reads; want at most 3 (validation)", other)
	}
	t.Logf("total requests %d, floor R_min %d", total, floor)
}
