package connector

import (
	"context"
	"errors"
	"fmt"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	rs "github.com/conductorone/baton-sdk/pkg/types/resource"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/baton-boomi/baton-boomi/pkg/mft"
)

// Sync-time reads of the MFT API, shared through the sync's cache (syncCache).
//
// The MFT list operations do not page: each answers the whole collection in one request. The role and
// organization grants need the SSO mappings and every user's detail (GET AdminUsers/{id} is the only place
// that reveals a user's roles and organizations), and both resource types' grants need the same data, so each
// list and each user detail is fetched once per sync and kept under prefixMFT. Provisioning never uses
// these: it reads fresh.
const (
	mftKeyUsers         = "users"
	mftKeyRoles         = "roles"
	mftKeyOrganizations = "organizations"
	mftKeyMappings      = "mappings"
	mftKeyUserPrefix    = "user|"
)

// mftSyncReads reads MFT collections for one sync call.
type mftSyncReads struct {
	client *mft.Client
	cache  syncCache
}

// mftReadsOf gives each SDK call of a sync its mftSyncReads; the MFT builders hold it (Boomi.mftReads) instead
// of the connector.
type mftReadsOf func(rs.SyncOpAttrs) (mftSyncReads, error)

// mftReads is the connector's mftReadsOf: its MFT client and the call's sync cache.
func (c *Boomi) mftReads(opts rs.SyncOpAttrs) (mftSyncReads, error) {
	st, err := c.flights.cacheOf(opts)
	return mftSyncReads{client: c.mft, cache: st}, err
}

func (r mftSyncReads) users(ctx context.Context) ([]mft.User, error) {
	return cachedEntry(ctx, r.cache, prefixMFT, mftKeyUsers, r.client.ListUsers)
}

// liveRoles are the roles that are not soft-deleted (the AdminRoles list includes deleted ones).
func (r mftSyncReads) liveRoles(ctx context.Context) ([]mft.Role, error) {
	roles, err := cachedEntry(ctx, r.cache, prefixMFT, mftKeyRoles, r.client.ListRoles)
	if err != nil {
		return nil, err
	}
	return withoutDeleted(roles), nil
}

// liveOrganizations are the organizations that are not soft-deleted.
func (r mftSyncReads) liveOrganizations(ctx context.Context) ([]mft.Organization, error) {
	orgs, err := cachedEntry(ctx, r.cache, prefixMFT, mftKeyOrganizations, r.client.ListOrganizations)
	if err != nil {
		return nil, err
	}
	return withoutDeleted(orgs), nil
}

// withoutDeleted keeps the entries MFT has not soft-deleted, in a new slice (the cached list is shared).
func withoutDeleted[T interface{ Deleted() bool }](all []T) []T {
	live := all[:0:0]
	for _, v := range all {
		if !v.Deleted() {
			live = append(live, v)
		}
	}
	return live
}

// listMFT is the List of every MFT resource type: the MFT lists are not paged, so one call emits every
// resource that read returns (a method of mftSyncReads, from the call's cache), built by build; what names
// the collection in the error.
func listMFT[T any](ctx context.Context, readsOf mftReadsOf, opts rs.SyncOpAttrs, what string,
	read func(mftSyncReads, context.Context) ([]T, error), build func(T) (*v2.Resource, error),
) ([]*v2.Resource, *rs.SyncOpResults, error) {
	reads, err := readsOf(opts)
	if err != nil {
		return nil, nil, err
	}
	items, err := read(reads, ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("listing MFT %s: %w", what, err)
	}
	out := make([]*v2.Resource, 0, len(items))
	for _, item := range items {
		r, err := build(item)
		if err != nil {
			return nil, nil, err
		}
		out = append(out, r)
	}
	return out, nil, nil
}

func (r mftSyncReads) mappings(ctx context.Context) ([]mft.SSOMapping, error) {
	return cachedEntry(ctx, r.cache, prefixMFT, mftKeyMappings, r.client.ListSSOMappings)
}

// userDetails returns the detail of each user id: from the store when another walk (or the prefetch) already
// read it, otherwise with one GET per user (then stored). A user deleted since the list was read has no entry.
func (r mftSyncReads) userDetails(ctx context.Context, ids []int32) (map[int32]mft.UserDetail, error) {
	keys := make([]string, len(ids))
	for i, id := range ids {
		keys[i] = mftKeyUserPrefix + mftIDString(id)
	}
	out := make(map[int32]mft.UserDetail, len(ids))
	cached, err := getMany[mft.UserDetail](ctx, r.cache, prefixMFT, keys)
	if errors.Is(err, errNoSessionStore) {
		return nil, err
	}
	for i, id := range ids {
		if d, ok := cached[keys[i]]; ok {
			out[id] = d
			continue
		}
		d, err := cachedEntry(ctx, r.cache, prefixMFT, keys[i], func(ctx context.Context) (mft.UserDetail, error) {
			return r.client.GetUser(ctx, id)
		})
		if status.Code(err) == codes.NotFound {
			// Deleted since the list was read: the user has no grants to report.
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("reading the roles and organizations of MFT user %d: %w", id, err)
		}
		out[id] = d
	}
	return out, nil
}
