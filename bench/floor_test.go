package main

import (
	"context"
	"net/http/httptest"
	"testing"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

func TestPagesFor(t *testing.T) {
	for n, want := range map[int]int{0: 1, 1: 1, 100: 1, 101: 2, 15214: 153} {
		if got := pagesFor(n); got != want {
			t.Errorf("pagesFor(%d) = %d, want %d", n, got, want)
		}
	}
}

// TestObjectCountsMatchWhatTheSimulatorServes holds the snapshot-derived n_object of R_min to what the
// simulator's own queries return, so a change of the simulator's rules cannot silently skew the floor.
func TestObjectCountsMatchWhatTheSimulatorServes(t *testing.T) {
	spec := boomisim.DefaultSpec(300, 3)
	spec.SubAccounts = 7
	st := boomisim.Generate(spec)
	sim := boomisim.New(boomisim.Options{RateLimit: -1})
	sim.Load(st)
	ts := httptest.NewServer(sim)
	defer ts.Close()
	conn := boomisim.AdminConnection(st)
	ctx := context.Background()
	c, err := boomi.New(ctx, boomi.Config{BaseURL: ts.URL, AccountID: conn.AccountID, Username: conn.Username,
		APIToken: conn.Token, RequestsPerSecond: -1})
	if err != nil {
		t.Fatal(err)
	}
	served := map[string]int{
		"AccountUserRole":       countAll(t, ctx, c.QueryAccountUserRoles),
		"AccountUserFederation": countAll(t, ctx, c.QueryAccountUserFederations),
		"AccountGroupUserRole":  countAll(t, ctx, c.QueryAccountGroupUserRoles),
		"Role":                  countAll(t, ctx, c.QueryRoles),
		"AccountGroup":          countAll(t, ctx, c.QueryAccountGroups),
		"AccountGroupAccount":   countAll(t, ctx, c.QueryAccountGroupAccounts),
		"Account":               countAll(t, ctx, c.QueryAccounts),
		"Environment":           countAll(t, ctx, c.QueryEnvironments),
		"EnvironmentRole":       countAll(t, ctx, c.QueryEnvironmentRoles),
	}
	got := objectCounts(sim.Snapshot(), conn.AccountID)
	for _, obj := range pagedObjects {
		if got[obj] != served[obj] {
			t.Errorf("%s: floor counts %d objects, the simulator serves %d", obj, got[obj], served[obj])
		}
	}
	if served["AccountUserRole"] <= 100 || served["Account"] != 7 {
		t.Errorf("dataset too small to exercise paging: %v", served)
	}
}

func countAll[T any](t *testing.T, ctx context.Context, query func(context.Context, *boomi.Expression, string) (boomi.Page[T], error)) int {
	t.Helper()
	n, token := 0, ""
	for {
		page, err := query(ctx, nil, token)
		if err != nil {
			t.Fatal(err)
		}
		n += len(page.Items)
		if page.NextToken == "" {
			return n
		}
		token = page.NextToken
	}
}
