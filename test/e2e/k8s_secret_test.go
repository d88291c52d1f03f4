package e2e

import (
	"strings"
	"testing"

	"github.com/baton-boomi/baton-boomi/internal/buildbin"
	"github.com/baton-boomi/baton-boomi/internal/manifests"
	"github.com/baton-boomi/baton-boomi/internal/syncexpect"
	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

// secretEnv turns deploy/kubernetes/secret.yaml, key for key, into the environment of a run against env's
// simulator: every BATON_BOOMI_* key gets the simulator's value, every other key keeps the Secret's value,
// except the ConductorOne client id and secret, which only service mode uses and which cannot reach
// ConductorOne from a test. The Secret names no base URL (Boomi's production host is the default), so
// BATON_BASE_URL points the run at the simulator. A key this function does not know fails the test, so a
// new Secret entry gets a simulator value here.
func secretEnv(t *testing.T, env *simEnv) []string {
	t.Helper()
	root, err := buildbin.ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	secret, _, _, err := manifests.Load(root)
	if err != nil {
		t.Fatal(err)
	}
	simValues := map[string]string{
		"BATON_BOOMI_EMAIL":      env.Conn.Username,
		"BATON_BOOMI_API_TOKEN":  env.Conn.Token,
		"BATON_BOOMI_ACCOUNT_ID": env.Conn.AccountID,
	}
	serviceOnly := map[string]bool{"BATON_CLIENT_ID": true, "BATON_CLIENT_SECRET": true}
	keep := map[string]bool{"BATON_PROVISIONING": true}
	out := []string{"BATON_BASE_URL=" + env.HTTP.URL}
	used := 0
	for k, v := range secret.StringData {
		switch {
		case serviceOnly[k]:
		case strings.HasPrefix(k, "BATON_BOOMI_"):
			sv, ok := simValues[k]
			if !ok {
				t.Fatalf("secret.yaml sets %s, which this test has no simulator value for", k)
			}
			out = append(out, k+"="+sv)
			used++
		case keep[k]:
			out = append(out, k+"="+v)
		default:
			t.Fatalf("secret.yaml sets %s; decide here what a test run uses for it", k)
		}
	}
	if used != len(simValues) {
		t.Fatalf("secret.yaml sets %d of the %d BATON_BOOMI_* credentials", used, len(simValues))
	}
	return out
}

// A Secret written as ConductorOne's Boomi page shows drives a complete sync and a grant, through the
// environment alone.
func TestKubernetesSecretDrivesSyncAndGrant(t *testing.T) {
	needBinary(t)
	env := startSim(t, boomisim.DefaultSpec(60, 33), noRateLimit)
	vars := secretEnv(t, env)
	roles := env.servedRoles(t)
	path := env.c1zPath("secret-sync")
	res := runBinary(t, binaryPath, vars, append([]string{"-f", path}, fastPacing...)...)
	if res.failed() {
		t.Fatalf("sync from the Secret's environment failed (exit %d, err %v):\n%s", res.ExitCode, res.Err, res)
	}
	assertNoSecretInOutput(t, env.Conn.Token, res)
	got := readC1Z(t, path)
	compareSync(t, syncexpect.ForAccount(env.Sim.Snapshot(), env.Conn.AccountID, roles), got, syncexpect.Platform)

	role := boomisim.ProductionSupportRoleID
	user := pickUser(t, env, func(_ string, r []string) bool { return count(r, role) == 0 })
	res = runBinary(t, binaryPath, vars, "-f", path, "--grant-entitlement", roleEntitlement(role),
		"--grant-principal", user, "--grant-principal-type", rtUser)
	mustSucceed(t, "grant from the Secret's environment", res)
	if n := count(rolesOf(env.account(env.Sim.Snapshot()), user), role); n != 1 {
		t.Fatalf("after the grant %s holds %s %d times, want 1:\n%s", user, role, n, res)
	}
}
