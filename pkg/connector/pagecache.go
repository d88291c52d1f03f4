package connector

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
)

// Per-sync page cache (each Boomi object type is read once per sync, docs/architecture.md#performance-model).
//
// Several consumers walk the same Boomi object: users List and the role grants both walk AccountUserRole,
// users List and the account-group grants both walk AccountGroupUserRole. Each page is fetched from Boomi
// once per sync and kept in the sync's cache (syncCache) under prefixPage, "<object>|<digest of
// queryToken>". Every walk starts with token "" and follows the NextToken stored with each page, so all
// walks follow the same chain of tokens and hit the same entries. Entries are the pages' JSON; the one
// cached type whose JSON does not read back as itself, boomi.Role, is stored as roleRecord.

// Boomi object names used as cache keys.
const (
	objAccountUserRole       = "AccountUserRole"
	objAccountUserFederation = "AccountUserFederation"
	objAccountGroupUserRole  = "AccountGroupUserRole"
	objAccountGroupAccount   = "AccountGroupAccount"
	objRole                  = "Role"
	objEnvironment           = "Environment"
	objEnvironmentRole       = "EnvironmentRole"
	objAccountGroup          = "AccountGroup"
	objAccount               = "Account"
)

// pageFetcher reads one Boomi page.
type pageFetcher[T any] func(ctx context.Context, token string) (boomi.Page[T], error)

// cachedPage returns page `token` of `object`: from the sync's cache, or fetched with exactly one Boomi
// query (plus the transport's retries) and stored. Concurrent misses of one page share the fetch
// (syncCache.shared): with --workers > 1 the SDK runs walks of different resource types at once (account
// and account_group both walk AccountGroupAccount), and without it both would read every page from Boomi.
func cachedPage[T any](ctx context.Context, st syncCache, object, token string, fetch pageFetcher[T]) (boomi.Page[T], error) {
	key := pageKey(object, token)
	if page, ok, err := getOne[boomi.Page[T]](ctx, st, prefixPage, key); ok || errors.Is(err, errNoSessionStore) {
		return page, err
	}
	// Any other read failure counts as a miss: the page is fetched again and the entry overwritten.
	shared, err := st.shared(prefixPage+key, func() (any, error) {
		// A flight that finished just before this one began has stored the page already.
		if page, ok, _ := getOne[boomi.Page[T]](ctx, st, prefixPage, key); ok {
			return page, nil
		}
		page, err := fetch(ctx, token)
		if err != nil {
			return nil, err
		}
		// A failed write loses only the sharing: the page itself is correct, other consumers fetch it again.
		_ = setOne(ctx, st, prefixPage, key, page)
		return page, nil
	})
	if err != nil {
		return boomi.Page[T]{}, err
	}
	return shared.(boomi.Page[T]), nil
}

// pageKey names one page: the token is hashed because Boomi's queryTokens are opaque and may exceed the
// session store's 512-character key limit.
func pageKey(object, token string) string {
	return object + "|" + tokenDigest(token)
}

// tokenDigest shortens an opaque Boomi queryToken to a fixed-size key part ("" stays recognisable).
func tokenDigest(token string) string {
	if token == "" {
		return "first"
	}
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:16])
}

// roleRecord is boomi.Role as the cache stores it. boomi.Role reads Boomi's wire JSON
// ({"Privileges":{"Privilege":[...]}}) in its UnmarshalJSON, so the JSON of the Go value would not read
// back; the defined type has the same fields and none of the methods, so its JSON round trip is symmetric.
type roleRecord boomi.Role

func roleRecords(roles []boomi.Role) []roleRecord {
	out := make([]roleRecord, len(roles))
	for i, r := range roles {
		out[i] = roleRecord(r)
	}
	return out
}

func rolesOfRecords(records []roleRecord) []boomi.Role {
	out := make([]boomi.Role, len(records))
	for i, r := range records {
		out[i] = boomi.Role(r)
	}
	return out
}
