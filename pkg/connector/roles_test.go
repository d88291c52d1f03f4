package connector

import (
	"sort"
	"testing"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	rs "github.com/conductorone/baton-sdk/pkg/types/resource"
	"github.com/stretchr/testify/require"

	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

func TestRolesIncludeBuiltInAndCustomRolesOnce(t *testing.T) {
	e := newTestEnv(t, boomisim.Generate(syncTestSpec()))
	roles := e.listAll(newRoleBuilder(e.conn))
	want := map[string]bool{}
	for _, r := range boomisim.BuiltinRoles() {
		want[r.ID] = true
	}
	for _, r := range e.account().Roles {
		want[r.ID] = true
	}
	ids := idsOf(roles)
	require.Len(t, ids, len(want))
	for _, id := range ids {
		require.True(t, want[id], "unexpected role %s", id)
	}
	for _, r := range roles {
		rt, err := rs.GetRoleTrait(r)
		require.NoError(t, err)
		p := rt.GetProfile().AsMap()
		_, builtIn := builtinIndex()[r.GetId().GetResource()]
		require.Equal(t, builtIn, p["built_in"], "built_in of %s", r.GetDisplayName())
		require.NotEmpty(t, p["privileges"], "privileges of %s", r.GetDisplayName())
	}
}

func builtinIndex() map[string]boomisim.Role {
	out := map[string]boomisim.Role{}
	for _, r := range boomisim.BuiltinRoles() {
		out[r.ID] = r
	}
	return out
}

func TestRoleGrantsEqualTheAccountUserRoleLinks(t *testing.T) {
	e := newTestEnv(t, boomisim.Generate(syncTestSpec()))
	grants := e.typeGrantsAll(newRoleBuilder(e.conn), roleResourceType)
	var want []string
	for _, l := range e.account().UserRoles {
		want = append(want, "role:"+l.RoleID+":assigned:user:"+l.UserID)
	}
	got := grantIDsOf(grants)
	sort.Strings(want)
	sort.Strings(got)
	require.Equal(t, want, got)
}

func TestNonCanonicalRoleIsImmutableAndKeepsItsGrants(t *testing.T) {
	st := boomisim.Generate(syncTestSpec())
	admin := boomisim.AdminConnection(st)
	acct := st.Accounts[admin.AccountID]
	holder := acct.UserRoles[0]
	acct.UserRoles = append(acct.UserRoles, boomisim.AccountUserRole{
		ID: "aur-noncanonical", AccountID: admin.AccountID, UserID: holder.UserID, RoleID: boomisim.NonCanonicalRoleID,
	})
	e := newTestEnv(t, st)
	b := newRoleBuilder(e.conn)

	var nonCanonical, canonical *v2.Resource
	for _, r := range e.listAll(b) {
		switch r.GetId().GetResource() {
		case boomisim.NonCanonicalRoleID:
			nonCanonical = r
		case boomisim.StandardUserRoleID:
			canonical = r
		}
	}
	require.NotNil(t, nonCanonical)
	require.NotNil(t, canonical)

	ents, _, err := b.Entitlements(e.ctx, nonCanonical, e.opts(""))
	require.NoError(t, err)
	require.Len(t, ents, 1)
	require.Equal(t, "role:"+boomisim.NonCanonicalRoleID+":assigned", ents[0].GetId())
	require.True(t, annosOf(ents[0].GetAnnotations()).Contains(&v2.EntitlementImmutable{}))

	ents, _, err = b.Entitlements(e.ctx, canonical, e.opts(""))
	require.NoError(t, err)
	require.False(t, annosOf(ents[0].GetAnnotations()).Contains(&v2.EntitlementImmutable{}))

	grants := grantIDsOf(e.typeGrantsAll(b, roleResourceType))
	require.Contains(t, grants, "role:"+boomisim.NonCanonicalRoleID+":assigned:user:"+holder.UserID)
}

func TestRoleGetReadsOneRole(t *testing.T) {
	e := newTestEnv(t, boomisim.Generate(syncTestSpec()))
	custom := e.account().Roles[0]
	r, _, err := newRoleBuilder(e.conn).Get(e.ctx, resourceIDOf(roleResourceType, custom.ID), nil)
	require.NoError(t, err)
	require.Equal(t, custom.Name, r.GetDisplayName())
	require.Equal(t, int64(1), e.requests("GET /Role/{id}"))
}

func TestPerRoleGrantsQueryOnlyThatRole(t *testing.T) {
	e := newTestEnv(t, boomisim.Generate(syncTestSpec()))
	role := resourceStub(roleResourceType, boomisim.StandardUserRoleID)
	got := grantIDsOf(e.grantsAll(newRoleBuilder(e.conn), role))
	var want []string
	for _, l := range e.account().UserRoles {
		if l.RoleID == boomisim.StandardUserRoleID {
			want = append(want, "role:"+l.RoleID+":assigned:user:"+l.UserID)
		}
	}
	sort.Strings(got)
	sort.Strings(want)
	require.Equal(t, want, got)
}
