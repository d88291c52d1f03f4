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
