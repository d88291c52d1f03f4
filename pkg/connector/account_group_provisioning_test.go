package connector

import (
	"testing"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

func TestGroupRoleGrantTwiceThenRevokeTwice(t *testing.T) {
	e := newTestEnv(t, provisioningFixture(), withNotifyUsers())
	groups := newAccountGroupBuilder(e.conn)
	ent := groupEntitlement(fxGroup, boomisim.ProductionSupportRoleID)
	principal := userPrincipal(fxPlain)

	grants, annos, err := groups.Grant(e.ctx, principal, ent)
	require.NoError(t, err)
	require.False(t, hasAnnotation(annos, &v2.GrantAlreadyExists{}))
	require.Len(t, grants, 1)
	require.Equal(t, "account_group:"+fxGroup+":"+boomisim.ProductionSupportRoleID+":user:"+fxPlain, grants[0].GetId())
	require.Equal(t, []string{fxGroup + "/" + boomisim.ProductionSupportRoleID}, e.groupRolesOf(fxPlain))

	e.sim.ResetCounters()
	_, annos, err = groups.Grant(e.ctx, principal, ent)
	require.NoError(t, err)
	require.True(t, hasAnnotation(annos, &v2.GrantAlreadyExists{}))
	e.requireNoWrites()

	g := grantOf(ent, principal)
	annos, err = groups.Revoke(e.ctx, g)
	require.NoError(t, err)
	require.False(t, hasAnnotation(annos, &v2.GrantAlreadyRevoked{}))
	require.Empty(t, e.groupRolesOf(fxPlain))
	require.Len(t, e.rolesOf(fxPlain), 2, "group-role changes leave the account roles alone")

	e.sim.ResetCounters()
	annos, err = groups.Revoke(e.ctx, g)
	require.NoError(t, err)
	require.True(t, hasAnnotation(annos, &v2.GrantAlreadyRevoked{}))
	e.requireNoWrites()
}

func TestGroupRoleGrantToGroupOnlyUserWorks(t *testing.T) {
	e := newTestEnv(t, provisioningFixture(), withNotifyUsers())
	_, _, err := newAccountGroupBuilder(e.conn).Grant(e.ctx, userPrincipal(fxGroupOnly), groupEntitlement(fxGroup, fxCustomRole))
	require.NoError(t, err)
	require.Equal(t, []string{fxGroup + "/" + fxCustomRole, fxGroup + "/" + boomisim.SupportRoleID}, e.groupRolesOf(fxGroupOnly))
	require.Empty(t, e.rolesOf(fxGroupOnly), "a group role does not add the user to the account itself")
}

func TestGroupRoleGrantToUserUnknownToTheAccountFailsAndWritesNothing(t *testing.T) {
	e := newTestEnv(t, provisioningFixture(), withNotifyUsers())
	_, _, err := newAccountGroupBuilder(e.conn).Grant(e.ctx, userPrincipal(fxStranger), groupEntitlement(fxGroup, boomisim.SupportRoleID))
	require.Error(t, err)
	require.Equal(t, codes.FailedPrecondition, status.Code(err))
	require.Contains(t, err.Error(), "create the user first")
	e.requireNoWrites()
	require.Empty(t, e.groupRolesOf(fxStranger))
	require.Empty(t, e.rolesOf(fxStranger))
}

func TestGroupRoleGrantOfNonCanonicalRoleFailsBeforeAnyRequest(t *testing.T) {
	e := newTestEnv(t, provisioningFixture(), withNotifyUsers())
	_, _, err := newAccountGroupBuilder(e.conn).Grant(e.ctx, userPrincipal(fxPlain), groupEntitlement(fxGroup, boomisim.NonCanonicalRoleID))
	require.Equal(t, codes.InvalidArgument, status.Code(err))
	e.requireNoRequests()
}

func TestGroupRoleGrantRejectsAGlobalRoleEntitlement(t *testing.T) {
	e := newTestEnv(t, provisioningFixture(), withNotifyUsers())
	_, _, err := newAccountGroupBuilder(e.conn).Grant(e.ctx, userPrincipal(fxPlain), roleEntitlement(boomisim.SupportRoleID))
	require.Equal(t, codes.InvalidArgument, status.Code(err))
	e.requireNoRequests()
}

func TestGroupRoleRevokeTouchesOnlyTheNamedGroup(t *testing.T) {
	e := newTestEnv(t, provisioningFixture(), withNotifyUsers())
	const otherGroup = "7a2d3b8f-0e1c-4d66-9f3b-2c3d4e5f6071"
	e.sim.Mutate(func(st *boomisim.State) {
		acct := st.Accounts[fxAccount]
		acct.Groups = append(acct.Groups, boomisim.AccountGroup{ID: otherGroup, AccountID: fxAccount, Name: "Resellers"})
		acct.GroupUserRoles = append(acct.GroupUserRoles, boomisim.AccountGroupUserRole{
			ID: "agur-grouponly-2", AccountGroupID: otherGroup, UserID: fxGroupOnly, RoleID: boomisim.SupportRoleID,
		})
	})
	_, err := newAccountGroupBuilder(e.conn).Revoke(e.ctx, grantOf(groupEntitlement(fxGroup, boomisim.SupportRoleID), userPrincipal(fxGroupOnly)))
	require.NoError(t, err)
	require.Equal(t, []string{otherGroup + "/" + boomisim.SupportRoleID}, e.groupRolesOf(fxGroupOnly))
}
