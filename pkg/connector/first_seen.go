package connector

import (
	"context"
	"fmt"
)

// firstSeenOn reports, for each id, whether this page is where the walk first met it (claiming it for the
// page when nobody has). A page the SDK asks for again gets the same answer, because pageID comes from the
// page token (walk.pageID), never from a counter. Each walk (walkUsers, walkRoles, ...) keeps its own claims,
// "<walk>|<id>" under prefixFirstSeen: a role listed by the role walk is still new to the privilege walk.
func firstSeenOn(ctx context.Context, st syncCache, walk, pageID string, ids []string) (map[string]bool, error) {
	keys := make([]string, 0, len(ids))
	for _, id := range ids {
		if id != "" {
			keys = append(keys, walk+"|"+id)
		}
	}
	seen, err := getMany[string](ctx, st, prefixFirstSeen, keys)
	if err != nil {
		return nil, fmt.Errorf("reading what this sync already emitted: %w", err)
	}
	out := map[string]bool{}
	claim := map[string]string{}
	for _, id := range ids {
		if id == "" {
			continue
		}
		switch on, ok := seen[walk+"|"+id]; {
		case !ok:
			claim[walk+"|"+id] = pageID
			out[id] = true
		case on == pageID:
			out[id] = true
		}
	}
	if err := setMany(ctx, st, prefixFirstSeen, claim); err != nil {
		return nil, fmt.Errorf("recording what this sync emitted: %w", err)
	}
	return out, nil
}
