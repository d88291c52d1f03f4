package connector

import (
	"context"
	"fmt"
	"strconv"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/conductorone/baton-sdk/pkg/types/grant"
	rs "github.com/conductorone/baton-sdk/pkg/types/resource"

	"github.com/baton-boomi/baton-boomi/pkg/mft"
)

// The type-scoped grants of mft_role and mft_organization. One walk per type, of one phase whose position
// is an offset n in the MFT user list (the bag state's token, "" for 0):
//
//	first call (n = 0):  every SSO mapping's role (or organization) ids -> grants to mft_sso_mapping,
//	                     then the first mftUsersPerGrantsCall users
//	later calls:         users n .. n+mftUsersPerGrantsCall-1
//
// A user's roles and organizations are only in GET AdminUsers/{id}, one request per user; the details are
// kept in the sync's store, so the second type's walk reads them from there instead of asking MFT again.
// Only ids of live (not deleted) roles or organizations become grants, because a grant must name an
// entitlement that the sync emitted.
const (
	mftUsersPerGrantsCall = 25
	phaseMFTUsers         = "mft-users"
)

// mftGrantTarget says which id lists a walk reads and which entitlement they grant.
type mftGrantTarget struct {
	rt        *v2.ResourceType
	slug      string
	liveIDs   func(ctx context.Context, r mftSyncReads) (map[int32]bool, error)
	ofMapping func(m mft.SSOMapping) []int32
	ofUser    func(d mft.UserDetail) []int32
	// setOnMapping replaces the mapping's id list of this kind (and nothing else).
	setOnMapping func(m *mft.SSOMapping, ids []int32)
	description  string // for error sentences: "roles", "organizations"
}

var mftRoleGrantTarget = mftGrantTarget{
	rt:   mftRoleResourceType,
	slug: mftRoleAssignedSlug,
	liveIDs: func(ctx context.Context, r mftSyncReads) (map[int32]bool, error) {
		roles, err := r.liveRoles(ctx)
		return idSet(roles, func(role mft.Role) int32 { return role.ID }), err
	},
	ofMapping:    func(m mft.SSOMapping) []int32 { return m.RoleIDs },
	ofUser:       func(d mft.UserDetail) []int32 { return d.RoleIDs },
	setOnMapping: func(m *mft.SSOMapping, ids []int32) { m.RoleIDs = ids },
	description:  "roles",
}

var mftOrganizationGrantTarget = mftGrantTarget{
	rt:   mftOrganizationResourceType,
	slug: mftOrgMemberSlug,
	liveIDs: func(ctx context.Context, r mftSyncReads) (map[int32]bool, error) {
		orgs, err := r.liveOrganizations(ctx)
		return idSet(orgs, func(org mft.Organization) int32 { return org.ID }), err
	},
	ofMapping:    func(m mft.SSOMapping) []int32 { return m.OrganizationIDs },
	ofUser:       func(d mft.UserDetail) []int32 { return d.OrganizationIDs },
	setOnMapping: func(m *mft.SSOMapping, ids []int32) { m.OrganizationIDs = ids },
	description:  "organizations",
}

// idSet is the set of the items' ids.
func idSet[T any](items []T, id func(T) int32) map[int32]bool {
	ids := make(map[int32]bool, len(items))
	for _, item := range items {
		ids[id(item)] = true
	}
	return ids
}

// walkMFTGrants returns one call's grants of the target type and the next token ("" when done).
func walkMFTGrants(ctx context.Context, readsOf mftReadsOf, target mftGrantTarget, opts rs.SyncOpAttrs) ([]*v2.Grant, *rs.SyncOpResults, error) {
	reads, err := readsOf(opts)
	if err != nil {
		return nil, nil, err
	}
	tok, err := startWalk(opts.PageToken.Token, phaseMFTUsers)
	if err != nil {
		return nil, nil, err
	}
	offset, err := mftUserOffset(tok)
	if err != nil {
		return nil, nil, err
	}
	live, err := target.liveIDs(ctx, reads)
	if err != nil {
		return nil, nil, fmt.Errorf("listing MFT %s: %w", target.description, err)
	}
	var out []*v2.Grant
	add := func(ids []int32, principal *v2.ResourceId) {
		seen := map[int32]bool{}
		for _, id := range ids {
			if live[id] && !seen[id] {
				seen[id] = true
				out = append(out, grant.NewGrant(mftResourceStub(target.rt, id), target.slug, principal))
			}
		}
	}

	if offset == 0 {
		mappings, err := reads.mappings(ctx)
		if err != nil {
			return nil, nil, fmt.Errorf("listing MFT SSO mappings: %w", err)
		}
		for _, m := range mappings {
			add(target.ofMapping(m), mftResourceID(mftSSOMappingResourceType, m.ID))
		}
	}

	users, err := reads.users(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("listing MFT users: %w", err)
	}
	end := min(offset+mftUsersPerGrantsCall, len(users))
	ids := make([]int32, 0, end-offset)
	for _, u := range users[min(offset, end):end] {
		ids = append(ids, u.ID)
	}
	details, err := reads.userDetails(ctx, ids)
	if err != nil {
		return nil, nil, err
	}
	for _, id := range ids {
		if d, ok := details[id]; ok {
			add(target.ofUser(d), mftResourceID(mftUserResourceType, id))
		}
	}

	next := ""
	if end < len(users) {
		next = strconv.Itoa(end)
	}
	return out, tok.next(next), nil
}

// mftUserOffset reads the walk's position in the user list: "" is 0, later positions are positive numbers.
func mftUserOffset(tok *walk) (int, error) {
	if tok.token() == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(tok.token())
	if err != nil || n <= 0 || tok.resource() != "" {
		return 0, tok.refuse()
	}
	return n, nil
}
