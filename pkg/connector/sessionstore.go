package connector

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/conductorone/baton-sdk/pkg/session"
	rs "github.com/conductorone/baton-sdk/pkg/types/resource"
	"github.com/conductorone/baton-sdk/pkg/types/sessions"
	"golang.org/x/sync/singleflight"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// The sync's cache. Each SDK call of a sync carries the SDK's session store for that sync
// (connectorbuilder scopes it to the sync id and clears it when the sync ends); the walks keep there what
// a later call, or another walk, of the same sync needs: the Boomi pages read so far, the MFT lists, who was
// emitted on which page, federation ids, last logins and the like. Every entry is JSON (the SDK's
// session.GetJSON family), and each kind of entry has its own prefix (sessions.WithPrefix), listed here so
// that two kinds can never share a key.
const (
	prefixPage       = "page|"       // <object>|<token digest>: one boomi.Page (cachedPage)
	prefixOnce       = "once|"       // a fact read once per sync (keyAssignableRoles, keyUserRoleMode, keyTreeRecord...)
	prefixTreeRoles  = "tree-roles|" // <sub-account id>: its assignable roles
	prefixMFT        = "mft|"        // mftKey*: the MFT lists and user details
	prefixFirstSeen  = "first|"      // <walk>|<id>: the page id where a walk first met the id (firstSeenOn)
	prefixFederation = "fed|"        // <user id>: federation id
	prefixLastLogin  = "login|"      // <user id>: newest login, RFC 3339
	prefixAdmin      = "admin|"      // <user id>: true when the user holds Administrator directly
	prefixGroupsOf   = "acct-groups|"
	prefixAccountsOf = "group-accts|"
	prefixListed     = "acct-listed|"    // <account id>: true when this sync listed the sub-account
	prefixRestricted = "env-restricted|" // <environment id>: true when a role is attached to it
	prefixRoleDef    = "role-def|"       // <role id>: roleDef
)

// errNoSessionStore is the one answer when the SDK hands a sync call no usable session store. The
// connector's walks are correct only with one (a page of the users walk tells the next who was emitted),
// and the SDK always passes it once main enables it.
var errNoSessionStore = status.Error(codes.FailedPrecondition,
	"the SDK gave this sync no session store, where the connector keeps what one page of a walk tells the next: "+
		"run the connector with the session store enabled (connectorrunner.WithSessionStoreEnabled, as cmd/baton-boomi does)")

// syncCache is one SDK call's handle on its sync's cache: the SDK's store for the sync, the sync id, and the
// connector's flights, which make concurrent misses of one entry share one fetch.
type syncCache struct {
	store   sessions.SessionStore
	syncID  string
	flights *syncFlights
}

// syncFlights is the in-process coordination of a connector's syncs. It lives on the connector, never in a
// package variable, and every key carries the sync id, so two syncs (or two connectors in one process) never
// share a fetch or a lock.
type syncFlights struct {
	fetches singleflight.Group
	// merge serializes the read-modify-write of the membership sets (mergeIDSets): with --workers the
	// account and account-group walks may merge different pages into the same set at the same time.
	merge sync.Mutex
}

// cacheOf returns the cache of the sync that opts belong to.
func (f *syncFlights) cacheOf(opts rs.SyncOpAttrs) (syncCache, error) {
	if opts.Session == nil {
		return syncCache{}, errNoSessionStore
	}
	return syncCache{store: opts.Session, syncID: opts.SyncID, flights: f}, nil
}

// shared runs fetch once for all concurrent callers of this sync that ask for key.
func (st syncCache) shared(key string, fetch func() (any, error)) (any, error) {
	v, err, _ := st.flights.fetches.Do(st.syncID+"\x00"+key, fetch)
	return v, err
}

// storeError words a store failure: the SDK's disabled store becomes errNoSessionStore; any other failure
// keeps its words, after what the connector was doing.
func storeError(err error, doing string) error {
	if errors.Is(err, session.ErrSessionStoreDisabled) {
		return errNoSessionStore
	}
	return fmt.Errorf("%s the sync's session store: %w", doing, err)
}

// getOne reads the entry prefix+key; found is false when there is none.
func getOne[T any](ctx context.Context, st syncCache, prefix, key string) (T, bool, error) {
	v, found, err := session.GetJSON[T](ctx, st.store, key, sessions.WithPrefix(prefix))
	if err != nil {
		var zero T
		return zero, false, storeError(err, "reading "+prefix+key+" from")
	}
	return v, found, nil
}

// setOne writes the entry prefix+key.
func setOne[T any](ctx context.Context, st syncCache, prefix, key string, v T) error {
	if err := session.SetJSON(ctx, st.store, key, v, sessions.WithPrefix(prefix)); err != nil {
		return storeError(err, "writing "+prefix+key+" to")
	}
	return nil
}

// getMany reads the entries prefix+key of keys (missing ones are absent from the result), in as many
// requests as the store's limits need. The empty key has no entry (the store refuses empty keys, and a
// Boomi object may lack an id); the keys are copied first because the SDK's gRPC store sorts the slice it
// is given, and callers keep theirs in emit order.
func getMany[T any](ctx context.Context, st syncCache, prefix string, keys []string) (map[string]T, error) {
	keys = slices.DeleteFunc(slices.Clone(keys), func(k string) bool { return k == "" })
	if len(keys) == 0 {
		return map[string]T{}, nil
	}
	out, err := session.GetManyJSON[T](ctx, st.store, keys, sessions.WithPrefix(prefix))
	if err != nil {
		return nil, storeError(err, "reading "+prefix+"* from")
	}
	return out, nil
}

// setMany writes the entries prefix+key, in as many requests as the store's limits need (every caller
// leaves out the empty key, which the store refuses).
func setMany[T any](ctx context.Context, st syncCache, prefix string, values map[string]T) error {
	if len(values) == 0 {
		return nil
	}
	if err := session.SetManyJSON(ctx, st.store, values, sessions.WithPrefix(prefix)); err != nil {
		return storeError(err, "writing "+prefix+"* to")
	}
	return nil
}
