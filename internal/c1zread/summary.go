package c1zread

import (
	"fmt"
	"io"
	"sort"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
)

// WriteSummary prints a short human summary of a sync: how many resources of each type, which
// entitlements are granted most, and a few example grants.
func (c *Contents) WriteSummary(w io.Writer, top int) {
	fmt.Fprintln(w, "Resources:")
	types := make([]string, 0, len(c.Resources))
	for id := range c.Resources {
		types = append(types, id)
	}
	sort.Strings(types)
	for _, id := range types {
		fmt.Fprintf(w, "  %-18s %6d\n", id, len(c.Resources[id]))
	}
	fmt.Fprintf(w, "  %-18s %6d\n  %-18s %6d\n", "entitlements", len(c.Entitlements), "grants", len(c.Grants))

	names := c.displayNames()
	perEntitlement := map[string]int{}
	for _, g := range c.Grants {
		perEntitlement[g.GetEntitlement().GetId()]++
	}
	ids := make([]string, 0, len(perEntitlement))
	for id := range perEntitlement {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool {
		if perEntitlement[ids[i]] != perEntitlement[ids[j]] {
			return perEntitlement[ids[i]] > perEntitlement[ids[j]]
		}
		return ids[i] < ids[j]
	})
	fmt.Fprintf(w, "\nMost granted entitlements:\n")
	for _, id := range ids[:min(top, len(ids))] {
		fmt.Fprintf(w, "  %6d  %s\n", perEntitlement[id], names.entitlement(id))
	}

	fmt.Fprintf(w, "\nExample grants:\n")
	for _, g := range c.exampleGrants(top) {
		p := g.GetPrincipal().GetId()
		fmt.Fprintf(w, "  %s %q has %s\n", p.GetResourceType(), names.resource(p.GetResourceType(), p.GetResource()),
			names.entitlement(g.GetEntitlement().GetId()))
	}
}

// exampleGrants picks up to n grants that show the variety of the sync: first one for each kind (the
// entitlement's resource type with the principal's type), in order of appearance, then the next ones.
func (c *Contents) exampleGrants(n int) []*v2.Grant {
	var picked, rest []*v2.Grant
	kinds := map[string]bool{}
	for _, g := range c.Grants {
		kind := g.GetEntitlement().GetResource().GetId().GetResourceType() + "/" + g.GetPrincipal().GetId().GetResourceType()
		if !kinds[kind] && len(picked) < n {
			kinds[kind] = true
			picked = append(picked, g)
		} else if len(rest) < n {
			rest = append(rest, g)
		}
	}
	return append(picked, rest...)[:min(n, len(picked)+len(rest))]
}

type displayNames struct {
	resources    map[string]string
	entitlements map[string]string
}

func (c *Contents) displayNames() displayNames {
	n := displayNames{resources: map[string]string{}, entitlements: map[string]string{}}
	for typ, rs := range c.Resources {
		for _, r := range rs {
			n.resources[typ+"/"+r.GetId().GetResource()] = r.GetDisplayName()
		}
	}
	for _, e := range c.Entitlements {
		n.entitlements[e.GetId()] = e.GetDisplayName()
	}
	return n
}

func (n displayNames) resource(typ, id string) string {
	if name := n.resources[typ+"/"+id]; name != "" {
		return name
	}
	return id
}

func (n displayNames) entitlement(id string) string {
	if name := n.entitlements[id]; name != "" {
		return name
	}
	return id
}
