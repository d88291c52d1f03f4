package connector

import (
	"fmt"
	"slices"
	"testing"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/conductorone/baton-sdk/pkg/types/resource"
	"github.com/stretchr/testify/require"

	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

func TestMFTSyncResourcesMatchTheSimulator(t *testing.T) {
	e := newTestEnv(t, nil, withMFTTenant(), withoutSessionStore())
	st := e.state()
	opts := e.optsFor("sync-1", "")

	users, res, err := newMFTUserBuilder(e.conn).List(e.ctx, nil, opts)
	require.NoError(t, err)
	require.Empty(t, nextPageToken(res))
	require.Len(t, users, len(st.Users))
	byID := map[string]*v2.Resource{}
	for _, u := range users {
		byID[u.GetId().GetResource()] = u
	}
	for _, want := range st.Users {
		got := byID[mftIDString(want.ID)]
		require.NotNil(t, got, "user %d", want.ID)
		trait, err := resource.GetUserTrait(got)
		require.NoError(t, err)
		require.Equal(t, want.Username, trait.GetLogin())
		require.Equal(t, want.Email, trait.GetEmails()[0].GetAddress())
		profile := trait.GetProfile().AsMap()
		require.EqualValues(t, want.FailedAttempts, profile["failed_attempts"])
		switch {
		case want.BannedUntil != nil && *want.BannedUntil == boomisim.MFTFarFutureBan:
			require.Equal(t, v2.UserTrait_Status_STATUS_DISABLED, trait.GetStatus().GetStatus())
			require.Contains(t, trait.GetStatus().GetDetails(), "locked until 2099-01-01")
			require.Equal(t, true, profile["locked"])
		case want.IsEnabled && want.IsActive:
			require.Equal(t, v2.UserTrait_Status_STATUS_ENABLED, trait.GetStatus().GetStatus(), "user %d", want.ID)
			require.Equal(t, false, profile["locked"], "an expired ban is no lock")
		default:
			require.Equal(t, v2.UserTrait_Status_STATUS_DISABLED, trait.GetStatus().GetStatus(), "user %d", want.ID)
		}
		if want.LastLogin != nil {
			require.NotNil(t, trait.GetLastLogin(), "user %d", want.ID)
		} else {
			require.Nil(t, trait.GetLastLogin())
		}
	}

	roles, _, err := newMFTRoleBuilder(e.conn).List(e.ctx, nil, opts)
	require.NoError(t, err)
	require.ElementsMatch(t, liveRoleIDs(st), resourceIDs(roles), "deleted roles are not synced")

	orgs, _, err := newMFTOrganizationBuilder(e.conn).List(e.ctx, nil, opts)
	require.NoError(t, err)
	require.ElementsMatch(t, liveOrgIDs(st), resourceIDs(orgs), "deleted organizations are not synced")

	mappings, _, err := newMFTSSOMappingBuilder(e.conn).List(e.ctx, nil, opts)
	require.NoError(t, err)
	require.Len(t, mappings, len(st.SSOMappings))
	for i, m := range st.SSOMappings {
		got := mappings[i]
		require.Equal(t, mftIDString(m.ID), got.GetId().GetResource())
		p := got.GetProfile().AsMap()
		require.Equal(t, *m.AttributeName, p[mftProfileAttributeName])
		require.Equal(t, *m.AttributeValue, p[mftProfileAttributeValue])
		require.Equal(t, m.IsDefault, p[mftProfileIsDefault])
	}

	ents, _, err := newMFTRoleBuilder(e.conn).Entitlements(e.ctx, roles[0], opts)
	require.NoError(t, err)
	require.Len(t, ents, 1)
	require.Equal(t, "mft_role:"+roles[0].GetId().GetResource()+":assigned", ents[0].GetId())
	ents, _, err = newMFTOrganizationBuilder(e.conn).Entitlements(e.ctx, orgs[0], opts)
	require.NoError(t, err)
	require.Equal(t, "mft_organization:"+orgs[0].GetId().GetResource()+":member", ents[0].GetId())
}

func TestMFTSyncGrantsMatchTheSimulatorAndReadEachUserOnce(t *testing.T) {
	e := newTestEnv(t, nil, withMFTTenant(), withoutSessionStore())
	st := e.state()
	live := map[int32]bool{}
	for _, id := range liveRoleIDs(st) {
		live[parseIDForTest(t, id)] = true
	}
	for _, id := range liveOrgIDs(st) {
		live[parseIDForTest(t, id)] = true
	}
	var wantRoles, wantOrgs []string
	for _, m := range st.SSOMappings {
		wantRoles = append(wantRoles, expectedGrants("mft_role", "assigned", m.RoleIDs, live, "mft_sso_mapping", m.ID)...)
		wantOrgs = append(wantOrgs, expectedGrants("mft_organization", "member", m.OrganizationIDs, live, "mft_sso_mapping", m.ID)...)
	}
	for _, u := range st.Users {
		wantRoles = append(wantRoles, expectedGrants("mft_role", "assigned", u.RoleIDs, live, "mft_user", u.ID)...)
		wantOrgs = append(wantOrgs, expectedGrants("mft_organization", "member", u.OrganizationIDs, live, "mft_user", u.ID)...)
	}
	slices.Sort(wantRoles)
	slices.Sort(wantOrgs)
	require.NotEmpty(t, wantOrgs)

	gotRoles := sortedGrantIDsOf(e.typeGrantsOf("sync-1", newMFTRoleBuilder(e.conn), mftRoleResourceType))
	require.Equal(t, wantRoles, gotRoles)
	gotOrgs := sortedGrantIDsOf(e.typeGrantsOf("sync-1", newMFTOrganizationBuilder(e.conn), mftOrganizationResourceType))
	require.Equal(t, wantOrgs, gotOrgs)

	// Both walks needed every user's detail; the second one read them from the sync's store.
	require.EqualValues(t, len(st.Users), e.requests(routeMFTGetUser))
	require.EqualValues(t, 1, e.requests(routeMFTListUsers))
	require.EqualValues(t, 1, e.requests(routeMFTListMapping))

	// A new sync reads afresh.
	sortedGrantIDsOf(e.typeGrantsOf("sync-2", newMFTRoleBuilder(e.conn), mftRoleResourceType))
	require.EqualValues(t, 2*len(st.Users), e.requests(routeMFTGetUser))
}

func TestMFTGrantsSkipDeletedUsers(t *testing.T) {
	e := newTestEnv(t, nil, withMFTTenant(), withoutSessionStore())
	victim := e.state().Users[5]
	// The user list is read, then the user is deleted before its detail is read.
	_, _, err := newMFTUserBuilder(e.conn).List(e.ctx, nil, e.optsFor("s", ""))
	require.NoError(t, err)
	e.sim.Mutate(func(st *boomisim.State) {
		st.MFT.Users = slices.DeleteFunc(st.MFT.Users, func(u boomisim.MFTUser) bool { return u.ID == victim.ID })
	})
	grants := sortedGrantIDsOf(e.typeGrantsOf("s", newMFTRoleBuilder(e.conn), mftRoleResourceType))
	for _, g := range grants {
		require.NotContains(t, g, ":mft_user:"+mftIDString(victim.ID))
	}
	require.NotEmpty(t, grants)
}

func TestMFTValidateNamesTheProblem(t *testing.T) {
	e := newTestEnv(t, nil, withMFTTenant())
	require.NoError(t, validateMFTAccess(e.ctx, e.conn.mft))
	e.sim.Mutate(func(st *boomisim.State) { st.MFT.APIKeys = []string{"rotated"} })
	err := validateMFTAccess(e.ctx, e.conn.mft)
	require.ErrorContains(t, err, "Boomi MFT refused the API key")
	require.ErrorContains(t, err, "--mft-api-key")
	require.NotContains(t, err.Error(), e.state().APIKeys[0])
}

func expectedGrants(rt, slug string, ids []int32, live map[int32]bool, principalType string, principal int32) []string {
	var out []string
	for _, id := range ids {
		if live[id] {
			out = append(out, fmt.Sprintf("%s:%d:%s:%s:%d", rt, id, slug, principalType, principal))
		}
	}
	return out
}

func liveRoleIDs(st *boomisim.MFTState) []string {
	var out []string
	for _, r := range st.Roles {
		if r.DeletedDate == nil {
			out = append(out, mftIDString(r.ID))
		}
	}
	return out
}

func liveOrgIDs(st *boomisim.MFTState) []string {
	var out []string
	for _, o := range st.Organizations {
		if o.DeletedDate == nil {
			out = append(out, mftIDString(o.ID))
		}
	}
	return out
}

func resourceIDs(rs []*v2.Resource) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.GetId().GetResource()
	}
	return out
}

func parseIDForTest(t *testing.T, s string) int32 {
	t.Helper()
	id, err := parseMFTID(s, "test")
	require.NoError(t, err)
	return id
}
