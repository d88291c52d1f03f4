// Package c1zread loads the latest finished sync of a .c1z file into plain Go values, so end-to-end tests
// and the demo summary can look at what a sync produced without the baton CLI.
package c1zread

import (
	"context"
	"fmt"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/conductorone/baton-sdk/pkg/dotc1z"
	"github.com/conductorone/baton-sdk/pkg/dotc1z/c1zstore"
)

// Contents is everything one sync wrote.
type Contents struct {
	ResourceTypes []*v2.ResourceType
	// Resources by resource type id.
	Resources    map[string][]*v2.Resource
	Entitlements []*v2.Entitlement
	Grants       []*v2.Grant
}

// pageSize is the store's page size for each list call; large pages keep reads of big syncs quick.
const pageSize = 1000

// Read opens path read-only and returns the latest finished sync's resources, entitlements and grants.
func Read(ctx context.Context, path string) (*Contents, error) {
	store, err := dotc1z.NewStore(ctx, path, dotc1z.WithReadOnly(true))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	defer func() { _ = store.Close(ctx) }()

	latest, err := store.SyncMeta().LatestFinishedSyncOfAnyType(ctx)
	if err != nil {
		return nil, fmt.Errorf("find the latest sync in %s: %w", path, err)
	}
	if latest == nil {
		return nil, fmt.Errorf("%s holds no finished sync", path)
	}
	if err := store.SetCurrentSync(ctx, latest.ID); err != nil {
		return nil, fmt.Errorf("select sync %s: %w", latest.ID, err)
	}

	out := &Contents{Resources: map[string][]*v2.Resource{}}
	if out.ResourceTypes, err = readResourceTypes(ctx, store); err != nil {
		return nil, err
	}
	for _, rt := range out.ResourceTypes {
		rs, err := readResources(ctx, store, rt.GetId())
		if err != nil {
			return nil, err
		}
		out.Resources[rt.GetId()] = rs
	}
	if out.Entitlements, err = readEntitlements(ctx, store); err != nil {
		return nil, err
	}
	if out.Grants, err = readGrants(ctx, store); err != nil {
		return nil, err
	}
	return out, nil
}

// drain calls fetch with each next page token until the store says there are no more pages.
func drain[T any](what string, fetch func(token string) ([]T, string, error)) ([]T, error) {
	var out []T
	token := ""
	for {
		page, next, err := fetch(token)
		if err != nil {
			return nil, fmt.Errorf("list %s: %w", what, err)
		}
		out = append(out, page...)
		if next == "" {
			return out, nil
		}
		token = next
	}
}

func readResourceTypes(ctx context.Context, store c1zstore.Store) ([]*v2.ResourceType, error) {
	return drain("resource types", func(token string) ([]*v2.ResourceType, string, error) {
		resp, err := store.ListResourceTypes(ctx, v2.ResourceTypesServiceListResourceTypesRequest_builder{
			PageSize: pageSize, PageToken: token,
		}.Build())
		return resp.GetList(), resp.GetNextPageToken(), err
	})
}

func readResources(ctx context.Context, store c1zstore.Store, resourceTypeID string) ([]*v2.Resource, error) {
	return drain(resourceTypeID+" resources", func(token string) ([]*v2.Resource, string, error) {
		resp, err := store.ListResources(ctx, v2.ResourcesServiceListResourcesRequest_builder{
			ResourceTypeId: resourceTypeID, PageSize: pageSize, PageToken: token,
		}.Build())
		return resp.GetList(), resp.GetNextPageToken(), err
	})
}

func readEntitlements(ctx context.Context, store c1zstore.Store) ([]*v2.Entitlement, error) {
	return drain("entitlements", func(token string) ([]*v2.Entitlement, string, error) {
		resp, err := store.ListEntitlements(ctx, v2.EntitlementsServiceListEntitlementsRequest_builder{
			PageSize: pageSize, PageToken: token,
		}.Build())
		return resp.GetList(), resp.GetNextPageToken(), err
	})
}

func readGrants(ctx context.Context, store c1zstore.Store) ([]*v2.Grant, error) {
	return drain("grants", func(token string) ([]*v2.Grant, string, error) {
		resp, err := store.ListGrants(ctx, v2.GrantsServiceListGrantsRequest_builder{
			PageSize: pageSize, PageToken: token,
		}.Build())
		return resp.GetList(), resp.GetNextPageToken(), err
	})
}
