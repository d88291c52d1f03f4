package connector

import (
	"context"
	"sync"

	"github.com/grpc-ecosystem/go-grpc-middleware/logging/zap/ctxzap"
	"go.uber.org/zap"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
)

// Read-ahead of a full sync.
//
// The SDK asks for one page at a time, resource type after resource type, so on its own a sync has one
// request in flight: at 150 ms per request it would run at a third of Boomi's 10 requests/s. But the
// listings are independent chains (each queryMore needs only its own previous page), and the MFT API is a
// separate service with a limit of its own. So the sync's first call (the users List, first page) starts
// one goroutine per chain that reads the whole chain into the per-sync page cache (cachedPage); the
// SDK's walks then find their pages there, or join the fetch in flight (singleflight), so every page is
// still read exactly once. The pacers (one per Boomi quota, one for MFT) keep the total at the limit.
//
// A read-ahead failure is only logged: the walk that needs the page fetches it again and reports the error.
// Provisioning never reads from this cache (it reads fresh), and targeted syncs (--sync-resources) do not
// call the users List, so they start no read-ahead. A sync restricted to some resource types reads ahead
// only the users walk's own listings (federation, AccountUserRole, AccountGroupUserRole), which that walk
// reads anyway.

// mftPrefetchWorkers is how many MFT user details are read at once: one GET per user is the MFT part's
// whole cost, and with a few in flight the MFT pacer, not the latency, sets the pace.
const mftPrefetchWorkers = 4

// prefetchSync starts the read-ahead once per sync id.
func (c *Boomi) prefetchSync(ctx context.Context, st syncCache) {
	if !c.readAhead {
		return
	}
	if _, started := c.prefetched.LoadOrStore(st.syncID, true); started {
		return
	}
	// The read-ahead outlives the SDK call that starts it (it keeps the call's values, the logger, but not
	// its cancellation) and ends when the sync ends: Cleanup (sync_summary.go) cancels it, so a sync that
	// failed half-way stops reading for nobody.
	bg, cancel := context.WithCancel(context.WithoutCancel(ctx))
	c.readAheadStop.Store(st.syncID, cancel)
	r := c.platformReads()
	chains := map[string]func(context.Context) error{
		objAccountUserFederation: func(ctx context.Context) error { return walkChain(ctx, st, "", r.federationPage) },
		objAccountGroupUserRole:  func(ctx context.Context) error { return walkChain(ctx, st, "", r.groupUserRolePage) },
		objAccountGroupAccount:   func(ctx context.Context) error { return walkChain(ctx, st, "", r.groupAccountPage) },
		objRole:                  func(ctx context.Context) error { return walkChain(ctx, st, "", r.rolePage) },
		objAccountGroup:          func(ctx context.Context) error { return walkChain(ctx, st, "", r.accountGroupPage) },
		objAccount:               func(ctx context.Context) error { return walkChain(ctx, st, "", r.accountPage) },
		objEnvironment:           func(ctx context.Context) error { return walkChain(ctx, st, "", r.environmentPage) },
		objEnvironmentRole:       func(ctx context.Context) error { return walkChain(ctx, st, "", r.environmentRolePage) },
		"getAssignableRoles": func(ctx context.Context) error {
			_, err := r.assignableRoles(ctx, st)
			return err
		},
		objAccountUserRole: func(ctx context.Context) error { return r.prefetchUserRoles(ctx, st) },
	}
	if c.mft != nil {
		chains["MFT"] = func(ctx context.Context) error { return c.prefetchMFT(ctx, st) }
	}
	if c.tree.enabled {
		// Primary-account mode lists the sub-accounts from the tree (tree.go reads the Account pages itself
		// and reads ahead on its own), not from the Account pages cache.
		delete(chains, objAccount)
	}
	if c.readAheadUsersOnly {
		for name := range chains {
			if name != objAccountUserFederation && name != objAccountUserRole && name != objAccountGroupUserRole {
				delete(chains, name)
			}
		}
	}
	for name, read := range chains {
		c.prefetching.Go(func() {
			if err := read(bg); err != nil {
				ctxzap.Extract(bg).Debug("reading ahead failed; the walk that needs the data reads it again",
					zap.String("listing", name), zap.Error(err))
			}
		})
	}
}

// stopReadAhead cancels the read-ahead of every sync this process started (the SDK runs one at a time).
func (c *Boomi) stopReadAhead() {
	c.readAheadStop.Range(func(id, cancel any) bool {
		cancel.(context.CancelFunc)()
		c.readAheadStop.Delete(id)
		return true
	})
}

// walkChain reads a whole listing through its cached reader, following the chain's tokens from start
// while keep accepts the next token.
func walkChain[T any](ctx context.Context, st syncCache, start string,
	page func(context.Context, syncCache, string) (boomi.Page[T], error),
) error {
	return walkChainWhile(ctx, st, start, page, func(string) bool { return true })
}

func walkChainWhile[T any](ctx context.Context, st syncCache, start string,
	page func(context.Context, syncCache, string) (boomi.Page[T], error), keep func(next string) bool,
) error {
	token := start
	for {
		p, err := page(ctx, st, token)
		if err != nil {
			return err
		}
		if p.NextToken == "" || !keep(p.NextToken) {
			return nil
		}
		token = p.NextToken
	}
}

// prefetchUserRoles reads AccountUserRole: every userId range side by side when Boomi honours them (the
// probe is the first range's first page), else the one chain.
func (r *platformReads) prefetchUserRoles(ctx context.Context, st syncCache) error {
	mode, err := r.userRoleMode(ctx, st)
	if err != nil {
		return err
	}
	if mode == userRoleModeSingle {
		return walkChain(ctx, st, "", r.userRolePage)
	}
	var wg sync.WaitGroup
	errs := make([]error, userRoleRangeCount())
	for i := range userRoleRangeCount() {
		wg.Go(func() {
			errs[i] = walkChainWhile(ctx, st, rangeToken(i, ""), r.userRolePage, func(next string) bool {
				rng, _, err := parseRangeToken(next)
				return err == nil && rng == i
			})
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// prefetchMFT reads the MFT lists and every user's detail (the grants need them) into the sync's cache.
func (c *Boomi) prefetchMFT(ctx context.Context, st syncCache) error {
	reads := mftSyncReads{client: c.mft, cache: st}
	var wg sync.WaitGroup
	wg.Go(func() { _, _ = reads.liveRoles(ctx) })
	wg.Go(func() { _, _ = reads.liveOrganizations(ctx) })
	wg.Go(func() { _, _ = reads.mappings(ctx) })
	users, err := reads.users(ctx)
	if err != nil {
		wg.Wait()
		return err
	}
	ids := make(chan int32)
	for range mftPrefetchWorkers {
		wg.Go(func() {
			for id := range ids {
				_, _ = reads.userDetails(ctx, []int32{id})
			}
		})
	}
	for _, u := range users {
		ids <- u.ID
	}
	close(ids)
	wg.Wait()
	return nil
}
