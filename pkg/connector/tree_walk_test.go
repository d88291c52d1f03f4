package connector

import (
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// The links walk over the sub-accounts visits every governed account in tree order, each page once, and
// refuses a cursor it did not issue.
func TestTreeLinkWalkCoversEveryGovernedAccount(t *testing.T) {
	e := newTestEnv(t, treeFixture(), withNotifyUsers(), withTree(treeSettings{enabled: true}))
	st := cacheIn(e.conn, newTestStore())
	var accounts []string
	links := 0
	token := ""
	for range 10 {
		w, err := startWalk(token, phaseSubAccountUsers)
		require.NoError(t, err)
		page, err := e.conn.platformReads().treeLinkPage(e.ctx, st, w)
		require.NoError(t, err)
		accounts = append(accounts, page.account)
		links += len(page.Items)
		if token = nextPageToken(page.advance(w)); token == "" {
			break
		}
	}
	// fxSuspended is skipped; fxForeign is outside the tree; fxGrand comes after its parent.
	require.Equal(t, []string{fxChild, fxGrand}, accounts)
	require.Equal(t, 4, links)

	e.sim.ResetCounters()
	again, _ := startWalk("", phaseSubAccountUsers)
	_, err := e.conn.platformReads().treeLinkPage(e.ctx, st, withPosition(again, fxChild))
	require.NoError(t, err)
	e.requireNoRequests() // served from the sync's cache

	_, err = e.conn.platformReads().treeLinkPage(e.ctx, st, withPosition(again, fxForeign))
	require.Equal(t, codes.InvalidArgument, status.Code(err), "an account outside the tree is no position of this walk")
}

// withPosition is w moved to the first page of resource in its phase.
func withPosition(w *walk, resource string) *walk {
	moved, _ := startWalk(nextPageToken(w.moveTo(resource, "")), w.phase())
	return moved
}
