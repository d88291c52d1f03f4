package connector

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

// Writes whose answer is lost: Boomi did the work, the connection dropped before the answer arrived. The
// connector reads again and reports the write as done: one link, one e-mail, no error.

func TestRoleGrantWithALostAnswerIsDoneOnce(t *testing.T) {
	e := newTestEnv(t, provisioningFixture(), withNotifyUsers())
	e.sim.SetFaults(boomisim.Faults{Routes: map[string]boomisim.RouteFault{"POST /AccountUserRole": {Count: 1, Lost: true}}})
	_, _, err := newRoleBuilder(e.conn).Grant(e.ctx, userPrincipal(fxPlain), roleEntitlement(boomisim.ProductionSupportRoleID))
	require.NoError(t, err)
	require.Equal(t, []string{boomi.StandardUserRoleID, boomisim.ProductionSupportRoleID, boomisim.SupportRoleID}, e.rolesOf(fxPlain))
	require.Len(t, e.invitationsFor(fxPlain), 1, "one e-mail")
	require.Equal(t, int64(1), e.sim.Counters()["POST /AccountUserRole"].Requests, "the create is never repeated")
}

func TestRoleRevokeWithALostAnswerIsDone(t *testing.T) {
	e := newTestEnv(t, provisioningFixture(), withNotifyUsers())
	e.sim.SetFaults(boomisim.Faults{Routes: map[string]boomisim.RouteFault{"DELETE /AccountUserRole/{id}": {Count: 1, Lost: true}}})
	_, err := newRoleBuilder(e.conn).Revoke(e.ctx, grantOf(roleEntitlement(boomisim.SupportRoleID), userPrincipal(fxPlain)))
	require.NoError(t, err)
	require.Equal(t, []string{boomi.StandardUserRoleID}, e.rolesOf(fxPlain))
}

// The last-role revoke's safety net: the Standard User create loses its answer. The revoke stops with an
// error (the outcome is unknown, so the role is not removed), the user keeps a role, and the retry
// completes the revoke with Standard User in place.
func TestLastRoleRevokeWithALostSafetyNetAnswerKeepsTheUserAndConvergesOnRetry(t *testing.T) {
	e := newTestEnv(t, provisioningFixture(), withNotifyUsers())
	user, role := lastRoleUser(t, e)
	e.sim.SetFaults(boomisim.Faults{Routes: map[string]boomisim.RouteFault{"POST /AccountUserRole": {Count: 1, Lost: true}}})
	g := grantOf(roleEntitlement(role), userPrincipal(user))
	_, err := newRoleBuilder(e.conn).Revoke(e.ctx, g)
	if err != nil {
		require.NotEmpty(t, e.rolesOf(user), "the user always keeps a role")
		_, err = newRoleBuilder(e.conn).Revoke(e.ctx, g)
	}
	require.NoError(t, err)
	require.Equal(t, []string{boomi.StandardUserRoleID}, e.rolesOf(user))
	require.Empty(t, e.invitationsFor(user), "the safety net sends no e-mail")
}

// lastRoleUser finds a fixture user whose only role is not Standard User.
func lastRoleUser(t *testing.T, e *testEnv) (string, string) {
	t.Helper()
	byUser := map[string][]string{}
	for _, l := range e.liveAccount().UserRoles {
		byUser[l.UserID] = append(byUser[l.UserID], l.RoleID)
	}
	for u, roles := range byUser {
		if len(roles) == 1 && roles[0] != boomi.StandardUserRoleID && boomi.IsCanonicalRoleID(roles[0]) {
			return u, roles[0]
		}
	}
	t.Fatal("the fixture has no user with one non-Standard role")
	return "", ""
}

// An MFT mapping write (a full PUT) whose answer is lost: PUT is idempotent, so the transport sends it again;
// the mapping ends up with the role exactly once.
func TestMFTGrantWithALostAnswerConverges(t *testing.T) {
	e := newTestEnv(t, nil, withMFTTenant())
	before, _ := e.mapping(e.state().SSOMappings[1].ID)
	roleID := e.liveRoleNotIn(before)
	e.sim.SetFaults(boomisim.Faults{Routes: map[string]boomisim.RouteFault{routeMFTPutMapping: {Count: 1, Lost: true}}})
	_, _, err := newMFTRoleBuilder(e.conn).Grant(e.ctx, mappingPrincipal(before.ID), mftRoleEntitlement(roleID))
	require.NoError(t, err)
	after, _ := e.mapping(before.ID)
	count := 0
	for _, id := range after.RoleIDs {
		if id == roleID {
			count++
		}
	}
	require.Equal(t, 1, count, "the role is on the mapping exactly once: %v", after.RoleIDs)
	require.Equal(t, len(before.RoleIDs)+1, len(after.RoleIDs))
}

