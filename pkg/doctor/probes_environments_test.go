package doctor

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

func TestEnvironmentsProbeCountsOpenEnvironmentsAndStrayLinks(t *testing.T) {
	e := newDoctorEnv(t, boomisim.Options{})
	r := probeEnvironments(context.Background(), e.target)
	require.Equal(t, Holds, r.Verdict, r.Seen)
	// The generated main account has 4 environments (2 PROD), one of them (Production DR) without roles.
	require.Contains(t, r.Seen, "4 environments (2 PROD)")
	require.Contains(t, r.Seen, "1 environments have no role attached")

	e.sim.Mutate(func(st *boomisim.State) {
		a := st.Accounts[e.target.Platform.AccountID()]
		a.EnvironmentRoles = append(a.EnvironmentRoles, boomisim.EnvironmentRole{ID: "stray", EnvironmentID: "gone", RoleID: boomisim.SupportRoleID})
	})
	r = probeEnvironments(context.Background(), e.target)
	require.Equal(t, Differs, r.Verdict, r.Seen)
	require.Contains(t, r.Seen, "1 links name an environment the query did not list")

	e.sim.Mutate(func(st *boomisim.State) { st.Credentials[0].NoRuntimeRead = true })
	r = probeEnvironments(context.Background(), e.target)
	require.Equal(t, CouldNotTest, r.Verdict, r.Seen)
	require.NotContains(t, r.Seen, e.target.Platform.AccountID(), "counts and shapes only")
}
