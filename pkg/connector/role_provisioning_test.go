package connector

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

func TestRoleGrantTwiceCreatesOneLinkAndWritesNothingTheSecondTime(t *testing.T) {
	e := newTestEnv(t, provisioningFixture(), withNotifyUsers())
	roles := newRoleBuilder(e.conn)
	ent := roleEntitlement(boomisim.ProductionSupportRoleID)

	grants, annos, err := roles.Grant(e.ctx, userPrincipal(fxPlain), ent)
	require.NoError(t, err)
	require.False(t, hasAnnotation(annos, &v2.GrantAlreadyExists{}))
	require.Len(t, grants, 1)
	require.Equal(t, "role:"+boomisim.ProductionSupportRoleID+":assigned:user:"+fxPlain, grants[0].GetId())
	require.Equal(t, []string{boomi.StandardUserRoleID, boomisim.ProductionSupportRoleID, boomisim.SupportRoleID}, e.rolesOf(fxPlain))
	require.Len(t, e.invitationsFor(fxPlain), 1, "notify-users on: Boomi e-mails the user about the new role")

	e.sim.ResetCounters()
	grants, annos, err = roles.Grant(e.ctx, userPrincipal(fxPlain), ent)
	require.NoError(t, err)
	require.True(t, hasAnnotation(annos, &v2.GrantAlreadyExists{}))
	require.Len(t, grants, 1)
	e.requireNoWrites()
	require.Equal(t, []string{boomi.StandardUserRoleID, boomisim.ProductionSupportRoleID, boomisim.SupportRoleID}, e.rolesOf(fxPlain))
}

func TestRoleGrantHonoursNotifyUsersOff(t *testing.T) {
	e := newTestEnv(t, provisioningFixture())
	_, _, err := newRoleBuilder(e.conn).Grant(e.ctx, userPrincipal(fxPlain), roleEntitlement(fxCustomRole))
	require.NoError(t, err)
	require.Contains(t, e.rolesOf(fxPlain), fxCustomRole)
	require.Empty(t, e.invitationsFor(fxPlain), "notify-users off: no e-mail")
}

func TestRoleRevokeTwiceDeletesOnceThenReportsAlreadyRevoked(t *testing.T) {
	e := newTestEnv(t, provisioningFixture(), withNotifyUsers())
	roles := newRoleBuilder(e.conn)
	g := grantOf(roleEntitlement(boomisim.SupportRoleID), userPrincipal(fxPlain))

	annos, err := roles.Revoke(e.ctx, g)
	require.NoError(t, err)
	require.False(t, hasAnnotation(annos, &v2.GrantAlreadyRevoked{}))
	require.Equal(t, []string{boomi.StandardUserRoleID}, e.rolesOf(fxPlain))

	e.sim.ResetCounters()
	annos, err = roles.Revoke(e.ctx, g)
	require.NoError(t, err)
	require.True(t, hasAnnotation(annos, &v2.GrantAlreadyRevoked{}))
	e.requireNoWrites()
	require.Equal(t, []string{boomi.StandardUserRoleID}, e.rolesOf(fxPlain))
}

func TestRoleRevokeOfLastRoleAssignsStandardUserFirstAndKeepsTheUser(t *testing.T) {
	e := newTestEnv(t, provisioningFixture(), withNotifyUsers())
	_, err := newRoleBuilder(e.conn).Revoke(e.ctx, grantOf(roleEntitlement(boomisim.SupportRoleID), userPrincipal(fxOneRole)))
	require.NoError(t, err)
	require.Equal(t, []string{boomi.StandardUserRoleID}, e.rolesOf(fxOneRole), "the user stays, with Standard User only")
	require.Empty(t, e.invitationsFor(fxOneRole), "the safety-net Standard User assignment sends no e-mail")
}

func TestRoleRevokeOfSoleStandardUserIsRefusedAndChangesNothing(t *testing.T) {
	e := newTestEnv(t, provisioningFixture(), withNotifyUsers())
	_, err := newRoleBuilder(e.conn).Revoke(e.ctx, grantOf(roleEntitlement(boomi.StandardUserRoleID), userPrincipal(fxSolo)))
	require.Error(t, err)
	require.Equal(t, codes.FailedPrecondition, status.Code(err))
	require.Contains(t, err.Error(), "does not support")
	e.requireNoWrites()
	require.Equal(t, []string{boomi.StandardUserRoleID}, e.rolesOf(fxSolo))
}

func TestRoleRevokeOfStandardUserIsAllowedWhenAnotherRoleRemains(t *testing.T) {
	e := newTestEnv(t, provisioningFixture(), withNotifyUsers())
	_, err := newRoleBuilder(e.conn).Revoke(e.ctx, grantOf(roleEntitlement(boomi.StandardUserRoleID), userPrincipal(fxPlain)))
	require.NoError(t, err)
	require.Equal(t, []string{boomisim.SupportRoleID}, e.rolesOf(fxPlain))
}

func TestRoleGrantOfNonCanonicalRoleFailsBeforeAnyRequest(t *testing.T) {
	e := newTestEnv(t, provisioningFixture(), withNotifyUsers())
	_, _, err := newRoleBuilder(e.conn).Grant(e.ctx, userPrincipal(fxPlain), roleEntitlement(boomisim.NonCanonicalRoleID))
	require.Error(t, err)
	require.Equal(t, codes.InvalidArgument, status.Code(err))
	require.Contains(t, err.Error(), "canonical UUID")
	e.requireNoRequests()
	require.NotContains(t, e.rolesOf(fxPlain), boomisim.NonCanonicalRoleID)
}

