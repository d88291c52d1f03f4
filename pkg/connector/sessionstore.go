package connector

import (
	"context"
	"errors"
	"sync"

	"github.com/conductorone/baton-sdk/pkg/session"
	"github.com/conductorone/baton-sdk/pkg/types/resource"
	"github.com/conductorone/baton-sdk/pkg/types/sessions"
)

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
