package connector

import (
	"context"
	"fmt"
	"time"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	rs "github.com/conductorone/baton-sdk/pkg/types/resource"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
)

// platformReads is the one home of the Platform sync's reads, as mftSyncReads is of the MFT ones: every
// Boomi Platform listing a sync walks goes through it, from the sync's cache (syncCache) when another walk
// or the read-ahead already read it. The builders hold it as their reads field; what r.X is:
//
//	page readers, one per Boomi object   this file (userRolePage in userId ranges: userrole_ranges.go)
//	collectFederations                   this file
//	assignableRoles, rolesOfPhase        roles.go
//	listAfterMemberships, memberships    memberships.go
//	collectLastLogins                    last_login.go
//	collectSSOEnabled, collectAdmins     user_sso_bypass.go
//	loadTree, sub-account reads          tree.go; treeLinkPage: tree_walk.go
//	prefetchUserRoles                    prefetch.go
//
// Provisioning never reads through it: it reads fresh (provisioning_reads.go).
type platformReads struct {
	client *boomi.Client
	// tree is primary-account mode: which sub-accounts loadTree reads, and how many at once.
	tree    treeSettings
	flights *syncFlights
	// now is the connector's clock (the last-login window ends at it).
	now func() time.Time
}

// platformReads returns the connector's Platform reads; every builder gets the same flights and clock.
func (c *Boomi) platformReads() *platformReads {
	return &platformReads{client: c.client, tree: c.tree, flights: &c.flights, now: c.clock}
}

// cacheOf returns the cache of the sync that opts belong to.
func (r *platformReads) cacheOf(opts rs.SyncOpAttrs) (syncCache, error) {
	return r.flights.cacheOf(opts)
}

// walkOf reads one SDK call of a walk through phases: its page token and its sync's cache.
func (r *platformReads) walkOf(opts rs.SyncOpAttrs, phases ...string) (*walk, syncCache, error) {
	tok, err := startWalk(opts.PageToken.Token, phases...)
	if err != nil {
		return nil, syncCache{}, err
	}
	st, err := r.cacheOf(opts)
	return tok, st, err
}

// linkGrantsPage is one SDK call of a single-phase grants walk (the role, environment, account-group and
// sub-account grants): one Boomi page of links at the call's token, turned into grants, and the token of
// Boomi's next page. A type-scoped walk reads the whole account's pages through the sync's cache (one of
// the page readers below); the Grants of one resource read a query filtered to it (filteredPages). Both
// are the same one-phase bag, so every such walk refuses a foreign token the same way.
func linkGrantsPage[L any](ctx context.Context, r *platformReads, opts rs.SyncOpAttrs, phase string,
	read func(ctx context.Context, st syncCache, token string) (boomi.Page[L], error),
	grantsOf func(ctx context.Context, st syncCache, links []L) ([]*v2.Grant, error),
) ([]*v2.Grant, *rs.SyncOpResults, error) {
	tok, st, err := r.walkOf(opts, phase)
	if err != nil {
		return nil, nil, err
	}
	page, err := read(ctx, st, tok.token())
	if err != nil {
		return nil, nil, err
	}
	grants, err := grantsOf(ctx, st, page.Items)
	if err != nil {
		return nil, nil, err
	}
	return grants, tok.next(page.NextToken), nil
}

// filteredPages reads the pages of query filtered by expr, fresh from Boomi: a filtered page is one
// resource's links, never an entry of the sync's cache (which holds the unfiltered pages only).
func filteredPages[L any](query func(context.Context, *boomi.Expression, string) (boomi.Page[L], error), expr *boomi.Expression,
) func(context.Context, syncCache, string) (boomi.Page[L], error) {
	return func(ctx context.Context, _ syncCache, token string) (boomi.Page[L], error) {
		return query(ctx, expr, token)
	}
}

// grantsFromLinks adapts a grant builder that needs neither the request's context nor the sync's cache.
func grantsFromLinks[L any](build func([]L) []*v2.Grant) func(context.Context, syncCache, []L) ([]*v2.Grant, error) {
	return func(_ context.Context, _ syncCache, links []L) ([]*v2.Grant, error) { return build(links), nil }
}

// The cached walks of the whole account, one reader per object, so that a cache key always goes with the
// same unfiltered query whichever consumer asks first.

// userRolePage reads one AccountUserRole page (users List, admins, role grants): in userId ranges when
// Boomi honours them, else as one chain (userrole_ranges.go).
func (r *platformReads) userRolePage(ctx context.Context, st syncCache, token string) (boomi.Page[boomi.AccountUserRole], error) {
	mode, err := r.userRoleMode(ctx, st)
	if err != nil {
		return boomi.Page[boomi.AccountUserRole]{}, err
	}
	return cachedPage(ctx, st, objAccountUserRole, token, func(ctx context.Context, t string) (boomi.Page[boomi.AccountUserRole], error) {
		if mode == userRoleModeSingle {
			return r.client.QueryAccountUserRoles(ctx, nil, t)
		}
		i, boomiToken, err := parseRangeToken(t)
		if err != nil {
			return boomi.Page[boomi.AccountUserRole]{}, err
		}
		return r.fetchUserRoleRangePage(ctx, i, boomiToken)
	})
}

