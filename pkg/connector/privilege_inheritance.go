package connector

import (
	"context"
	"fmt"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
)

// A custom role inherits the privileges of the role its parentId names (Boomi's "Adding, editing, and
// deleting user roles" page: a custom role can inherit an available role and its privileges, plus the
// privileges assigned to it). Whether Boomi's Role object already lists the inherited privileges is not
// published, so the privilege grants give each role the union of its own list and its ancestors' lists:
// right in both cases, because the union adds nothing when Boomi lists them already.
//
// The grants walk first records every role's parent and own privileges (prefixRoleDef) over the
// same cached pages, then emits; the chain is followed at most maxRoleDepth steps and never around a loop.
const (
	phaseDefsQuery      = "defs-query"
	phaseDefsAssignable = "defs-assignable"

	maxRoleDepth = 10
)

// privilegeGrantPhases: record the definitions (query, assignable), then emit (query, assignable).
var privilegeGrantPhases = []string{phaseDefsQuery, phaseDefsAssignable, phaseRoleQuery, phaseRoleAssignable}

// roleDef is what the inheritance needs of a role.
type roleDef struct {
	Parent     string   `json:"p,omitempty"`
	Privileges []string `json:"v,omitempty"`
}

func defOf(r boomi.Role) roleDef { return roleDef{Parent: r.ParentID, Privileges: r.Privileges} }

// storeRoleDefs records the definitions of one page of roles.
func storeRoleDefs(ctx context.Context, st syncCache, roles []boomi.Role) error {
	values := map[string]roleDef{}
	for _, r := range roles {
		if r.ID != "" {
			values[r.ID] = defOf(r)
		}
	}
	if err := setMany(ctx, st, prefixRoleDef, values); err != nil {
		return fmt.Errorf("storing the roles' parents and privileges: %w", err)
	}
	return nil
}

// storedDefs looks up the recorded definitions of ids (absent ones are unknown roles).
func storedDefs(ctx context.Context, st syncCache) func(ids []string) (map[string]roleDef, error) {
	return func(ids []string) (map[string]roleDef, error) {
		defs, err := getMany[roleDef](ctx, st, prefixRoleDef, ids)
		if err != nil {
			return nil, fmt.Errorf("reading the roles' parents and privileges: %w", err)
		}
		return defs, nil
	}
}

// effectivePrivileges returns, for each role, its own privileges followed by those it inherits, without
// repeats. lookup resolves the definitions of ancestors the roles themselves do not include.
func effectivePrivileges(roles []boomi.Role, lookup func(ids []string) (map[string]roleDef, error)) (map[string][]string, error) {
	defs := map[string]roleDef{}
	for _, r := range roles {
		defs[r.ID] = defOf(r)
	}
	asked := map[string]bool{}
	for range maxRoleDepth {
		var missing []string
		for _, d := range defs {
			if p := d.Parent; p != "" && !asked[p] {
				if _, known := defs[p]; !known {
					missing = append(missing, p)
				}
				asked[p] = true
			}
		}
		if len(missing) == 0 {
			break
		}
		found, err := lookup(missing)
		if err != nil {
			return nil, err
		}
		for id, d := range found {
			defs[id] = d
		}
	}
	out := make(map[string][]string, len(roles))
	for _, r := range roles {
		seen := map[string]bool{}
		var privs []string
		visited := map[string]bool{}
		for id := r.ID; id != "" && !visited[id] && len(visited) <= maxRoleDepth; id = defs[id].Parent {
			visited[id] = true
			for _, p := range defs[id].Privileges {
				if p != "" && !seen[p] {
					seen[p] = true
					privs = append(privs, p)
				}
			}
		}
		out[r.ID] = privs
	}
	return out, nil
}
