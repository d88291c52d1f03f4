package connector

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

// ssoBypassWorld: the account enforces SSO; boss (Administrator) and fed (Standard User) have federation
// ids; admin (Administrator) has none.
func ssoBypassWorld(enabled bool) *boomisim.State {
	st := provisioningFixture()
	a := st.Accounts[fxAccount]
	a.Federations = append(a.Federations, boomisim.AccountUserFederation{ID: "fed-rec-boss", AccountID: fxAccount, UserID: fxBoss, FederationID: "fed-boss"})
	a.SSOConfig = &boomisim.AccountSSOConfig{AccountID: fxAccount, Enabled: enabled, IdpURL: "https://idp.acme.test"}
	return st
}

func bypassFlags(t *testing.T, e *testEnv) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	for _, u := range e.listAll(newUserBuilder(e.conn)) {
		v, ok := userProfile(t, u)[profileCanBypassSSO].(bool)
		require.True(t, ok, "user %s has no %s", u.GetId().GetResource(), profileCanBypassSSO)
		out[u.GetId().GetResource()] = v
	}
	return out
}

func TestCanBypassSSONeedsEnforcedSSOFederationAndAdministrator(t *testing.T) {
	e := newTestEnv(t, ssoBypassWorld(true))
	flags := bypassFlags(t, e)
	for user, want := range map[string]bool{fxBoss: true, fxAdmin: false, fxFederated: false, fxSolo: false, fxGroupOnly: false} {
		require.Equal(t, want, flags[user], user)
	}
	require.EqualValues(t, 1, e.requests("GET /AccountSSOConfig/{id}"))
	queries, _ := userRoleRequestFloor(e.account().UserRoles)
	require.Equal(t, queries, e.requests("POST /AccountUserRole/query"), "the admins phase and the users phase share the AccountUserRole pages")

	off := newTestEnv(t, ssoBypassWorld(false))
	for user, v := range bypassFlags(t, off) {
		require.False(t, v, "%s cannot bypass SSO the account does not enforce", user)
	}
}

func TestCanBypassSSOOnTargetedGet(t *testing.T) {
	e := newTestEnv(t, ssoBypassWorld(true))
	b := newUserBuilder(e.conn)
	boss, _, err := b.Get(e.ctx, resourceIDOf(userResourceType, fxBoss), nil)
	require.NoError(t, err)
	require.Equal(t, true, userProfile(t, boss)[profileCanBypassSSO])
	fed, _, err := b.Get(e.ctx, resourceIDOf(userResourceType, fxFederated), nil)
	require.NoError(t, err)
	require.Equal(t, false, userProfile(t, fed)[profileCanBypassSSO])
}