// federationPage reads one AccountUserFederation page (users List; read ahead by prefetch.go).
func (r *platformReads) federationPage(ctx context.Context, st syncCache, token string) (boomi.Page[boomi.AccountUserFederation], error) {
	return cachedPage(ctx, st, objAccountUserFederation, token, func(ctx context.Context, t string) (boomi.Page[boomi.AccountUserFederation], error) {
		return r.client.QueryAccountUserFederations(ctx, nil, t)
	})
}

// groupUserRolePage reads one AccountGroupUserRole page (users List, account-group grants).
func (r *platformReads) groupUserRolePage(ctx context.Context, st syncCache, token string) (boomi.Page[boomi.AccountGroupUserRole], error) {
	return cachedPage(ctx, st, objAccountGroupUserRole, token, func(ctx context.Context, t string) (boomi.Page[boomi.AccountGroupUserRole], error) {
		return r.client.QueryAccountGroupUserRoles(ctx, nil, t)
	})
}

// groupAccountPage reads one AccountGroupAccount page (account and account-group List, account grants).
func (r *platformReads) groupAccountPage(ctx context.Context, st syncCache, token string) (boomi.Page[boomi.AccountGroupAccount], error) {
	return cachedPage(ctx, st, objAccountGroupAccount, token, func(ctx context.Context, t string) (boomi.Page[boomi.AccountGroupAccount], error) {
		return r.client.QueryAccountGroupAccounts(ctx, nil, t)
	})
}

// rolePage reads one Role query page (role List, privilege List and privilege grants).
func (r *platformReads) rolePage(ctx context.Context, st syncCache, token string) (boomi.Page[boomi.Role], error) {
	page, err := cachedPage(ctx, st, objRole, token, func(ctx context.Context, t string) (boomi.Page[roleRecord], error) {
		page, err := r.client.QueryRoles(ctx, nil, t)
		return boomi.Page[roleRecord]{Items: roleRecords(page.Items), NextToken: page.NextToken}, err
	})
	return boomi.Page[boomi.Role]{Items: rolesOfRecords(page.Items), NextToken: page.NextToken}, err
}

// environmentPage reads one Environment query page (environment List).
func (r *platformReads) environmentPage(ctx context.Context, st syncCache, token string) (boomi.Page[boomi.Environment], error) {
	return cachedPage(ctx, st, objEnvironment, token, func(ctx context.Context, t string) (boomi.Page[boomi.Environment], error) {
		return r.client.QueryEnvironments(ctx, nil, t)
	})
}

// environmentRolePage reads one EnvironmentRole query page (environment List, environment grants).
func (r *platformReads) environmentRolePage(ctx context.Context, st syncCache, token string) (boomi.Page[boomi.EnvironmentRole], error) {
	return cachedPage(ctx, st, objEnvironmentRole, token, func(ctx context.Context, t string) (boomi.Page[boomi.EnvironmentRole], error) {
		return r.client.QueryEnvironmentRoles(ctx, nil, t)
	})
}

// accountGroupPage reads one AccountGroup query page (account-group List).
func (r *platformReads) accountGroupPage(ctx context.Context, st syncCache, token string) (boomi.Page[boomi.AccountGroup], error) {
	return cachedPage(ctx, st, objAccountGroup, token, func(ctx context.Context, t string) (boomi.Page[boomi.AccountGroup], error) {
		return r.client.QueryAccountGroups(ctx, nil, t)
	})
}

// accountPage reads one Account query page (sub-account List).
func (r *platformReads) accountPage(ctx context.Context, st syncCache, token string) (boomi.Page[boomi.Account], error) {
	return cachedPage(ctx, st, objAccount, token, func(ctx context.Context, t string) (boomi.Page[boomi.Account], error) {
		return r.client.QueryAccounts(ctx, nil, t)
	})
}

// itemIDs lists the ids of a page's items in the page's order: the keys under which a walk reads what an
// earlier phase stored for them (memberships, restricted environments, listed accounts).
func itemIDs[T any](items []T, id func(T) string) []string {
	ids := make([]string, 0, len(items))
	for _, item := range items {
		ids = append(ids, id(item))
	}
	return ids
}

// collectFederations stores one page of federation ids (prefixFederation).
func (r *platformReads) collectFederations(ctx context.Context, st syncCache, token string) (string, error) {
	page, err := r.federationPage(ctx, st, token)
	if err != nil {
		return "", err
	}
	ids := map[string]string{}
	for _, f := range page.Items {
		if f.AccountID != "" && f.AccountID != r.client.AccountID() {
			continue
		}
		if f.UserID != "" && f.FederationID != "" {
			ids[f.UserID] = f.FederationID
		}
	}
	if err := setMany(ctx, st, prefixFederation, ids); err != nil {
		return "", fmt.Errorf("storing federation ids for this sync: %w", err)
	}
	return page.NextToken, nil
}
