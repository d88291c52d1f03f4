package connector

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"sync"

	"github.com/conductorone/baton-sdk/pkg/session"
	"github.com/conductorone/baton-sdk/pkg/types/resource"
	"github.com/conductorone/baton-sdk/pkg/types/sessions"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
)

// Per-sync page cache (CONNECTOR_DESIGN "Read each Boomi object type once per sync").
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
	objAccountGroup         = "AccountGroup"
	objAccountGroupAccount  = "AccountGroupAccount"
)

// pageFetcher reads one Boomi page.
type pageFetcher[T any] func(ctx context.Context, token string) (boomi.Page[T], error)

// cachedPage returns page `token` of `object`: from the sync's cache, or fetched with exactly one Boomi
// query (plus the transport's retries) and stored.
func cachedPage[T any](ctx context.Context, ss sessions.SessionStore, object, token string, fetch pageFetcher[T]) (boomi.Page[T], error) {
	key := pageKey(object, token)
	if raw, found, err := ss.Get(ctx, key); err == nil && found {
		var page boomi.Page[T]
		if err := gob.NewDecoder(bytes.NewReader(raw)).Decode(&page); err == nil {
			return page, nil
		}
		// An unreadable entry is refetched below and overwritten.
	}
	page, err := fetch(ctx, token)
	if err != nil {
		return boomi.Page[T]{}, err
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(page); err != nil {
		return boomi.Page[T]{}, fmt.Errorf("caching a %s page: %w", object, err)
	}
	if err := ss.Set(ctx, key, buf.Bytes()); err != nil {
		// The page is correct; only the sharing is lost. Other consumers will fetch it themselves.
		return page, nil
	}
	return page, nil
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

// Session-store access. The SDK's store exists only when main enables it (WithSessionStoreEnabled); when a
// call comes without one, or with the SDK's disabled store, per-sync state lives in process memory
// instead, so the sync is still correct (dedup, federation ids), only without sharing across processes.

// syncStore returns the store that holds this sync's state.
func (c *Boomi) syncStore(opts resource.SyncOpAttrs) sessions.SessionStore {
	local := c.localSessions.forSync(opts.SyncID)
	if opts.Session == nil {
		return local
	}
	return &fallbackStore{primary: opts.Session, local: local}
}

// fallbackStore uses the SDK's store and switches to local memory for good once the SDK says the store is
// disabled.
type fallbackStore struct {
	primary  sessions.SessionStore
	local    sessions.SessionStore
	disabled bool
}

var _ sessions.SessionStore = (*fallbackStore)(nil)

func (f *fallbackStore) use(err error) bool {
	if err != nil && errors.Is(err, session.ErrSessionStoreDisabled) {
		f.disabled = true
		return true
	}
	return false
}

func (f *fallbackStore) Get(ctx context.Context, key string, opt ...sessions.SessionStoreOption) ([]byte, bool, error) {
	if !f.disabled {
		v, ok, err := f.primary.Get(ctx, key, opt...)
		if !f.use(err) {
			return v, ok, err
		}
	}
	return f.local.Get(ctx, key, opt...)
}

func (f *fallbackStore) GetMany(ctx context.Context, keys []string, opt ...sessions.SessionStoreOption) (map[string][]byte, []string, error) {
	if !f.disabled {
		v, rest, err := f.primary.GetMany(ctx, keys, opt...)
		if !f.use(err) {
			return v, rest, err
		}
	}
	return f.local.GetMany(ctx, keys, opt...)
}

func (f *fallbackStore) Set(ctx context.Context, key string, value []byte, opt ...sessions.SessionStoreOption) error {
	if !f.disabled {
		if err := f.primary.Set(ctx, key, value, opt...); !f.use(err) {
			return err
		}
	}
	return f.local.Set(ctx, key, value, opt...)
}

func (f *fallbackStore) SetMany(ctx context.Context, values map[string][]byte, opt ...sessions.SessionStoreOption) error {
	if !f.disabled {
		if err := f.primary.SetMany(ctx, values, opt...); !f.use(err) {
			return err
		}
	}
	return f.local.SetMany(ctx, values, opt...)
}

func (f *fallbackStore) Delete(ctx context.Context, key string, opt ...sessions.SessionStoreOption) error {
	if !f.disabled {
		if err := f.primary.Delete(ctx, key, opt...); !f.use(err) {
			return err
		}
	}
	return f.local.Delete(ctx, key, opt...)
}

func (f *fallbackStore) Clear(ctx context.Context, opt ...sessions.SessionStoreOption) error {
	if !f.disabled {
		if err := f.primary.Clear(ctx, opt...); !f.use(err) {
			return err
		}
	}
	return f.local.Clear(ctx, opt...)
}

func (f *fallbackStore) GetAll(ctx context.Context, pageToken string, opt ...sessions.SessionStoreOption) (map[string][]byte, string, error) {
	if !f.disabled {
		v, next, err := f.primary.GetAll(ctx, pageToken, opt...)
		if !f.use(err) {
			return v, next, err
		}
	}
	return f.local.GetAll(ctx, pageToken, opt...)
}

// localSessions keeps the in-memory state of the current sync only: a new sync id replaces it.
type localSessions struct {
	mu     sync.Mutex
	syncID string
	store  *memoryStore
}

func (l *localSessions) forSync(syncID string) *memoryStore {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.store == nil || l.syncID != syncID {
		l.syncID = syncID
		l.store = newMemoryStore()
	}
	return l.store
}

// memoryStore is a map-backed sessions.SessionStore (local fallback and unit tests).
type memoryStore struct {
	mu     sync.Mutex
	values map[string][]byte
}

var _ sessions.SessionStore = (*memoryStore)(nil)

func newMemoryStore() *memoryStore { return &memoryStore{values: map[string][]byte{}} }

func (m *memoryStore) Get(_ context.Context, key string, _ ...sessions.SessionStoreOption) ([]byte, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	v, ok := m.values[key]
	return v, ok, nil
}

func (m *memoryStore) GetMany(_ context.Context, keys []string, _ ...sessions.SessionStoreOption) (map[string][]byte, []string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := map[string][]byte{}
	for _, k := range keys {
		if v, ok := m.values[k]; ok {
			out[k] = v
		}
	}
	return out, nil, nil
}

func (m *memoryStore) Set(_ context.Context, key string, value []byte, _ ...sessions.SessionStoreOption) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.values[key] = append([]byte(nil), value...)
	return nil
}

func (m *memoryStore) SetMany(_ context.Context, values map[string][]byte, _ ...sessions.SessionStoreOption) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for k, v := range values {
		m.values[k] = append([]byte(nil), v...)
	}
	return nil
}