// An MFT mapping create whose answer is lost: the POST is not repeated, the connector finds the mapping it
// made and returns it; exactly one mapping carries the attribute.
func TestMFTCreateMappingWithALostAnswerMakesOneMapping(t *testing.T) {
	e := newTestEnv(t, nil, withMFTTenant())
	before := len(e.state().SSOMappings)
	e.sim.SetFaults(boomisim.Faults{Routes: map[string]boomisim.RouteFault{routeMFTCreate: {Count: 1, Lost: true}}})
	created, _, err := newMFTSSOMappingBuilder(e.conn).Create(e.ctx, mappingToCreate(t, map[string]any{
		"attribute_name": "department", "attribute_value": "lost-answer",
	}))
	require.NoError(t, err)
	require.Len(t, e.state().SSOMappings, before+1, "exactly one new mapping")
	m, ok := e.mapping(parseIDForTest(t, created.GetId().GetResource()))
	require.True(t, ok)
	require.Equal(t, "lost-answer", *m.AttributeValue)
	require.EqualValues(t, 1, e.requests(routeMFTCreate), "the create is never repeated")
}

// SSO account creation with a failure injected at every request it makes, in every way a request can fail
// (refused with 500, connection dropped before the work, answer lost after the work): the result is always
// all or nothing — a user with its role and its federation record, or no user and no federation record.
func TestSSOCreateAccountFailureAtEveryStepLeavesNoOrphan(t *testing.T) {
	steps := []string{
		"POST /AccountUserRole/query",       // is the e-mail a user already?
		"GET /getAssignableRoles",           // may the role be assigned?
		"POST /AccountUserFederation/query", // is the federation id free?
		"POST /AccountUserRole",             // step 1: the user and its role
		"POST /AccountUserFederation",       // step 2: the federation record
	}
	failures := map[string]boomisim.RouteFault{
		"500":     {Count: 1, Status: 500},
		"dropped": {Count: 1, Status: 0},
		"lost":    {Count: 1, Lost: true},
	}
	for _, step := range steps {
		for name, fault := range failures {
			t.Run(step+"/"+name, func(t *testing.T) {
				e := newTestEnv(t, provisioningFixture(), withNotifyUsers())
				const email = "sso.step@acme.test"
				e.sim.SetFaults(boomisim.Faults{Routes: map[string]boomisim.RouteFault{step: fault}})
				_, _, _, err := newUserBuilder(e.conn).CreateAccount(e.ctx,
					accountInfo(t, email, map[string]any{"federation_id": "sso-step-1"}), cliCredentialOptions())
				_, pending := e.sim.Faults().Routes[step]
				require.False(t, pending, "the request %s was never made, so its failure was not tested", step)
				roles, feds := e.rolesOf(email), e.federationsOf(email)
				if err == nil {
					require.Equal(t, []string{boomi.StandardUserRoleID}, roles)
					require.Equal(t, []string{"sso-step-1"}, feds)
				} else {
					require.Empty(t, roles, "orphan user after %v", err)
					require.Empty(t, feds, "orphan federation record after %v", err)
				}
				require.Empty(t, e.invitationsFor(email), "SSO users get no e-mail")
			})
		}
	}
}

func TestGroupRoleGrantAndRevokeWithLostAnswersAreDoneOnce(t *testing.T) {
	e := newTestEnv(t, provisioningFixture(), withNotifyUsers())
	groups := newAccountGroupBuilder(e.conn)
	ent := groupEntitlement(fxGroup, boomisim.ProductionSupportRoleID)
	e.sim.SetFaults(boomisim.Faults{Routes: map[string]boomisim.RouteFault{"POST /AccountGroupUserRole": {Count: 1, Lost: true}}})
	_, _, err := groups.Grant(e.ctx, userPrincipal(fxPlain), ent)
	require.NoError(t, err)
	require.Equal(t, []string{fxGroup + "/" + boomisim.ProductionSupportRoleID}, e.groupRolesOf(fxPlain))
	require.Equal(t, int64(1), e.sim.Counters()["POST /AccountGroupUserRole"].Requests, "the create is never repeated")

	e.sim.SetFaults(boomisim.Faults{Routes: map[string]boomisim.RouteFault{"DELETE /AccountGroupUserRole/{id}": {Count: 1, Lost: true}}})
	_, err = groups.Revoke(e.ctx, grantOf(ent, userPrincipal(fxPlain)))
	require.NoError(t, err)
	require.Empty(t, e.groupRolesOf(fxPlain))
}
