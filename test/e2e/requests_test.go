package e2e

import (
	"sort"
	"testing"
	"time"

	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

// pagedObjects are the Boomi objects a sync lists with query/queryMore; docs/architecture.md#performance-model says each is read once:
// exactly ceil(n/100) pages (one page when n is 0).
var pagedObjects = []string{
	"AccountUserRole", "AccountGroupUserRole", "AccountUserFederation",
	"AccountGroup", "AccountGroupAccount", "Account", "Role", "Environment", "EnvironmentRole",
}

const boomiPageSize = 100

// validationProbes are the requests the connector's Validate makes before every sync (pkg/connector
// validate.go): one account read and one Role query filtered by name, which proves the admin privilege.
// They are a fixed cost, not a re-read of any list.
var validationProbes = map[string]int64{
	"GET /Account/{id}": 1,
	"POST /Role/query":  1,
}

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

// TestSyncLargeDatasetReadsEachObjectOnce syncs 2,500 users against the simulator with Boomi's 10
// requests/s limit on and the connector's default pacing, and holds the request count to the floor of
// docs/architecture.md#performance-model: query+queryMore of each object == ceil(n/100), getAssignableRoles once, the validation
// probes, the account's SSO configuration once, nothing per user or per role, and not one request throttled. The counters are logged for the
// report.
func TestSyncLargeDatasetReadsEachObjectOnce(t *testing.T) {
	env := startSim(t, boomisim.DefaultSpec(2500, 42), boomisim.Options{RateLimit: boomisim.DefaultRateLimit, FaultSeed: 1})
	counts := env.objectCounts(t)
	// The test's own reads drew on the account's token bucket; let it refill (10 tokens at 10/s) so any
	// throttling seen below is the connector's doing.
	time.Sleep(1200 * time.Millisecond)
	got, _ := syncAndComparePaced(t, env, nil)
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
		n := counters[q].Requests + counters[m].Requests - validationProbes[q]
		want := pagesFor(counts[obj])
		floor += want
		t.Logf("object %-22s n=%5d pages read %3d (floor %d)", obj, counts[obj], n, want)
		if n != want {
			t.Errorf("%s: %d query/queryMore requests for %d objects (validation probes not counted), want exactly %d (each object read once)", obj, n, counts[obj], want)
		}
	}
	assignable := counters["GET /getAssignableRoles"].Requests
	accounted["GET /getAssignableRoles"] = true
	if assignable != 1 {
		t.Errorf("getAssignableRoles read %d times, want once per sync", assignable)
	}
	floor++
	// The users walk reads the account's SSO configuration once, to tell who can bypass SSO.
	accounted["GET /AccountSSOConfig/{id}"] = true
	if n := counters["GET /AccountSSOConfig/{id}"].Requests; n != 1 {
		t.Errorf("AccountSSOConfig read %d times, want once per sync", n)
	}
	floor++
	// Anything else must be exactly the validation probes: never one request per user or role.
	for r, c := range counters {
		if !accounted[r] && c.Requests != validationProbes[r] {
			t.Errorf("%s: %d requests, want %d", r, c.Requests, validationProbes[r])
		}
		if c.Throttled != 0 {
			t.Errorf("%s: %d requests throttled at the default pacing, want none", r, c.Throttled)
		}
	}
	var probes int64
	for _, n := range validationProbes {
		probes += n
	}
	t.Logf("total requests %d = floor R_min %d + %d validation probes", total, floor, probes)
	if total != floor+probes {
		t.Errorf("total requests %d, want %d", total, floor+probes)
	}
}
