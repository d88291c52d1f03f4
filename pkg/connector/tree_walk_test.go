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
	st := newTestStore()
	var accounts []string
	links := 0
	cursor := ""
	for range 10 {
		acct, page, next, err := e.conn.treeLinkPage(e.ctx, st, cursor)
		require.NoError(t, err)
		accounts = append(accounts, acct)
		links += len(page.Items)
		if next == "" {
			break
		}
		cursor = next
	}
	// fxSuspended is skipped; fxForeign is outside the tree; fxGrand comes after its parent.
	require.Equal(t, []string{fxChild, fxGrand}, accounts)
	require.Equal(t, 4, links)

	e.sim.ResetCounters()
	_, _, _, err := e.conn.treeLinkPage(e.ctx, st, `{"a":"`+fxChild+`"}`)
	require.NoError(t, err)
	e.requireNoRequests() // served from the sync's cache

	_, _, _, err = e.conn.treeLinkPage(e.ctx, st, "not-a-cursor")
	require.Equal(t, codes.InvalidArgument, status.Code(err))
}
