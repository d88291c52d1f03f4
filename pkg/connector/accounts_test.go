package connector

import (
	"sort"
	"testing"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	rs "github.com/conductorone/baton-sdk/pkg/types/resource"
	"github.com/stretchr/testify/require"

	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

func TestSubAccountsAndTheirExpandableGroupGrants(t *testing.T) {
	e := newTestEnv(t, boomisim.Generate(syncTestSpec()))
	primary := e.conn.client.AccountID()
	subs := map[string]bool{}
	for id, a := range e.loaded.Accounts {
		if a.ParentID == primary {
			subs[id] = true
		}
	}
	require.NotEmpty(t, subs)
	b := newAccountBuilder(e.conn)

	accounts := e.listAll(b)
	require.Len(t, accounts, len(subs))
	for _, id := range idsOf(accounts) {
		require.True(t, subs[id], "%s is not a sub-account", id)
	}

	roles := assignableSimRoles(e.account())
	ents, _, err := b.Entitlements(e.ctx, accounts[0], e.opts(""))
	require.NoError(t, err)
	require.Len(t, ents, len(roles))

	grants := e.typeGrantsAll(b, accountResourceType)
	var want []string
	for _, l := range e.account().GroupAccounts {
		if !subs[l.AccountID] {
			continue
		}
		for _, r := range roles {
			want = append(want, "account:"+l.AccountID+":"+r.ID+":account_group:"+l.AccountGroupID)
		}
	}
	got := grantIDsOf(grants)
	sort.Strings(want)
	sort.Strings(got)
	require.Equal(t, want, got)

	for _, g := range grants {
		expand := &v2.GrantExpandable{}
		ok, err := annosOf(g.GetAnnotations()).Pick(expand)
		require.NoError(t, err)
		require.True(t, ok, "grant %s must be expandable", g.GetId())
		groupID := g.GetPrincipal().GetId().GetResource()
		_, roleID, err := accountRoleFromEntitlement(g.GetEntitlement())
		require.NoError(t, err)
		require.Equal(t, []string{"account_group:" + groupID + ":" + roleID}, expand.GetEntitlementIds())
	}
}

func TestMembershipsAppearInBothProfilesAndEachGroupAccountPageIsReadOnce(t *testing.T) {
	e := newTestEnv(t, boomisim.Generate(syncTestSpec()))
	wantGroups := map[string]map[string]bool{}
	wantAccounts := map[string]map[string]bool{}
	for _, l := range e.account().GroupAccounts {
		if wantGroups[l.AccountID] == nil {
			wantGroups[l.AccountID] = map[string]bool{}
		}
		if wantAccounts[l.AccountGroupID] == nil {
			wantAccounts[l.AccountGroupID] = map[string]bool{}
		}
		wantGroups[l.AccountID][l.AccountGroupID] = true
		wantAccounts[l.AccountGroupID][l.AccountID] = true
	}
	require.NotEmpty(t, wantGroups)

	accounts := e.listAll(newAccountBuilder(e.conn))
	groups := e.listAll(newAccountGroupBuilder(e.conn))
	e.typeGrantsAll(newAccountBuilder(e.conn), accountResourceType)

	for _, a := range accounts {
		p := a.GetProfile().AsMap()
		require.ElementsMatch(t, keysOf(wantGroups[a.GetId().GetResource()]), p["member_groups"], "groups of %s", a.GetDisplayName())
	}
	for _, g := range groups {
		gt, err := rs.GetGroupTrait(g)
		require.NoError(t, err)
		p := gt.GetProfile().AsMap()
		require.ElementsMatch(t, keysOf(wantAccounts[g.GetId().GetResource()]), p["member_accounts"], "accounts of %s", g.GetDisplayName())
	}
	require.Equal(t, int64(1), e.requests("POST /AccountGroupAccount/query"), "two List walks and the grants walk share each page")
}

func keysOf(set map[string]bool) []any {
	out := []any{}
	for k := range set {
		out = append(out, k)
	}
	return out
}
