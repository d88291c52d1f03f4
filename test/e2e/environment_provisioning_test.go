package e2e

import (
	"slices"
	"testing"

	"github.com/baton-boomi/baton-boomi/internal/syncexpect"
	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

// Environment access through the real binary: a grant of environment:<id>:access to a role creates the
// EnvironmentRole link, a revoke deletes it; judged by the simulator's links afterwards.

func environmentRoles(st *boomisim.State, account, envID string) []string {
	var out []string
	for _, l := range st.Accounts[account].EnvironmentRoles {
		if l.EnvironmentID == envID {
			out = append(out, l.RoleID)
		}
	}
	slices.Sort(out)
	return out
}

func TestProvisionEnvironmentAccessTwiceEach(t *testing.T) {
	env := startSimWithState(t, knownAccessWorld(), noRateLimit)
	c1z := env.c1zPath("sync")
	env.mustSync(t, c1z, fastPacing...)
	ent := syncexpect.EnvironmentEntitlement(arProd)
	before := environmentRoles(env.Sim.Snapshot(), arAccount, arProd)
	want := append(slices.Clone(before), boomisim.ProductionSupportRoleID)
	slices.Sort(want)

	for i := 1; i <= 2; i++ {
		mustSucceed(t, "environment grant", env.grant(t, c1z, ent, rtRole, boomisim.ProductionSupportRoleID))
		if got := environmentRoles(env.Sim.Snapshot(), arAccount, arProd); !slices.Equal(got, want) {
			t.Fatalf("after grant #%d: roles on Production %v, want %v", i, got, want)
		}
	}
	env.mustSync(t, c1z, fastPacing...)
	g := syncexpect.GrantID(ent, rtRole, boomisim.ProductionSupportRoleID)
	for i := 1; i <= 2; i++ {
		mustSucceed(t, "environment revoke", env.revoke(t, c1z, g))
		if got := environmentRoles(env.Sim.Snapshot(), arAccount, arProd); !slices.Equal(got, before) {
			t.Fatalf("after revoke #%d: roles on Production %v, want %v", i, got, before)
		}
	}
}

func TestProvisionEnvironmentAccessRefusalsChangeNothing(t *testing.T) {
	env := startSimWithState(t, knownAccessWorld(), noRateLimit)
	c1z := env.c1zPath("sync")
	env.mustSync(t, c1z, fastPacing...)
	snapshot := func() []boomisim.EnvironmentRole {
		return slices.Clone(env.Sim.Snapshot().Accounts[arAccount].EnvironmentRoles)
	}
	before := snapshot()

	// Taking Production's roles away one by one: the last one would open it to every role.
	env.Sim.Mutate(func(st *boomisim.State) {
		a := st.Accounts[arAccount]
		a.EnvironmentRoles = slices.DeleteFunc(a.EnvironmentRoles, func(l boomisim.EnvironmentRole) bool {
			return l.EnvironmentID == arProd && l.RoleID == arProdDeployer
		})
	})
	last := syncexpect.GrantID(syncexpect.EnvironmentEntitlement(arProd), rtRole, boomisim.AdministratorRoleID)
	mustFailWith(t, "revoke of Production's last role", env.revoke(t, c1z, last), "only role attached", "attach the role that should keep access first")
	if got := environmentRoles(env.Sim.Snapshot(), arAccount, arProd); !slices.Equal(got, []string{boomisim.AdministratorRoleID}) {
		t.Errorf("the refused revoke changed Production's roles to %v", got)
	}
	env.Sim.Mutate(func(st *boomisim.State) { st.Accounts[arAccount].EnvironmentRoles = before })

	// Without Environment Management the grant is refused with the privilege's name.
	env.Sim.Mutate(func(st *boomisim.State) { st.Credentials[0].NoEnvManagement = true })
	mustFailWith(t, "grant without ENV_MANAGEMENT", env.grant(t, c1z, syncexpect.EnvironmentEntitlement(arDR), rtRole, boomisim.SupportRoleID),
		"Environment Management (ENV_MANAGEMENT)")
	if got := snapshot(); !slices.Equal(got, before) {
		t.Errorf("a refused grant changed the links: %v", got)
	}
}
