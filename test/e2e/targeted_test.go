package e2e

import (
	"testing"

	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

// TestTargetedSync: user, role and environment advertise TARGETED_SYNC (Get); a targeted sync of one
// user, one role and two environments (one restricted to roles, one open) writes exactly those resources,
// as a full sync shows them.
func TestTargetedSync(t *testing.T) {
	env := startSim(t, boomisim.DefaultSpec(80, 28), noRateLimit)
	full := env.c1zPath("full")
	env.mustSync(t, full, fastPacing...)
	fullC := readC1Z(t, full)
	st := env.Sim.Snapshot()
	acc := env.account(st)
	if len(acc.Federations) == 0 {
		t.Fatal("dataset has no federated user")
	}
	user := acc.Federations[0].UserID
	role := boomisim.StandardUserRoleID
	restricted, open := acc.Environments[0].ID, ""
	for _, e := range acc.Environments {
		linked := false
		for _, l := range acc.EnvironmentRoles {
			linked = linked || l.EnvironmentID == e.ID
		}
		if !linked {
			open = e.ID
		}
	}
	if open == "" {
		t.Fatal("dataset has no environment without roles")
	}

	path := env.c1zPath("targeted")
	targets := "bid:r:user/" + user + ",bid:r:role/" + role + ",bid:r:environment/" + restricted + ",bid:r:environment/" + open
	res := env.runWith(t, append([]string{"-f", path, "--sync-resources", targets}, fastPacing...)...)
	if res.failed() {
		t.Fatalf("targeted sync failed:\n%s", res)
	}
	got := readC1Z(t, path)
	t.Logf("targeted sync: %s", countsSummary(got))
	for _, want := range []struct{ rt, id string }{{rtUser, user}, {rtRole, role}, {"environment", restricted}, {"environment", open}} {
		r := got.Resources[want.rt][want.id]
		if r == nil {
			t.Errorf("targeted sync did not write %s %q", want.rt, want.id)
			continue
		}
		if !sameMessage(t, r, fullC.Resources[want.rt][want.id]) {
			t.Errorf("%s %q differs from the full sync:\ntargeted: %s\nfull:     %s", want.rt, want.id, brief(r), brief(fullC.Resources[want.rt][want.id]))
		}
	}
}

// TestTargetedSyncOfAnSSOMapping: mft_sso_mapping advertises TARGETED_SYNC; a targeted sync of one mapping
// writes it as a full sync shows it.
func TestTargetedSyncOfAnSSOMapping(t *testing.T) {
	env, key := startMFTSim(t, 29, true)
	full := env.c1zPath("full")
	env.mustSync(t, full, append(mftArgs(env, key), fastPacing...)...)
	fullC := readC1Z(t, full)
	mapping := mftID(env.Sim.Snapshot().MFT.SSOMappings[0].ID)

	path := env.c1zPath("targeted")
	args := append([]string{"-f", path, "--sync-resources", "bid:r:" + rtMFTMapping + "/" + mapping}, mftArgs(env, key)...)
	res := env.runWith(t, append(args, fastPacing...)...)
	if res.failed() {
		t.Fatalf("targeted sync failed:\n%s", res)
	}
	got := readC1Z(t, path).Resources[rtMFTMapping][mapping]
	if got == nil {
		t.Fatalf("targeted sync did not write %s %q", rtMFTMapping, mapping)
	}
	if want := fullC.Resources[rtMFTMapping][mapping]; !sameMessage(t, got, want) {
		t.Errorf("mapping %q differs from the full sync:\ntargeted: %s\nfull:     %s", mapping, brief(got), brief(want))
	}
}
