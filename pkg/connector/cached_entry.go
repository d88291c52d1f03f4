package connector

import (
	"context"
	"errors"
)

// cachedEntry returns the sync's cache entry prefix+key, or fetches, stores and returns it, with one fetch at
// a time per entry (the read-ahead and a walk may ask together: syncCache.shared). Every value the sync
// reads once whole — an MFT list or user detail, getAssignableRoles of the account or of a sub-account —
// goes through it. A store failure only loses the sharing: the value fetched is still correct; a disabled
// store is errNoSessionStore.
func cachedEntry[T any](ctx context.Context, st syncCache, prefix, key string, fetch func(context.Context) (T, error)) (T, error) {
	if v, ok, err := getOne[T](ctx, st, prefix, key); ok || errors.Is(err, errNoSessionStore) {
		return v, err
	}
	shared, err := st.shared(prefix+key, func() (any, error) {
		if v, ok, _ := getOne[T](ctx, st, prefix, key); ok {
			return v, nil
		}
		v, err := fetch(ctx)
		if err != nil {
			return nil, err
		}
		_ = setOne(ctx, st, prefix, key, v)
		return v, nil
	})
	if err != nil {
		var zero T
		return zero, err
	}
	return shared.(T), nil
}
