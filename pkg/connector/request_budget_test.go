package connector

import (
	"context"
	"fmt"
	"net/http/httptest"
	"sort"
	"strings"
	"testing"
	"time"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/conductorone/baton-sdk/pkg/connectorbuilder"
	rs "github.com/conductorone/baton-sdk/pkg/types/resource"
	"github.com/stretchr/testify/require"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
	"github.com/baton-boomi/baton-boomi/pkg/mft"
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
	st := boomisim.Generate(requestBudgetSpec())
	sim := boomisim.New(boomisim.Options{RateLimit: -1})
	sim.Load(st)
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	ctx := context.Background()
	admin := boomisim.AdminConnection(st)
	client, err := boomi.New(ctx, boomi.Config{
		BaseURL: srv.URL, AccountID: admin.AccountID, Username: admin.Username, APIToken: admin.Token,
		RequestsPerSecond: -1, MaxRetries: 2, RetryInitialInterval: time.Millisecond,
	})
	require.NoError(t, err)
	mftClient, err := mft.New(ctx, mft.Config{
		BaseURL: srv.URL + "/mft", APIKey: st.MFT.APIKeys[0], RequestsPerSecond: -1,
		RetryInitialInterval: time.Millisecond,
	})
	require.NoError(t, err)
	conn := &Boomi{client: client, mft: mftClient, readAhead: true}
	e := &syncEnv{t: t, ctx: ctx, sim: sim, state: sim.Snapshot(), conn: conn, store: newMemoryStore()}
	sim.ResetCounters()

	for _, b := range conn.ResourceSyncers(ctx) {
		e.fullSyncOf(b)
	}
	conn.prefetching.Wait() // the read-ahead has nothing left to read; what it read counts too

	got := map[string]int64{}
	for route, c := range sim.Counters() {
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
	for _, l := range e.state.Accounts[admin.AccountID].UserRoles {
		ids = append(ids, l.UserID)
	}
	require.Equal(t, AccountUserRolePages(ids),
		requestBudget["POST /AccountUserRole/query"]+requestBudget["POST /AccountUserRole/queryMore"])
	require.Empty(t, report, "requests per route differ from the budget:\n%s", strings.Join(report, "\n"))
}

// fullSyncOf walks one resource type as the SDK's full sync does: every List page, then each resource's
// entitlements and grants (or the type-scoped walks where the builder has them).
func (e *syncEnv) fullSyncOf(b connectorbuilder.ResourceSyncerV2) {
	e.t.Helper()
	var resources []*v2.Resource
	drain(e, func(token string) (int, string, error) {
		out, res, err := b.List(e.ctx, nil, e.opts(token))
		resources = append(resources, out...)
		return len(out), next(res), err
	})
	rt := b.ResourceType(e.ctx)
	if scoped, ok := b.(connectorbuilder.TypeScopedEntitlementsSyncer); ok {
		drain(e, func(token string) (int, string, error) {
			out, res, err := scoped.EntitlementsForResourceType(e.ctx, rt.GetId(), e.opts(token))
			return len(out), next(res), err
		})
	} else {
		for _, r := range resources {
			drain(e, func(token string) (int, string, error) {
				out, res, err := b.Entitlements(e.ctx, r, e.opts(token))
				return len(out), next(res), err
			})
		}
	}
	if scoped, ok := b.(connectorbuilder.TypeScopedGrantsSyncer); ok {
		drain(e, func(token string) (int, string, error) {
			out, res, err := scoped.GrantsForResourceType(e.ctx, rt.GetId(), e.opts(token))
			return len(out), next(res), err
		})
		return
	}
	for _, r := range resources {
		drain(e, func(token string) (int, string, error) {
			out, res, err := b.Grants(e.ctx, r, e.opts(token))
			return len(out), next(res), err
		})
	}
}

func next(res *rs.SyncOpResults) string {
	if res == nil {
		return ""
	}
	return res.NextPageToken
}

// drain calls page until it returns no next token.
func drain(e *syncEnv, page func(token string) (int, string, error)) {
	e.t.Helper()
	token := ""
	for calls := 0; ; calls++ {
		require.Less(e.t, calls, 1000, "walk did not end")
		_, nextToken, err := page(token)
		require.NoError(e.t, err)
		if nextToken == "" {
			return
		}
		token = nextToken
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
	e := newSyncEnv(t, boomisim.Generate(syncTestSpec()))
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
	e := newSyncEnvWith(t, boomisim.Generate(syncTestSpec()), boomisim.Options{RateLimit: -1})
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
