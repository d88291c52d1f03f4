package connector

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

// The users walk and the role grants walk both read every AccountUserRole page, and the users walk and the
// account-group grants both read every AccountGroupUserRole page: each page must reach Boomi once.
func TestEachLinkPageIsFetchedOncePerSync(t *testing.T) {
	e := newTestEnv(t, boomisim.Generate(syncTestSpec()))
	links := len(e.account().UserRoles)
	require.Greater(t, links, 100, "the dataset must cross AccountUserRole pages")
	queries, queryMores := userRoleRequestFloor(e.account().UserRoles)

	users := e.listAll(newUserBuilder(e.conn))
	roleGrants := e.typeGrantsAll(newRoleBuilder(e.conn), roleResourceType)
	groupGrants := e.typeGrantsAll(newAccountGroupBuilder(e.conn), accountGroupResourceType)
	require.NotEmpty(t, users)
	require.Len(t, roleGrants, links)
	require.Len(t, groupGrants, len(e.account().GroupUserRoles))

	require.Equal(t, queries, e.requests("POST /AccountUserRole/query"))
	require.Equal(t, queryMores, e.requests("POST /AccountUserRole/queryMore"))
	require.Equal(t, int64(1), e.requests("POST /AccountGroupUserRole/query"))
	groupPages := int64((len(e.account().GroupUserRoles) + 99) / 100)
	if groupPages == 0 {
		groupPages = 1
	}
	require.Equal(t, groupPages-1, e.requests("POST /AccountGroupUserRole/queryMore"))
}

// Without the shared store (a second sync id), the same walks fetch again: the cache is per sync.
func TestPageCacheIsPerSync(t *testing.T) {
	e := newTestEnv(t, boomisim.Generate(syncTestSpec()))
	e.typeGrantsAll(newRoleBuilder(e.conn), roleResourceType)
	first := e.requests("POST /AccountUserRole/query")
	e.store = newTestStore()
	e.typeGrantsAll(newRoleBuilder(e.conn), roleResourceType)
	require.Equal(t, 2*first, e.requests("POST /AccountUserRole/query"))
}

func TestWalkTokenAdvancesThroughPhases(t *testing.T) {
	phases := []string{"a", "b"}
	require.Equal(t, walkToken{Phase: "a", Token: "t2"}.encode(), walkToken{Phase: "a", Token: "t1"}.advance("t2", phases))
	require.Equal(t, walkToken{Phase: "b"}.encode(), walkToken{Phase: "a", Token: "t1"}.advance("", phases))
	require.Equal(t, "", walkToken{Phase: "b", Token: "x"}.advance("", phases))
	_, err := parseWalkToken("not json")
	require.Error(t, err)
}

// With --workers > 1 two walks can miss the same page at the same moment (account and account_group both
// walk AccountGroupAccount): they must share one fetch, not read the page from Boomi twice.
func TestConcurrentMissesOnOnePageShareOneFetch(t *testing.T) {
	ss := newTestStore()
	release := make(chan struct{})
	var fetches atomic.Int32
	fetch := func(_ context.Context, _ string) (boomi.Page[boomi.AccountGroupAccount], error) {
		fetches.Add(1)
		<-release // hold the first fetch open until every caller is waiting on it
		return boomi.Page[boomi.AccountGroupAccount]{Items: []boomi.AccountGroupAccount{{ID: "link-1"}}, NextToken: "t2"}, nil
	}

	const callers = 4
	var wg sync.WaitGroup
	pages := make([]boomi.Page[boomi.AccountGroupAccount], callers)
	for i := range callers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			page, err := cachedPage(context.Background(), ss, objAccountGroupAccount, "", fetch)
			require.NoError(t, err)
			pages[i] = page
		}()
	}
	require.Eventually(t, func() bool { return fetches.Load() == 1 }, 5*time.Second, time.Millisecond)
	time.Sleep(20 * time.Millisecond) // let the other callers reach the shared flight or the cache
	close(release)
	wg.Wait()

	require.Equal(t, int32(1), fetches.Load())
	for _, p := range pages {
		require.Equal(t, "link-1", p.Items[0].ID)
		require.Equal(t, "t2", p.NextToken)
	}
}
