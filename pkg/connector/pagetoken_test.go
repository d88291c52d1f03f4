package connector

import (
	"slices"
	"strings"
	"testing"

	"github.com/conductorone/baton-sdk/pkg/pagination"
	rs "github.com/conductorone/baton-sdk/pkg/types/resource"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

// A walk's token is a pagination.Bag of its phases: each page moves within the phase, the phase's last
// page moves to the next one, the last phase's last page ends the walk, and a token the walk did not issue
// (another dialect, another walk's phase) is the one InvalidArgument sentence.
func TestPageTokenWalksThroughPhases(t *testing.T) {
	w, err := startWalk("", "a", "b")
	require.NoError(t, err)
	require.Equal(t, "a", w.phase())
	require.Empty(t, w.token())

	next := nextPageToken(w.next("t2"))
	w, err = startWalk(next, "a", "b")
	require.NoError(t, err)
	require.Equal(t, []string{"a", "t2"}, []string{w.phase(), w.token()})

	w, err = startWalk(nextPageToken(w.next("")), "a", "b")
	require.NoError(t, err)
	require.Equal(t, []string{"b", ""}, []string{w.phase(), w.token()})
	require.Nil(t, w.next(""), "the end of the walk is nil results")

	for _, foreign := range []string{"not json", `{"p":"a","t":"x"}`, "u25", `{"current_state":{"type":"c"}}`, `{}`} {
		_, err := startWalk(foreign, "a", "b")
		require.Equal(t, codes.InvalidArgument, status.Code(err), foreign)
		require.Equal(t, `the page token "`+strings.ReplaceAll(foreign, `"`, `\"`)+`" was not issued by this connector; restart the sync`,
			status.Convert(err).Message())
	}

	// The MFT grants walk keeps its offset in the user list as the state's token.
	for token, want := range map[string]codes.Code{"": codes.OK, "25": codes.OK, "0": codes.InvalidArgument, "-25": codes.InvalidArgument, "u25": codes.InvalidArgument} {
		w, err := startWalk("", phaseMFTUsers)
		require.NoError(t, err)
		if token != "" {
			w, err = startWalk(nextPageToken(w.moveTo("", token)), phaseMFTUsers)
			require.NoError(t, err)
		}
		_, err = mftUserOffset(w)
		require.Equal(t, want, status.Code(err), token)
	}
}

// phasesOf drains a walk and returns, per call after the first, the phase its page token names, read the
// way any baton reviewer reads it: as the SDK's pagination.Bag.
func phasesOf(t *testing.T, e *testEnv, call func(opts rs.SyncOpAttrs) (*rs.SyncOpResults, error)) []string {
	t.Helper()
	var phases []string
	drain(t, "walk", func(token string) ([]struct{}, *rs.SyncOpResults, error) {
		if token != "" {
			var bag pagination.Bag
			require.NoError(t, bag.Unmarshal(token))
			require.NotNil(t, bag.Current(), "token %q", token)
			phases = append(phases, bag.ResourceTypeID())
		}
		res, err := call(e.opts(token))
		return nil, res, err
	})
	return phases
}

// requireInOrder checks that got visits phases in the walk's order (each phase one or more pages long).
func requireInOrder(t *testing.T, want []string, got []string) {
	t.Helper()
	compacted := slices.Compact(slices.Clone(got))
	require.Subset(t, want, compacted)
	last := -1
	for _, p := range compacted {
		i := slices.Index(want, p)
		require.Greater(t, i, last, "phases out of order: %v", got)
		last = i
	}
}

// Every walk of a sync, Platform and MFT alike, pages with a pagination.Bag of its phases, in order.
func TestEveryWalkPagesWithABagOfItsPhases(t *testing.T) {
	e := newTestEnv(t, boomisim.Generate(syncTestSpec()), withMFTTenant())
	users := newUserBuilder(e.conn)
	requireInOrder(t, users.phases(), phasesOf(t, e, func(o rs.SyncOpAttrs) (*rs.SyncOpResults, error) {
		_, res, err := users.List(e.ctx, nil, o)
		return res, err
	}))
	roles := newRoleBuilder(e.conn)
	requireInOrder(t, roleListPhases, phasesOf(t, e, func(o rs.SyncOpAttrs) (*rs.SyncOpResults, error) {
		_, res, err := roles.List(e.ctx, nil, o)
		return res, err
	}))
	require.NotEmpty(t, phasesOf(t, e, func(o rs.SyncOpAttrs) (*rs.SyncOpResults, error) {
		_, res, err := roles.GrantsForResourceType(e.ctx, roleResourceType.GetId(), o)
		return res, err
	}), "the role grants cross AccountUserRole pages")
	privileges := newPrivilegeBuilder(e.conn)
	requireInOrder(t, privilegeGrantPhases, phasesOf(t, e, func(o rs.SyncOpAttrs) (*rs.SyncOpResults, error) {
		_, res, err := privileges.GrantsForResourceType(e.ctx, privilegeResourceType.GetId(), o)
		return res, err
	}))
	environments := newEnvironmentBuilder(e.conn)
	requireInOrder(t, environmentListPhases, phasesOf(t, e, func(o rs.SyncOpAttrs) (*rs.SyncOpResults, error) {
		_, res, err := environments.List(e.ctx, nil, o)
		return res, err
	}))
	groups := newAccountGroupBuilder(e.conn)
	requireInOrder(t, []string{phaseMembers, phaseGroups}, phasesOf(t, e, func(o rs.SyncOpAttrs) (*rs.SyncOpResults, error) {
		_, res, err := groups.List(e.ctx, nil, o)
		return res, err
	}))
	mftRoles := newMFTRoleBuilder(e.conn)
	requireInOrder(t, []string{phaseMFTUsers}, phasesOf(t, e, func(o rs.SyncOpAttrs) (*rs.SyncOpResults, error) {
		_, res, err := mftRoles.GrantsForResourceType(e.ctx, mftRoleResourceType.GetId(), o)
		return res, err
	}))
}

// In primary-account mode the sub-accounts are positions of one phase: the bag state's ResourceID.
func TestTreeWalksNameTheSubAccountInTheBag(t *testing.T) {
	e := newTestEnv(t, treeFixture(), withTree(treeSettings{enabled: true}))
	accounts := newAccountBuilder(e.conn)
	var positions []string
	drain(t, "tree grants", func(token string) ([]struct{}, *rs.SyncOpResults, error) {
		var bag pagination.Bag
		require.NoError(t, bag.Unmarshal(token))
		if bag.ResourceTypeID() == phaseTreeDirectGrants {
			positions = append(positions, bag.ResourceID())
		}
		_, res, err := accounts.GrantsForResourceType(e.ctx, accountResourceType.GetId(), e.opts(token))
		return nil, res, err
	})
	require.Equal(t, []string{"", fxGrand}, positions, "the first governed account, then the next one by id")
}
