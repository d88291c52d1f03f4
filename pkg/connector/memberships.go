package connector

import (
	"context"
	"fmt"
	"sort"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	rs "github.com/conductorone/baton-sdk/pkg/types/resource"
)

// Account-group membership of sub-accounts (AccountGroupAccount), for two profiles: an account group's
// member accounts and a sub-account's groups. The account and account-group List walks both start with a
// "members" phase over the AccountGroupAccount pages; the pages come from the per-sync page cache, which
// the account grants walk also reads, so Boomi serves each AccountGroupAccount page once per sync. Merging a
// page into the stored sets is idempotent, so the second walk (and a repeated page) changes nothing.
const phaseMembers = "members"

// listAfterMemberships is the List walk of accounts and account groups: the "members" phase (one
// AccountGroupAccount page per call, merged into the stored sets), then the phase ownPhase, whose pages
// listPage reads and turns into resources (returning Boomi's next token). The memberships come first so
// that every resource of the second phase can carry its complete member list in its profile.
func (r *platformReads) listAfterMemberships(ctx context.Context, opts rs.SyncOpAttrs, ownPhase string,
	listPage func(ctx context.Context, st syncCache, token string) ([]*v2.Resource, string, error),
) ([]*v2.Resource, *rs.SyncOpResults, error) {
	tok, st, err := r.walkOf(opts, phaseMembers, ownPhase)
	if err != nil {
		return nil, nil, err
	}
	var out []*v2.Resource
	var next string
	switch tok.phase() {
	case phaseMembers:
		next, err = r.collectMemberships(ctx, st, tok.token())
	case ownPhase:
		out, next, err = listPage(ctx, st, tok.token())
	default:
		return nil, nil, tok.refuse()
	}
	if err != nil {
		return nil, nil, err
	}
	return out, tok.next(next), nil
}

// collectMemberships merges one AccountGroupAccount page into the stored membership sets.
func (r *platformReads) collectMemberships(ctx context.Context, st syncCache, token string) (string, error) {
	page, err := r.groupAccountPage(ctx, st, token)
	if err != nil {
		return "", err
	}
	groupsOf := map[string][]string{}
	accountsOf := map[string][]string{}
	for _, l := range page.Items {
		if l.AccountID == "" || l.AccountGroupID == "" {
			continue
		}
		groupsOf[l.AccountID] = append(groupsOf[l.AccountID], l.AccountGroupID)
		accountsOf[l.AccountGroupID] = append(accountsOf[l.AccountGroupID], l.AccountID)
	}
	if err := mergeIDSets(ctx, st, prefixGroupsOf, groupsOf); err != nil {
		return "", err
	}
	if err := mergeIDSets(ctx, st, prefixAccountsOf, accountsOf); err != nil {
		return "", err
	}
	return page.NextToken, nil
}

// mergeIDSets adds ids to the stored sets prefix+key (sorted, without duplicates), one merge at a time
// per connector (syncFlights.merge).
func mergeIDSets(ctx context.Context, st syncCache, prefix string, add map[string][]string) error {
	if len(add) == 0 {
		return nil
	}
	st.flights.merge.Lock()
	defer st.flights.merge.Unlock()
	keys := make([]string, 0, len(add))
	for k := range add {
		keys = append(keys, k)
	}
	stored, err := readIDSets(ctx, st, prefix, keys)
	if err != nil {
		return err
	}
	out := map[string][]string{}
	for k, ids := range add {
		set := map[string]bool{}
		for _, id := range stored[k] {
			set[id] = true
		}
		changed := false
		for _, id := range ids {
			if !set[id] {
				set[id] = true
				changed = true
			}
		}
		if !changed {
			continue
		}
		merged := make([]string, 0, len(set))
		for id := range set {
			merged = append(merged, id)
		}
		sort.Strings(merged)
		out[k] = merged
	}
	if err := setMany(ctx, st, prefix, out); err != nil {
		return fmt.Errorf("storing account-group memberships: %w", err)
	}
	return nil
}

// readIDSets reads the stored sets prefix+key (absent keys are absent from the result).
func readIDSets(ctx context.Context, st syncCache, prefix string, keys []string) (map[string][]string, error) {
	out, err := getMany[[]string](ctx, st, prefix, keys)
	if err != nil {
		return nil, fmt.Errorf("reading account-group memberships: %w", err)
	}
	return out, nil
}

// profileList converts ids for a resource profile (structpb accepts []any, not []string).
func profileList(ids []string) []any {
	out := make([]any, 0, len(ids))
	for _, id := range ids {
		out = append(out, id)
	}
	return out
}
