package e2e

import (
	"context"
	"testing"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"

	"github.com/baton-boomi/baton-boomi/internal/c1zread"
)

// grantKey identifies a grant by what it means: which entitlement, held by which principal.
type grantKey struct {
	Entitlement   string
	PrincipalType string
	PrincipalID   string
}

// c1zContents is what the latest finished sync of a .c1z holds, as plain maps for lookups, and as read
// (Raw, duplicates kept) for syncexpect.Compare to assert "present exactly once".
type c1zContents struct {
	Raw           *c1zread.Contents
	ResourceTypes map[string]*v2.ResourceType
	// Resources by resource type id, then resource id.
	Resources map[string]map[string]*v2.Resource
	// Entitlements by entitlement id.
	Entitlements map[string]*v2.Entitlement
	// Grants by meaning.
	Grants map[grantKey]*v2.Grant
}

// readC1Z reads the latest finished sync of path with internal/c1zread (the SDK's read-only store, the
// sequence the baton CLI uses) and indexes it.
func readC1Z(t *testing.T, path string) *c1zContents {
	t.Helper()
	raw, err := c1zread.Read(context.Background(), path)
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	c := &c1zContents{
		Raw:           raw,
		ResourceTypes: map[string]*v2.ResourceType{},
		Resources:     map[string]map[string]*v2.Resource{},
		Entitlements:  map[string]*v2.Entitlement{},
		Grants:        map[grantKey]*v2.Grant{},
	}
	for _, rt := range raw.ResourceTypes {
		c.ResourceTypes[rt.GetId()] = rt
	}
	for _, list := range raw.Resources {
		for _, r := range list {
			rt, id := r.GetId().GetResourceType(), r.GetId().GetResource()
			if c.Resources[rt] == nil {
				c.Resources[rt] = map[string]*v2.Resource{}
			}
			c.Resources[rt][id] = r
		}
	}
	for _, e := range raw.Entitlements {
		c.Entitlements[e.GetId()] = e
	}
	for _, g := range raw.Grants {
		k := grantKey{
			Entitlement:   g.GetEntitlement().GetId(),
			PrincipalType: g.GetPrincipal().GetId().GetResourceType(),
			PrincipalID:   g.GetPrincipal().GetId().GetResource(),
		}
		c.Grants[k] = g
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