func (m *memoryStore) Delete(_ context.Context, key string, _ ...sessions.SessionStoreOption) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.values, key)
	return nil
}

func (m *memoryStore) Clear(_ context.Context, _ ...sessions.SessionStoreOption) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.values = map[string][]byte{}
	return nil
}

func (m *memoryStore) GetAll(_ context.Context, _ string, _ ...sessions.SessionStoreOption) (map[string][]byte, string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make(map[string][]byte, len(m.values))
	for k, v := range m.values {
		out[k] = v
	}
	return out, "", nil
}

// Small typed helpers over the store, for string values keyed per id.

// getStrings reads prefix+id for each id (missing ids are absent from the result).
func getStrings(ctx context.Context, ss sessions.SessionStore, prefix string, ids []string) (map[string]string, error) {
	if len(ids) == 0 {
		return map[string]string{}, nil
	}
	keys := make([]string, 0, len(ids))
	for _, id := range ids {
		keys = append(keys, prefix+id)
	}
	raw, err := session.UnrollGetMany[[]byte](ctx, ss, keys)
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(raw))
	for k, v := range raw {
		out[k[len(prefix):]] = string(v)
	}
	return out, nil
}

// setStrings writes prefix+id = value for each entry.
func setStrings(ctx context.Context, ss sessions.SessionStore, prefix string, values map[string]string) error {
	if len(values) == 0 {
		return nil
	}
	items := func(yield func(session.SizedItem[[]byte], error) bool) {
		for id, v := range values {
			key := prefix + id
			if !yield(session.SizedItem[[]byte]{Key: key, Value: []byte(v), Size: len(key) + len(v) + 20}, nil) {
				return
			}
		}
	}
	// UnrollSetMany splits the write into requests within the store's key-count and size limits.
	return session.UnrollSetMany[[]byte](ctx, ss, items)
}

// walkToken is the SDK page token of a multi-phase walk: which Boomi object (phase) is being read, and
// Boomi's queryToken within it. One SDK call reads one Boomi page; "" ends the walk.
type walkToken struct {
	Phase string `json:"p"`
	Token string `json:"t,omitempty"`
}

func parseWalkToken(raw string) (walkToken, error) {
	var w walkToken
	if raw == "" {
		return w, nil
	}
	if err := json.Unmarshal([]byte(raw), &w); err != nil {
		return w, fmt.Errorf("the page token %q was not issued by this connector; restart the sync", raw)
	}
	return w, nil
}

func (w walkToken) encode() string {
	out, _ := json.Marshal(w) // two strings: cannot fail
	return string(out)
}

// pageID names one page of one phase, for idempotent "first seen on page X" bookkeeping.
func (w walkToken) pageID() string {
	return w.Phase + "|" + tokenDigest(w.Token)
}

// advance returns the SDK token after a page of phase w.Phase whose Boomi next token is next: the same
// phase with next, the first page of the following phase, or "" after the last phase.
func (w walkToken) advance(next string, phases []string) string {
	if next != "" {
		return walkToken{Phase: w.Phase, Token: next}.encode()
	}
	for i, p := range phases {
		if p == w.Phase && i+1 < len(phases) {
			return walkToken{Phase: phases[i+1]}.encode()
		}
	}
	return ""
}

// readAllPages drains a query that is known to be small (one user's links in Get): it follows Boomi's
// tokens until the last page. Sync walks never use it; they return one page per SDK call.
func readAllPages[T any](ctx context.Context, fetch pageFetcher[T]) ([]T, error) {
	var all []T
	token := ""
	for {
		page, err := fetch(ctx, token)
		if err != nil {
			return nil, err
		}
		all = append(all, page.Items...)
		if page.NextToken == "" || page.NextToken == token {
			return all, nil
		}
		token = page.NextToken
	}
}
