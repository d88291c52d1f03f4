package connector

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"fmt"

	"github.com/conductorone/baton-sdk/pkg/types/sessions"
	"golang.org/x/sync/singleflight"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
)

// Per-sync page cache (each Boomi object type is read once per sync, docs/architecture.md#performance-model).
//
// Several consumers walk the same Boomi object: users List and the role grants both walk AccountUserRole,
// users List and the account-group grants both walk AccountGroupUserRole. Each page is fetched from Boomi
// once per sync and kept in the SDK session store (scoped to the sync id, cleared by the SDK when the sync
// ends) under "page|<object>|<sha256(queryToken)>"; the token is hashed because Boomi's queryTokens are
// opaque and may exceed the session store's 512-byte key limit. Every walk starts with token "" and
// follows the NextToken stored with each page, so all walks follow the same chain of tokens and hit the
// same entries.
//
// Entries are gob-encoded, not JSON: the boomi types decode Boomi's wire names in custom UnmarshalJSON
// methods, so a JSON round trip of the Go values would not be symmetric.

// Boomi object names used as cache keys.
const (
	objAccountUserRole      = "AccountUserRole"
	objAccountGroupUserRole = "AccountGroupUserRole"
	objAccountGroupAccount  = "AccountGroupAccount"
	objRole                 = "Role"
	objEnvironment          = "Environment"
	objEnvironmentRole      = "EnvironmentRole"
)

// The cached walks of the whole account, one reader per object, so that a cache key always goes with the
// same unfiltered query whichever consumer asks first.

// userRolePage reads one AccountUserRole page (users List, role grants).
func (c *Boomi) userRolePage(ctx context.Context, st sessions.SessionStore, token string) (boomi.Page[boomi.AccountUserRole], error) {
	return cachedPage(ctx, st, objAccountUserRole, token, func(ctx context.Context, t string) (boomi.Page[boomi.AccountUserRole], error) {
		return c.client.QueryAccountUserRoles(ctx, nil, t)
	})
}

// groupUserRolePage reads one AccountGroupUserRole page (users List, account-group grants).
func (c *Boomi) groupUserRolePage(ctx context.Context, st sessions.SessionStore, token string) (boomi.Page[boomi.AccountGroupUserRole], error) {
	return cachedPage(ctx, st, objAccountGroupUserRole, token, func(ctx context.Context, t string) (boomi.Page[boomi.AccountGroupUserRole], error) {
		return c.client.QueryAccountGroupUserRoles(ctx, nil, t)
	})
}

// groupAccountPage reads one AccountGroupAccount page (account and account-group List, account grants).
func (c *Boomi) groupAccountPage(ctx context.Context, st sessions.SessionStore, token string) (boomi.Page[boomi.AccountGroupAccount], error) {
	return cachedPage(ctx, st, objAccountGroupAccount, token, func(ctx context.Context, t string) (boomi.Page[boomi.AccountGroupAccount], error) {
		return c.client.QueryAccountGroupAccounts(ctx, nil, t)
	})
}

// rolePage reads one Role query page (role List, privilege List and privilege grants).
func (c *Boomi) rolePage(ctx context.Context, st sessions.SessionStore, token string) (boomi.Page[boomi.Role], error) {
	return cachedPage(ctx, st, objRole, token, func(ctx context.Context, t string) (boomi.Page[boomi.Role], error) {
		return c.client.QueryRoles(ctx, nil, t)
	})
}

// environmentPage reads one Environment query page (environment List).
func (c *Boomi) environmentPage(ctx context.Context, st sessions.SessionStore, token string) (boomi.Page[boomi.Environment], error) {
	return cachedPage(ctx, st, objEnvironment, token, func(ctx context.Context, t string) (boomi.Page[boomi.Environment], error) {
		return c.client.QueryEnvironments(ctx, nil, t)
	})
}

// environmentRolePage reads one EnvironmentRole query page (environment List, environment grants).
func (c *Boomi) environmentRolePage(ctx context.Context, st sessions.SessionStore, token string) (boomi.Page[boomi.EnvironmentRole], error) {
	return cachedPage(ctx, st, objEnvironmentRole, token, func(ctx context.Context, t string) (boomi.Page[boomi.EnvironmentRole], error) {
		return c.client.QueryEnvironmentRoles(ctx, nil, t)
	})
}

// pageFetcher reads one Boomi page.
type pageFetcher[T any] func(ctx context.Context, token string) (boomi.Page[T], error)

// pageFlights makes concurrent misses on one page share a single fetch: with --workers > 1 the SDK runs
// walks of different resource types at once (account and account_group both walk AccountGroupAccount), and
// without it both would miss the cache and read every page from Boomi. Keys are page keys; the SDK runs one
// sync at a time per connector, so a shared fetch is always the same Boomi query.
var pageFlights singleflight.Group

// cachedPage returns page `token` of `object`: from the sync's cache, or fetched with exactly one Boomi
// query (plus the transport's retries) and stored.
func cachedPage[T any](ctx context.Context, ss sessions.SessionStore, object, token string, fetch pageFetcher[T]) (boomi.Page[T], error) {
	key := pageKey(object, token)
	if page, ok := readCachedPage[T](ctx, ss, key); ok {
		return page, nil
	}
	shared, err, _ := pageFlights.Do(key, func() (any, error) {
		// A flight that finished just before this one began has stored the page already.
		if page, ok := readCachedPage[T](ctx, ss, key); ok {
			return page, nil
		}
		page, err := fetch(ctx, token)
		if err != nil {
			return nil, err
		}
		var buf bytes.Buffer
		if err := gob.NewEncoder(&buf).Encode(page); err != nil {
			return nil, fmt.Errorf("caching a %s page: %w", object, err)
		}
		// A failed Set loses only the sharing: the page itself is correct, other consumers fetch it again.
		_ = ss.Set(ctx, key, buf.Bytes())
		return page, nil
	})
	if err != nil {
		return boomi.Page[T]{}, err
	}
	return shared.(boomi.Page[T]), nil
}

// readCachedPage returns the stored page under key, if there is a readable one.
func readCachedPage[T any](ctx context.Context, ss sessions.SessionStore, key string) (boomi.Page[T], bool) {
	var page boomi.Page[T]
	raw, found, err := ss.Get(ctx, key)
	if err != nil || !found {
		return page, false
	}
	// An unreadable entry counts as missing: it is refetched and overwritten.
	if err := gob.NewDecoder(bytes.NewReader(raw)).Decode(&page); err != nil {
		return page, false
	}
	return page, true
}

func pageKey(object, token string) string {
	return "page|" + object + "|" + tokenDigest(token)
}

// tokenDigest shortens an opaque Boomi queryToken to a fixed-size key part ("" stays recognisable).
func tokenDigest(token string) string {
	if token == "" {
		return "first"
	}
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:16])
}
