package e2e

import (
	"sync"
	"testing"

	"github.com/baton-boomi/baton-boomi/internal/syncexpect"
	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

// TestTwoProcessesSharingTheAccountLimitBothComplete: two connector processes sync the same account at the
// same time, each starting at Boomi's 10 requests/s, so together they ask for twice the account's limit.
// The adaptive pacer of each backs off on the 503s; both must write complete, correct c1z files, and the
// 503s must stay few (each back-off cuts a process's rate to 40 %, so a handful per process, not one per
// page).
func TestTwoProcessesSharingTheAccountLimitBothComplete(t *testing.T) {
	t.Parallel()
	env := startSim(t, boomisim.DefaultSpec(1500, 77), boomisim.Options{RateLimit: boomisim.DefaultRateLimit, FaultSeed: 1})
	roles := env.servedRoles(t)
	env.Sim.ResetCounters()
	paths := []string{env.c1zPath("first"), env.c1zPath("second")}
	var wg sync.WaitGroup
	for _, p := range paths {
		wg.Go(func() { env.mustSync(t, p) })
	}
	wg.Wait()
	var requests, throttled int64
	for route, c := range env.Sim.Counters() {
		requests += c.Requests
		throttled += c.Throttled
		if c.Throttled > 0 {
			t.Logf("%s: %d requests, %d answered 503", route, c.Requests, c.Throttled)
		}
	}
	t.Logf("two processes: %d requests, %d answered 503 (%.1f %%)", requests, throttled, 100*float64(throttled)/float64(requests))
	if throttled*10 > requests {
		t.Errorf("%d of %d requests answered 503: the pacers did not settle below the shared limit", throttled, requests)
	}
	exp := syncexpect.ForAccount(env.Sim.Snapshot(), env.Conn.AccountID, roles)
	for _, p := range paths {
		compareSync(t, exp, readC1Z(t, p), syncexpect.Platform)
	}
}
