package connector

import (
	"sort"
	"testing"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/stretchr/testify/require"

	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

func TestSubAccountsAndTheirExpandableGroupGrants(t *testing.T) {
	e := newSyncEnv(t, boomisim.Generate(syncTestSpec()))
	primary := e.conn.client.AccountID()
	subs := map[string]bool{}
	for id, a := range e.state.Accounts {
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

	roles := append(boomisim.BuiltinRoles(), e.account().Roles...)
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
		_, roleID, err := parseAccountEntitlementID(g.GetEntitlement().GetId())
		require.NoError(t, err)
		require.Equal(t, []string{"account_group:" + groupID + ":" + roleID}, expand.GetEntitlementIds())
	}
}
