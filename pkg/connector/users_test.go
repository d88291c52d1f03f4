package connector

import (
	"testing"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	rs "github.com/conductorone/baton-sdk/pkg/types/resource"
	"github.com/stretchr/testify/require"

	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

func TestUsersAreListedOnceAcrossPagesIncludingGroupOnlyUsers(t *testing.T) {
	e := newTestEnv(t, boomisim.Generate(syncTestSpec()))
	acct := e.account()
	require.Greater(t, len(acct.UserRoles), 200, "the dataset must cross AccountUserRole page boundaries")

	want := map[string]bool{}
	direct := map[string]bool{}
	for _, l := range acct.UserRoles {
		want[l.UserID] = true
		direct[l.UserID] = true
	}
	groupOnly := 0
	for _, l := range acct.GroupUserRoles {
		if !want[l.UserID] {
			groupOnly++
		}
		want[l.UserID] = true
	}

	users := e.listAll(newUserBuilder(e.conn))
	ids := idsOf(users)
	require.Len(t, ids, len(want), "every user exactly once")
	seen := map[string]bool{}
	for _, id := range ids {
		require.False(t, seen[id], "user %s listed twice", id)
		seen[id] = true
		require.True(t, want[id], "user %s is not in the account", id)
	}
	if groupOnly == 0 {
		t.Log("dataset has no group-only user; the group-only case is covered by TestGroupOnlyUserIsListed")
	}
}

func TestGroupOnlyUserIsListed(t *testing.T) {
	st := boomisim.Generate(syncTestSpec())
	admin := boomisim.AdminConnection(st)
	acct := st.Accounts[admin.AccountID]
	require.NotEmpty(t, acct.Groups)
	const email = "group.only@umbrella.example"
	st.Users[email] = &boomisim.PlatformUser{Email: email, FirstName: "Grace", LastName: "Only", LoggedIn: true}
	acct.GroupUserRoles = append(acct.GroupUserRoles, boomisim.AccountGroupUserRole{
		ID: "agur-group-only", AccountGroupID: acct.Groups[0].ID, UserID: email, RoleID: boomisim.StandardUserRoleID,
		FirstName: "Grace", LastName: "Only",
	})
	e := newTestEnv(t, st)

	users := e.listAll(newUserBuilder(e.conn))
	var found *v2.Resource
	for _, u := range users {
		if u.GetId().GetResource() == email {
			found = u
		}
	}
	require.NotNil(t, found, "a user who holds roles only through an account group is a user of the account")
	require.Equal(t, "Grace Only", found.GetDisplayName())
}

func TestUsersCarryTheirOwnFederationIDAndTraits(t *testing.T) {
	e := newTestEnv(t, boomisim.Generate(syncTestSpec()))
	feds := map[string]string{}
	for _, f := range e.account().Federations {
		feds[f.UserID] = f.FederationID
	}
	require.NotEmpty(t, feds)

	users := e.listAll(newUserBuilder(e.conn))
	federated := 0
	for _, u := range users {
		id := u.GetId().GetResource()
		profile := userProfile(t, u)
		ut, err := rs.GetUserTrait(u)
		require.NoError(t, err)
		require.Equal(t, v2.UserTrait_Status_STATUS_ENABLED, ut.GetStatus().GetStatus())
		require.Equal(t, id, ut.GetLogin())
		require.Equal(t, id, ut.GetEmails()[0].GetAddress())
		if fed, ok := feds[id]; ok {
			federated++
			require.Equal(t, fed, profile["federation_id"], "federation id of %s", id)
			require.Equal(t, true, profile["sso"])
			require.True(t, ut.GetSsoStatus().GetSsoEnabled())
		} else {
			require.NotContains(t, profile, "federation_id", "user %s has no federation record", id)
			require.Equal(t, false, profile["sso"])
		}
	}
	require.Equal(t, len(feds), federated, "every federated user carries the federation id")
}

func TestUserNamesComeFromTheLinks(t *testing.T) {
	e := newTestEnv(t, boomisim.Generate(syncTestSpec()))
	users := e.listAll(newUserBuilder(e.conn))
	byID := map[string]*v2.Resource{}
	for _, u := range users {
		byID[u.GetId().GetResource()] = u
	}
	l := e.account().UserRoles[0]
	u := byID[l.UserID]
	require.NotNil(t, u)
	ut, err := rs.GetUserTrait(u)
	require.NoError(t, err)
	require.Equal(t, l.FirstName, ut.GetStructuredName().GetGivenName())
	require.Equal(t, l.LastName, ut.GetStructuredName().GetFamilyName())
	require.Equal(t, l.FirstName+" "+l.LastName, u.GetDisplayName())
}

func TestRepeatedUsersPageEmitsTheSameUsers(t *testing.T) {
	// The SDK may ask for a page again (retry after a failure); the "first seen" bookkeeping must not
	// turn the repeat into an empty page.
	e := newTestEnv(t, boomisim.Generate(syncTestSpec()))
	b := newUserBuilder(e.conn)
	_, res, err := b.List(e.ctx, nil, e.opts("")) // federation page
	require.NoError(t, err)
	for res.NextPageToken != "" {
		tok, err := parseWalkToken(res.NextPageToken)
		require.NoError(t, err)
		if tok.Phase == phaseUserRoles {
			break
		}
		_, res, err = b.List(e.ctx, nil, e.opts(res.NextPageToken))
		require.NoError(t, err)
	}
	first, _, err := b.List(e.ctx, nil, e.opts(res.NextPageToken))
	require.NoError(t, err)
	again, _, err := b.List(e.ctx, nil, e.opts(res.NextPageToken))
	require.NoError(t, err)
	require.NotEmpty(t, first)
	require.Equal(t, idsOf(first), idsOf(again))
}

func TestUserGetReadsOneUserWithFederation(t *testing.T) {
	e := newTestEnv(t, boomisim.Generate(syncTestSpec()))
	fed := e.account().Federations[0]
	before := e.sim.Counters()
	r, _, err := newUserBuilder(e.conn).Get(e.ctx, resourceIDOf(userResourceType, fed.UserID), nil)
	require.NoError(t, err)
	require.Equal(t, fed.UserID, r.GetId().GetResource())
	require.Equal(t, fed.FederationID, userProfile(t, r)["federation_id"])
	var sent int64
	for route, c := range e.sim.Counters() {
		sent += c.Requests - before[route].Requests
	}
	require.LessOrEqual(t, sent, int64(3), "Get must not walk the account")

	_, _, err = newUserBuilder(e.conn).Get(e.ctx, resourceIDOf(userResourceType, "nobody@nowhere.example"), nil)
	require.Error(t, err)
	require.Contains(t, err.Error(), "nobody@nowhere.example")
}
