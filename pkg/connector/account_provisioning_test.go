package connector

import (
	"sort"
	"testing"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

// Direct roles in sub-accounts, against the simulator's account hierarchy: fxAccount > fxChild > fxGrand,
// fxAccount > fxSuspended, and fxForeign outside the tree (the admin belongs to it, but it is not below the
// primary, so the Partner API refuses it).
const (
	fxChild     = "acme01-CHILD1"
	fxGrand     = "acme01n-GRAND1"
	fxSuspended = "acme02-SUSP01"
	fxForeign   = "other-FOREIGN"
)

func treeFixture() *boomisim.State {
	st := provisioningFixture()
	sub := func(id, parent, status string, links ...boomisim.AccountUserRole) {
		for i := range links {
			links[i].AccountID = id
			links[i].ID = id + "|" + links[i].ID
		}
		st.Accounts[id] = &boomisim.AccountState{
			Account:  boomisim.Account{AccountID: id, Name: id, Status: status},
			ParentID: parent, UserRoles: links,
		}
	}
	sub(fxChild, fxAccount, "active", fxLink(fxAdmin, boomi.AdministratorRoleID), fxLink(fxSolo, boomi.StandardUserRoleID))
	sub(fxGrand, fxChild, "active", fxLink(fxAdmin, boomi.AdministratorRoleID), fxLink(fxOneRole, boomisim.SupportRoleID))
	sub(fxSuspended, fxAccount, "suspended", fxLink(fxSolo, boomi.StandardUserRoleID))
	sub(fxForeign, "", "active", fxLink(fxSolo, boomi.StandardUserRoleID))
	st.Credentials[0].Accounts = append(st.Credentials[0].Accounts, fxChild, fxGrand, fxSuspended, fxForeign)
	return st
}

// accountEntitlement is account:<A>:<R> with a resource that names another account on purpose: the
// target must come from the id alone.
func accountEntitlement(accountID, roleID string) *v2.Entitlement {
	return v2.Entitlement_builder{
		Id:       accountResourceType.GetId() + ":" + accountID + ":" + roleID,
		Resource: resourceStub(accountResourceType, "misleading-PARENT"),
		Slug:     roleID,
	}.Build()
}

func TestSubAccountGrantAndRevokeFollowTheEntitlementID(t *testing.T) {
	e := newTestEnv(t, treeFixture(), withNotifyUsers(), withTree(treeSettings{enabled: true}))
	b := newAccountBuilder(e.conn)
	ent := accountEntitlement(fxGrand, boomisim.ProductionSupportRoleID)

	_, annos, err := b.Grant(e.ctx, userPrincipal(fxOneRole), ent)
	require.NoError(t, err)
	require.False(t, hasAnnotation(annos, &v2.GrantAlreadyExists{}))
	require.Equal(t, sorted(boomisim.ProductionSupportRoleID, boomisim.SupportRoleID), e.rolesIn(fxGrand, fxOneRole))
	require.Equal(t, []string{boomisim.SupportRoleID}, e.rolesIn(fxAccount, fxOneRole), "the primary's links must not change")
	_, annos, err = b.Grant(e.ctx, userPrincipal(fxOneRole), ent)
	require.NoError(t, err)
	require.True(t, hasAnnotation(annos, &v2.GrantAlreadyExists{}))

	// Revoking the user's last role in the nested account keeps them there with Standard User.
	_, err = b.Revoke(e.ctx, grantOf(ent, userPrincipal(fxOneRole)))
	require.NoError(t, err)
	_, err = b.Revoke(e.ctx, grantOf(accountEntitlement(fxGrand, boomisim.SupportRoleID), userPrincipal(fxOneRole)))
	require.NoError(t, err)
	require.Equal(t, []string{boomi.StandardUserRoleID}, e.rolesIn(fxGrand, fxOneRole))

	// The sole Standard User is refused.
	e.sim.ResetCounters()
	_, err = b.Revoke(e.ctx, grantOf(accountEntitlement(fxGrand, boomi.StandardUserRoleID), userPrincipal(fxOneRole)))
	require.Equal(t, codes.FailedPrecondition, status.Code(err))
	require.Contains(t, err.Error(), fxGrand)
	e.requireNoWrites()
}

func TestSubAccountGrantRefusals(t *testing.T) {
	cases := []struct {
		name      string
		tree      treeSettings
		account   string
		principal *v2.Resource
		code      codes.Code
		says      string
		noRequest bool
	}{
		{"mode off", treeSettings{}, fxChild, userPrincipal(fxSolo), codes.FailedPrecondition, "--include-sub-accounts", true},
		{"not in --sub-accounts", treeSettings{enabled: true, only: []string{fxGrand}}, fxChild, userPrincipal(fxSolo), codes.FailedPrecondition, "--sub-accounts", true},
		{"the primary itself", treeSettings{enabled: true}, fxAccount, userPrincipal(fxSolo), codes.InvalidArgument, "role:<roleId>:assigned", true},
		{"account group principal", treeSettings{enabled: true}, fxChild, resourceStub(accountGroupResourceType, fxGroup), codes.InvalidArgument, "account groups reach", true},
		{"outside the tree", treeSettings{enabled: true}, fxForeign, userPrincipal(fxSolo), codes.FailedPrecondition, "not below account " + fxAccount, false},
		{"suspended", treeSettings{enabled: true}, fxSuspended, userPrincipal(fxSolo), codes.FailedPrecondition, "suspended", false},
		{"non-canonical role", treeSettings{enabled: true}, fxChild, userPrincipal(fxSolo), codes.InvalidArgument, "canonical", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := newTestEnv(t, treeFixture(), withNotifyUsers(), withTree(tc.tree))
			before := e.sim.Snapshot()
			role := boomisim.ProductionSupportRoleID
			if tc.name == "non-canonical role" {
				role = boomisim.NonCanonicalRoleID
			}
			_, _, err := newAccountBuilder(e.conn).Grant(e.ctx, tc.principal, accountEntitlement(tc.account, role))
			require.Equal(t, tc.code, status.Code(err), "%v", err)
			require.Contains(t, err.Error(), tc.says)
			if tc.noRequest {
				e.requireNoRequests()
			}
			e.requireNoWrites()
			require.Equal(t, before.Accounts[tc.account].UserRoles, e.sim.Snapshot().Accounts[tc.account].UserRoles)
		})
	}
}

func TestValidateReportsPartnerAPIAccess(t *testing.T) {
	e := newTestEnv(t, treeFixture(), withNotifyUsers(), withTree(treeSettings{enabled: true}))
	_, err := e.conn.Validate(e.ctx)
	require.NoError(t, err)

	e.sim.Mutate(func(st *boomisim.State) { st.Accounts[fxAccount].PartnerAPIDisabled = true })
	_, err = e.conn.Validate(e.ctx)
	require.Equal(t, codes.FailedPrecondition, status.Code(err))
	require.Contains(t, err.Error(), "ask Boomi support to enable Partner API access")

	// Without the mode, Validate does not ask the Partner API.
	e.conn.tree = treeSettings{}
	_, err = e.conn.Validate(e.ctx)
	require.NoError(t, err)
}

func sorted(ids ...string) []string {
	sort.Strings(ids)
	return ids
}