func TestRoleGrantToNonUserPrincipalFailsBeforeAnyRequest(t *testing.T) {
	e := newTestEnv(t, provisioningFixture(), withNotifyUsers())
	_, _, err := newRoleBuilder(e.conn).Grant(e.ctx, resourceStub(accountGroupResourceType, fxGroup), roleEntitlement(boomisim.SupportRoleID))
	require.Equal(t, codes.InvalidArgument, status.Code(err))
	e.requireNoRequests()
}

func TestRoleRevokeUsesOnlyIDsNotParentsOrGrantData(t *testing.T) {
	e := newTestEnv(t, provisioningFixture(), withNotifyUsers())
	// What C1 may send: ids only, no parent, no resource bodies, no cached grant annotations.
	g := v2.Grant_builder{
		Id:          "role:" + boomisim.SupportRoleID + ":assigned:user:" + fxPlain,
		Entitlement: v2.Entitlement_builder{Id: roleEntitlementID(boomisim.SupportRoleID)}.Build(),
		Principal:   v2.Resource_builder{Id: resourceIDOf(userResourceType, fxPlain)}.Build(),
	}.Build()
	_, err := newRoleBuilder(e.conn).Revoke(e.ctx, g)
	require.NoError(t, err)
	require.Equal(t, []string{boomi.StandardUserRoleID}, e.rolesOf(fxPlain))
}

// Two revokes of a user's only two roles, racing: without per-user serialization both would see "another
// role remains", both delete, and Boomi would drop the user. Latency widens the window so that, without the
// lock, both reads land before either delete.
func TestConcurrentRevokesOfTheLastTwoRolesKeepTheUser(t *testing.T) {
	for round := 0; round < 5; round++ {
		e := newTestEnv(t, provisioningFixture(), withNotifyUsers())
		e.sim.SetFaults(boomisim.Faults{Latency: 3 * time.Millisecond})
		roles := newRoleBuilder(e.conn)
		principal := userPrincipal(fxTwoRoles)
		grants := []*v2.Grant{
			grantOf(roleEntitlement(boomisim.ProductionSupportRoleID), principal),
			grantOf(roleEntitlement(boomisim.SupportRoleID), principal),
		}
		start := make(chan struct{})
		errs := make([]error, len(grants))
		var wg sync.WaitGroup
		for i, g := range grants {
			wg.Add(1)
			go func(i int, g *v2.Grant) {
				defer wg.Done()
				<-start
				_, errs[i] = roles.Revoke(e.ctx, g)
			}(i, g)
		}
		close(start)
		wg.Wait()
		require.NoError(t, errs[0])
		require.NoError(t, errs[1])
		require.Equal(t, []string{boomi.StandardUserRoleID}, e.rolesOf(fxTwoRoles), "round %d: the user must stay with Standard User only", round)
	}
}

// The race the per-user lock cannot see: another process removes the user's other role at the same moment
// this one removes its own. Boomi drops the user (and, in the simulator, the federation record); the revoke
// notices on its check after the delete and adds the user back with Standard User and the federation id.
func TestRevokeRestoresAUserThatAConcurrentOutsideChangeLeftWithoutRoles(t *testing.T) {
	e := newTestEnv(t, provisioningFixture(), withNotifyUsers())
	e.sim.Mutate(func(st *boomisim.State) {
		acct := st.Accounts[fxAccount]
		acct.Federations = append(acct.Federations, boomisim.AccountUserFederation{
			ID: "fed-rec-two", AccountID: fxAccount, UserID: fxTwoRoles, FederationID: "two-sso",
		})
	})
	// "Another process": a second client of the same account.
	other, err := boomi.New(e.ctx, boomi.Config{
		BaseURL: e.baseURL, AccountID: fxAccount, Username: fxAdmin, APIToken: fxToken, RequestsPerSecond: -1,
	})
	require.NoError(t, err)
	// The hook runs for the other client's DELETE too (nested in this one), hence a flag, not a sync.Once.
	var fired atomic.Bool
	var otherErr error
	e.sim.SetAfterHook(func(route string) {
		if route == "DELETE /AccountUserRole/{id}" && fired.CompareAndSwap(false, true) {
			otherErr = other.DeleteAccountUserRole(e.ctx, fxLink(fxTwoRoles, boomisim.SupportRoleID).ID)
		}
	})

	_, err = newRoleBuilder(e.conn).Revoke(e.ctx, grantOf(roleEntitlement(boomisim.ProductionSupportRoleID), userPrincipal(fxTwoRoles)))
	e.sim.SetAfterHook(nil)
	require.NoError(t, otherErr)
	require.NoError(t, err)
	require.Equal(t, []string{boomi.StandardUserRoleID}, e.rolesOf(fxTwoRoles), "the user is back in the account")
	require.Equal(t, []string{"two-sso"}, e.federationsOf(fxTwoRoles), "with the federation id it had")
	require.Empty(t, e.invitationsFor(fxTwoRoles), "the repair sends no e-mail")
}
