package e2e

import (
	"context"
	"testing"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/conductorone/baton-sdk/pkg/dotc1z"
	"github.com/conductorone/baton-sdk/pkg/dotc1z/c1zstore"
)

// grantKey identifies a grant by what it means: which entitlement, held by which principal.
type grantKey struct {
	Entitlement   string
	PrincipalType string
	PrincipalID   string
}

// c1zContents is what the latest finished sync of a .c1z holds, as plain maps. Counts keep every
// duplicate so "present exactly once" can be asserted.
type c1zContents struct {
	ResourceTypes map[string]*v2.ResourceType
	// Resources by resource type id, then resource id.
	Resources      map[string]map[string]*v2.Resource
	ResourceCounts map[string]map[string]int
	// Entitlements by entitlement id.
	Entitlements      map[string]*v2.Entitlement
	EntitlementCounts map[string]int
	// Grants by meaning, and by grant id.
	Grants      map[grantKey]*v2.Grant
	GrantCounts map[grantKey]int
	GrantIDs    map[string]int
}

// readC1Z opens path read-only with the SDK's store, selects the latest finished sync (the sequence the
// baton CLI uses, cmd/baton/store.go) and reads everything in it.
func readC1Z(t *testing.T, path string) *c1zContents {
	t.Helper()
	ctx := context.Background()
	store, err := dotc1z.NewStore(ctx, path, dotc1z.WithReadOnly(true), dotc1z.WithTmpDir(t.TempDir()))
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer func() { _ = store.Close(ctx) }()
	latest, err := store.SyncMeta().LatestFinishedSyncOfAnyType(ctx)
	if err != nil {
		t.Fatalf("latest finished sync in %s: %v", path, err)
	}
	if latest == nil {
		t.Fatalf("%s holds no finished sync", path)
	}
	if err := store.SetCurrentSync(ctx, latest.ID); err != nil {
		t.Fatalf("select sync %s: %v", latest.ID, err)
	}
	return readStore(t, ctx, store)
}

func readStore(t *testing.T, ctx context.Context, store c1zstore.Store) *c1zContents {
	t.Helper()
	c := &c1zContents{
		ResourceTypes:     map[string]*v2.ResourceType{},
		Resources:         map[string]map[string]*v2.Resource{},
		ResourceCounts:    map[string]map[string]int{},
		Entitlements:      map[string]*v2.Entitlement{},
		EntitlementCounts: map[string]int{},
		Grants:            map[grantKey]*v2.Grant{},
		GrantCounts:       map[grantKey]int{},
		GrantIDs:          map[string]int{},
	}
	for token := ""; ; {
		resp, err := store.ListResourceTypes(ctx, v2.ResourceTypesServiceListResourceTypesRequest_builder{PageToken: token}.Build())
		if err != nil {
			t.Fatalf("list resource types: %v", err)
		}
		for _, rt := range resp.GetList() {
			c.ResourceTypes[rt.GetId()] = rt
		}
		if token = resp.GetNextPageToken(); token == "" {
			break
		}
	}
	for token := ""; ; {
		resp, err := store.ListResources(ctx, v2.ResourcesServiceListResourcesRequest_builder{PageToken: token}.Build())
		if err != nil {
			t.Fatalf("list resources: %v", err)
		}
		for _, r := range resp.GetList() {
			rt, id := r.GetId().GetResourceType(), r.GetId().GetResource()
			if c.Resources[rt] == nil {
				c.Resources[rt] = map[string]*v2.Resource{}
				c.ResourceCounts[rt] = map[string]int{}
			}
			c.Resources[rt][id] = r
			c.ResourceCounts[rt][id]++
		}
		if token = resp.GetNextPageToken(); token == "" {
			break
		}
	}
	for token := ""; ; {
		resp, err := store.ListEntitlements(ctx, v2.EntitlementsServiceListEntitlementsRequest_builder{PageToken: token}.Build())
		if err != nil {
			t.Fatalf("list entitlements: %v", err)
		}
		for _, e := range resp.GetList() {
			c.Entitlements[e.GetId()] = e
			c.EntitlementCounts[e.GetId()]++
		}
		if token = resp.GetNextPageToken(); token == "" {
			break
		}
	}
	for token := ""; ; {
		resp, err := store.ListGrants(ctx, v2.GrantsServiceListGrantsRequest_builder{PageToken: token}.Build())
		if err != nil {
			t.Fatalf("list grants: %v", err)
		}
		for _, g := range resp.GetList() {
			k := grantKey{
				Entitlement:   g.GetEntitlement().GetId(),
				PrincipalType: g.GetPrincipal().GetId().GetResourceType(),
				PrincipalID:   g.GetPrincipal().GetId().GetResource(),
			}
			c.Grants[k] = g
			c.GrantCounts[k]++
			c.GrantIDs[g.GetId()]++
		}
		if token = resp.GetNextPageToken(); token == "" {
			break
		}
	}
	return c
}

// resourceIDs returns the ids of one resource type (empty set when the type has none).
func (c *c1zContents) resourceIDs(rt string) map[string]bool {
	out := map[string]bool{}
	for id := range c.Resources[rt] {
		out[id] = true
	}
	return out
}
