package connector

import (
	"sort"
	"testing"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/stretchr/testify/require"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

func TestAccountGroupsEntitlementsAndGrants(t *testing.T) {
	e := newTestEnv(t, boomisim.Generate(syncTestSpec()))
	acct := e.account()
	b := newAccountGroupBuilder(e.conn)

	groups := e.listAll(b)
	require.Len(t, groups, len(acct.Groups))

	assignable := len(assignableSimRoles(acct))
	ents, _, err := b.Entitlements(e.ctx, groups[0], e.opts(""))
	require.NoError(t, err)
	require.Len(t, ents, assignable, "one entitlement per assignable role")
	for _, ent := range ents {
		roleID := ent.GetSlug()
		require.Equal(t, "account_group:"+groups[0].GetId().GetResource()+":"+roleID, ent.GetId())
		immutable := annosOf(ent.GetAnnotations()).Contains(&v2.EntitlementImmutable{})
		require.Equal(t, roleID == boomisim.NonCanonicalRoleID, immutable, "immutability of %s", ent.GetDisplayName())
	}

	var want []string
	for _, l := range acct.GroupUserRoles {
		want = append(want, "account_group:"+l.AccountGroupID+":"+l.RoleID+":user:"+l.UserID)
	}
	got := grantIDsOf(e.typeGrantsAll(b, accountGroupResourceType))
	sort.Strings(want)
	sort.Strings(got)
	require.Equal(t, want, got)
	require.Equal(t, int64(1), e.requests("GET /getAssignableRoles"), "assignable roles are read once per sync")
}

func TestNonPrimaryAccountHasNoGroupsNorSubAccounts(t *testing.T) {
	spec := syncTestSpec()
	spec.NonPrimary = true
	e := newTestEnv(t, boomisim.Generate(spec))

	require.Empty(t, e.listAll(newAccountGroupBuilder(e.conn)))
	require.Empty(t, e.typeGrantsAll(newAccountGroupBuilder(e.conn), accountGroupResourceType))
	require.Empty(t, e.listAll(newAccountBuilder(e.conn)))
	require.Empty(t, e.typeGrantsAll(newAccountBuilder(e.conn), accountResourceType))
	require.NotEmpty(t, e.listAll(newUserBuilder(e.conn)), "users still sync")
}

// assignableSimRoles is what the simulator's getAssignableRoles lists for acct: the built-in and custom
// roles whose ids the API accepts (not the non-canonical one).
func assignableSimRoles(acct *boomisim.AccountState) []boomisim.Role {
	var out []boomisim.Role
	for _, r := range append(boomisim.BuiltinRoles(), acct.Roles...) {
		if boomi.IsCanonicalRoleID(r.ID) {
			out = append(out, r)
		}
	}
	return out
}

// The Grants of one account group and of one sub-account (a targeted sync, outside the type-scoped walk)
// query that resource's links only and build exactly the grants the full sync's walk gives it.
func TestGrantsOfOneGroupAndOneSubAccountAreTheirShareOfTheFullWalk(t *testing.T) {
	e := newTestEnv(t, boomisim.Generate(syncTestSpec()))
	acct := e.account()
	require.NotEmpty(t, acct.GroupUserRoles)
	require.NotEmpty(t, acct.GroupAccounts)
	groupID := acct.GroupUserRoles[0].AccountGroupID
	primary := e.conn.client.AccountID()
	accountID := ""
	for _, l := range acct.GroupAccounts {
		if e.loaded.Accounts[l.AccountID] != nil && e.loaded.Accounts[l.AccountID].ParentID == primary {
			accountID = l.AccountID
			break
		}
	}
	require.NotEmpty(t, accountID, "a sub-account in a group")

	groups := newAccountGroupBuilder(e.conn)
	accounts := newAccountBuilder(e.conn)
	e.listAll(accounts) // the full walk grants only the accounts its List listed
	shareOf := func(grants []*v2.Grant, resourceID string) []string {
		var out []string
		for _, g := range grants {
			if g.GetEntitlement().GetResource().GetId().GetResource() == resourceID {
				out = append(out, g.GetId())
			}
		}
		sort.Strings(out)
		return out
	}

	wantGroup := shareOf(e.typeGrantsAll(groups, accountGroupResourceType), groupID)
	require.NotEmpty(t, wantGroup)
	require.Equal(t, wantGroup, sortedGrantIDsOf(e.grantsAll(groups, resourceStub(accountGroupResourceType, groupID))))

	fullWalk := e.typeGrantsAll(accounts, accountResourceType)
	wantAccount := shareOf(fullWalk, accountID)
	require.NotEmpty(t, wantAccount)
	one := e.grantsAll(accounts, resourceStub(accountResourceType, accountID))
	require.Equal(t, wantAccount, sortedGrantIDsOf(one))
	for _, g := range one {
		expand := &v2.GrantExpandable{}
		ok, err := annosOf(g.GetAnnotations()).Pick(expand)
		require.NoError(t, err)
		require.True(t, ok, "grant %s must be expandable", g.GetId())
	}
}
