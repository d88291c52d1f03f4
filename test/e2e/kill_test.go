package e2e

import (
	"bytes"
	"context"
	"crypto/sha256"
	"os"
	"os/exec"
	"reflect"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

// Interrupted runs: the process is killed with SIGKILL (as an OOM kill or a node loss does: no signal
// handler, no clean-up) at a point fixed by the simulator's request counters, not by a sleep. The kill
// takes the whole process group, the SDK's connector child process included.

// killedRun runs the binary with args and kills its process group right after the simulator answered
// the n-th request of route. It returns the output and whether the kill happened (false: the run ended
// before reaching that request).
func (e *simEnv) killedRun(t *testing.T, route string, n int64, args ...string) (string, bool) {
	t.Helper()
	needBinary(t)
	ctx, cancel := context.WithTimeout(context.Background(), runTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, binaryPath, append(e.connArgs(), args...)...)
	cmd.Env = cleanEnv()
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.WaitDelay = 10 * time.Second
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out

	var (
		mu     sync.Mutex
		seen   int64
		killed bool
	)
	e.Sim.SetAfterHook(func(r string) {
		if r != route {
			return
		}
		mu.Lock()
		defer mu.Unlock()
		if seen++; seen == n && cmd.Process != nil {
			_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			killed = true
		}
	})
	defer e.Sim.SetAfterHook(nil)
	mu.Lock()
	err := cmd.Start()
	mu.Unlock()
	if err != nil {
		t.Fatalf("start: %v", err)
	}
	_ = cmd.Wait()
	// The child may still be finishing a request when the group dies; let the simulator settle.
	time.Sleep(100 * time.Millisecond)
	mu.Lock()
	defer mu.Unlock()
	return out.String(), killed
}

func fileDigest(t *testing.T, path string) [32]byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(data)
}

// TestSyncKilledAtFivePointsLeavesThePreviousC1ZAndRerunsComplete: a sync into the path of an earlier
// .c1z is killed at five points from validation to the last MFT read; each time the earlier file is
// byte-for-byte unchanged, and a rerun into the same path writes the complete result, identical to a sync
// that was never interrupted.
func TestSyncKilledAtFivePointsLeavesThePreviousC1ZAndRerunsComplete(t *testing.T) {
	t.Parallel()
	spec := boomisim.DefaultSpec(250, 92)
	m := boomisim.DefaultMFTSpec()
	m.Users = 6
	spec.MFT = &m
	st := boomisim.Generate(spec)
	key := st.MFT.APIKeys[0]

	ref := startSimWithState(t, st, noRateLimit)
	refPath := ref.c1zPath("reference")
	ref.mustSync(t, refPath, append(append([]string{}, fastPacing...), mftArgs(ref, key)...)...)
	reference := readC1Z(t, refPath)

	points := []struct {
		route string
		n     int64
	}{
		{"GET /Account/{id}", 1},               // validation
		{"POST /AccountUserRole/query", 1},     // the first user page
		{"POST /AccountUserRole/queryMore", 1}, // in the middle of the user listing
		{"POST /AccountGroupUserRole/query", 1},
		{"GET /mft/api/AdminUsers/{id}", 6}, // the last MFT user detail: every read is done
	}
	for _, p := range points {
		t.Run(p.route, func(t *testing.T) {
			t.Parallel()
			env := startSimWithState(t, st, noRateLimit)
			path := env.c1zPath("sync")
			args := append(append([]string{"-f", path}, fastPacing...), mftArgs(env, key)...)
			env.mustSync(t, path, args[2:]...)
			before := fileDigest(t, path)

			out, killed := env.killedRun(t, p.route, p.n, args...)
			if !killed {
				t.Fatalf("the run ended before request %d of %s; the kill point is wrong:\n%s", p.n, p.route, out)
			}
			if fileDigest(t, path) != before {
				t.Fatal("the killed sync changed the earlier .c1z")
			}
			if got := readC1Z(t, path); got.Raw == nil || len(got.Grants) != len(reference.Grants) {
				t.Fatalf("the earlier .c1z no longer reads as a complete sync")
			}

			env.mustSync(t, path, args[2:]...)
			sameContents(t, reference, readC1Z(t, path))
		})
	}
}

// TestRevokeKilledDuringTheSafetyNetKeepsTheUser: revoking a user's only role assigns Standard User first
// and deletes the role second. The process is killed right after each of those writes: the user always
// keeps a role in the account, and a rerun of the revoke leaves exactly Standard User.
func TestRevokeKilledDuringTheSafetyNetKeepsTheUser(t *testing.T) {
	t.Parallel()
	su := boomisim.StandardUserRoleID
	for _, point := range []string{"POST /AccountUserRole", "DELETE /AccountUserRole/{id}"} {
		t.Run(point, func(t *testing.T) {
			t.Parallel()
			env, c1z := provisioningEnv(t, 23)
			st := env.Sim.Snapshot()
			user := pickUser(t, env, func(_ string, roles []string) bool { return len(roles) == 1 && roles[0] != su })
			role := rolesOf(env.account(st), user)[0]
			g := grantID(grantKey{roleEntitlement(role), rtUser, user})

			out, killed := env.killedRun(t, point, 1, "-f", c1z, "--revoke-grant", g)
			if !killed {
				t.Fatalf("the revoke never sent %s:\n%s", point, out)
			}
			if roles := rolesOf(env.account(env.Sim.Snapshot()), user); len(roles) == 0 {
				t.Fatalf("killed after %s: %s has no role left, so Boomi removed the user from the account", point, user)
			}
			mustSucceed(t, "the revoke, run again", env.revoke(t, c1z, g))
			if got := rolesOf(env.account(env.Sim.Snapshot()), user); !reflect.DeepEqual(got, []string{su}) {
				t.Errorf("after the rerun: roles %v, want only Standard User", got)
			}
		})
	}
}
