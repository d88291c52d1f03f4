package e2e

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

// TestConcurrentRevokesKeepUser: two revokes of a user's only two roles run at the same time, in two
// processes (two one-shot runs, or two connector replicas). Each must not assume the other role stays: the
// user must keep at least one role and so stay in the account. The simulator holds each process's first
// read of the user's roles until both have read, which makes the race certain rather than likely.
func TestConcurrentRevokesKeepUser(t *testing.T) {
	env, c1z := provisioningEnv(t, 27)
	su := boomisim.StandardUserRoleID
	user := pickUser(t, env, func(_ string, roles []string) bool {
		return len(roles) == 2 && roles[0] != roles[1] && count(roles, su) == 0 && canonicalRoleID(roles[0]) && canonicalRoleID(roles[1])
	})
	roles := rolesOf(env.account(env.Sim.Snapshot()), user)

	// Hold the first two role reads until both arrived (or 5 s passed): both processes then decide on the
	// same two-role state.
	var reads atomic.Int32
	bothRead := make(chan struct{})
	var closeOnce sync.Once
	env.Sim.SetAfterHook(func(route string) {
		if route != "POST /AccountUserRole/query" {
			return
		}
		if n := reads.Add(1); n > 2 {
			return
		} else if n == 2 {
			closeOnce.Do(func() { close(bothRead) })
		}
		select {
		case <-bothRead:
		case <-time.After(5 * time.Second):
		}
	})
	t.Cleanup(func() { env.Sim.SetAfterHook(nil) })

	var wg sync.WaitGroup
	results := make([]runResult, 2)
	for i, role := range roles {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = env.revoke(t, c1z, grantID(grantKey{roleEntitlement(role), rtUser, user}))
		}()
	}
	wg.Wait()
	env.Sim.SetAfterHook(nil)

	after := rolesOf(env.account(env.Sim.Snapshot()), user)
	t.Logf("roles before %v, after the two concurrent revokes %v", roles, after)
	if len(after) == 0 {
		t.Errorf("the user %s lost every role (and so the account) to two concurrent revokes", user)
	}
	for i, res := range results {
		if res.failed() && len(after) != 0 {
			t.Logf("revoke %d failed (allowed when it could not proceed safely): %s", i, lastLine(res.Output))
		}
	}
}
