package connector

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/conductorone/baton-sdk/pkg/types/sessions"
)

// memoryStore is a map-backed sessions.SessionStore standing in for the SDK's per-sync store in tests. Like
// the SDK's c1z store it keeps each sync id apart and honours sessions.WithPrefix (GetMany and GetAll answer
// the keys without the prefix), so two kinds of entry with the same key stay apart here too; and like the
// SDK's gRPC store it refuses a key that is empty or longer than 512 characters, and more than
// sessions.MaxKeysPerRequest keys in one call.
type memoryStore struct {
	mu     sync.Mutex
	values map[string][]byte
}

var _ sessions.SessionStore = (*memoryStore)(nil)

func newMemoryStore() *memoryStore { return &memoryStore{values: map[string][]byte{}} }

// scopeOf is the part of a stored key that the options name: the sync id and the prefix.
func scopeOf(ctx context.Context, opt []sessions.SessionStoreOption) string {
	var bag sessions.SessionStoreBag
	for _, o := range opt {
		_ = o(ctx, &bag)
	}
	return bag.SyncID + "\x00" + bag.Prefix
}

// checkKeys is the SDK's validation of session keys (1 to 512 characters each).
func checkKeys(keys ...string) error {
	for _, k := range keys {
		if n := utf8.RuneCountInString(k); n < 1 || n > 512 {
			return fmt.Errorf("invalid session key %q: value length must be between 1 and 512 runes, inclusive", k)
		}
	}
	return nil
}

func (m *memoryStore) Get(ctx context.Context, key string, opt ...sessions.SessionStoreOption) ([]byte, bool, error) {
	if err := checkKeys(key); err != nil {
		return nil, false, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	v, ok := m.values[scopeOf(ctx, opt)+key]
	return v, ok, nil
}

func (m *memoryStore) GetMany(ctx context.Context, keys []string, opt ...sessions.SessionStoreOption) (map[string][]byte, []string, error) {
	if len(keys) > sessions.MaxKeysPerRequest {
		return nil, nil, fmt.Errorf("%d keys in one GetMany, at most %d", len(keys), sessions.MaxKeysPerRequest)
	}
	if err := checkKeys(keys...); err != nil {
		return nil, nil, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	scope := scopeOf(ctx, opt)
	out := map[string][]byte{}
	for _, k := range keys {
		if v, ok := m.values[scope+k]; ok {
			out[k] = v
		}
	}
	return out, nil, nil
}

func (m *memoryStore) Set(ctx context.Context, key string, value []byte, opt ...sessions.SessionStoreOption) error {
	if err := checkKeys(key); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.values[scopeOf(ctx, opt)+key] = append([]byte(nil), value...)
	return nil
}

func (m *memoryStore) SetMany(ctx context.Context, values map[string][]byte, opt ...sessions.SessionStoreOption) error {
	if len(values) > sessions.MaxKeysPerRequest {
		return fmt.Errorf("%d keys in one SetMany, at most %d", len(values), sessions.MaxKeysPerRequest)
	}
	for k := range values {
		if err := checkKeys(k); err != nil {
			return err
		}
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	scope := scopeOf(ctx, opt)
	for k, v := range values {
		m.values[scope+k] = append([]byte(nil), v...)
	}
	return nil
}

func (m *memoryStore) Delete(ctx context.Context, key string, opt ...sessions.SessionStoreOption) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.values, scopeOf(ctx, opt)+key)
	return nil
}

func (m *memoryStore) Clear(ctx context.Context, opt ...sessions.SessionStoreOption) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	scope := scopeOf(ctx, opt)
	for k := range m.values {
		if strings.HasPrefix(k, scope) {
			delete(m.values, k)
		}
	}
	return nil
}

func (m *memoryStore) GetAll(ctx context.Context, _ string, opt ...sessions.SessionStoreOption) (map[string][]byte, string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	scope := scopeOf(ctx, opt)
	out := map[string][]byte{}
	for k, v := range m.values {
		if rest, ok := strings.CutPrefix(k, scope); ok {
			out[rest] = v
		}
	}
	return out, "", nil
}

// cacheIn is the cache connector c gives a call of the sync under test whose session store is store.
func cacheIn(c *Boomi, store sessions.SessionStore) syncCache {
	return syncCache{store: store, syncID: testSyncID, flights: &c.flights}
}
