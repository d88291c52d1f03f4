package connector

import (
	"context"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/conductorone/baton-sdk/pkg/connectorbuilder"
	"github.com/conductorone/baton-sdk/pkg/types/entitlement"
	"github.com/conductorone/baton-sdk/pkg/types/grant"
	rs "github.com/conductorone/baton-sdk/pkg/types/resource"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
)

// Privileges (docs/access-report.md). One privilege resource per privilege code that any synced role
// carries; id = the code, display name = the documented name. Its one entitlement privilege:<code>:has is
// granted to every role that carries the code, expandable from role:<roleId>:assigned, so grant expansion
// lists every user holding the privilege and the role it comes through. Read-only: built-in roles cannot
// change and a custom role's privileges are edited in Boomi.
//
// Both walks read the roles exactly as the role List does (Role query pages, then getAssignableRoles) from
// the per-sync caches, so no Role page is fetched twice.
const (
	privilegeHasSlug = "has"

	walkPrivileges     = "privilege"
	walkPrivilegeRoles = "privilege-role"
)

type privilegeBuilder struct {
	client *boomi.Client
	reads  *platformReads
}

var (
	_ connectorbuilder.ResourceSyncerV2       = (*privilegeBuilder)(nil)
	_ connectorbuilder.TypeScopedGrantsSyncer = (*privilegeBuilder)(nil)
)

func newPrivilegeBuilder(c *Boomi) *privilegeBuilder {
	return &privilegeBuilder{client: c.client, reads: c.platformReads()}
}

func (p *privilegeBuilder) ResourceType(_ context.Context) *v2.ResourceType {
	return privilegeResourceType
}

func privilegeEntitlementID(code string) string {
	return privilegeResourceType.GetId() + ":" + code + ":" + privilegeHasSlug
}

// List emits each privilege code on the page of the role walk where it first appears.
func (p *privilegeBuilder) List(ctx context.Context, _ *v2.ResourceId, opts rs.SyncOpAttrs) ([]*v2.Resource, *rs.SyncOpResults, error) {
	tok, st, err := p.reads.walkOf(opts, roleListPhases...)
	if err != nil {
		return nil, nil, err
	}
	roles, next, err := p.reads.rolesOfPhase(ctx, st, tok)
	if err != nil {
		return nil, nil, err
	}
	var codes []string
	for _, r := range roles {
		codes = append(codes, r.Privileges...)
	}
	fresh, err := firstSeenOn(ctx, st, walkPrivileges, tok.pageID(), codes)
	if err != nil {
		return nil, nil, err
	}
	var out []*v2.Resource
	emitted := map[string]bool{}
	for _, code := range codes {
		if !fresh[code] || emitted[code] {
			continue
		}
		emitted[code] = true
		res, err := newPrivilegeResource(code)
		if err != nil {
			return nil, nil, err
		}
		out = append(out, res)
	}
	return out, tok.next(next), nil
}

func newPrivilegeResource(code string) (*v2.Resource, error) {
	name := boomi.PrivilegeName(code)
	profile := map[string]any{"code": code, "name": name}
	return rs.NewResource(name, privilegeResourceType, code,
		rs.WithResourceProfile(profile), rs.WithDescription("Boomi privilege "+code))
}

// Entitlements: privilege:<code>:has, held by roles, never provisioned here.
func (p *privilegeBuilder) Entitlements(_ context.Context, res *v2.Resource, _ rs.SyncOpAttrs) ([]*v2.Entitlement, *rs.SyncOpResults, error) {
	code := res.GetId().GetResource()
	ent := entitlement.NewPermissionEntitlement(res, privilegeHasSlug,
		entitlement.WithGrantableTo(roleResourceType),
		entitlement.WithDisplayName(res.GetDisplayName()),
		entitlement.WithDescription("Holds the Boomi privilege "+res.GetDisplayName()+" ("+code+") through a role"),
		entitlement.WithAnnotation(v2.EntitlementImmutable_builder{SourceId: code}.Build()),
	)
	return []*v2.Entitlement{ent}, nil, nil
}

// GrantsForResourceType walks the roles twice (privilege_inheritance.go): first recording each role's
// parent and privileges, then granting each role its own and inherited privileges; a role the assignable
// phase repeats from the query phase is skipped.
func (p *privilegeBuilder) GrantsForResourceType(ctx context.Context, _ string, opts rs.SyncOpAttrs) ([]*v2.Grant, *rs.SyncOpResults, error) {
	tok, st, err := p.reads.walkOf(opts, privilegeGrantPhases...)
	if err != nil {
		return nil, nil, err
	}
	roles, next, err := p.reads.rolesOfPhase(ctx, st, tok)
	if err != nil {
		return nil, nil, err
	}
	pageID, phase := tok.pageID(), tok.phase()
	results := tok.next(next)
	if phase == phaseDefsQuery || phase == phaseDefsAssignable {
		return nil, results, storeRoleDefs(ctx, st, roles)
	}
	fresh, err := firstSeenOn(ctx, st, walkPrivilegeRoles, pageID, roleIDs(roles))
	if err != nil {
		return nil, nil, err
	}
	effective, err := effectivePrivileges(roles, storedDefs(ctx, st))
	if err != nil {
		return nil, nil, err
	}
	var out []*v2.Grant
	for _, r := range roles {
		if fresh[r.ID] {
			out = append(out, privilegeGrants(r.ID, effective[r.ID], "")...)
			fresh[r.ID] = false // a role listed twice on one page is granted once
		}
	}
	return out, results, nil
}

// Grants of one privilege (outside the type-scoped full sync): the roles of a fresh role walk that carry it.
func (p *privilegeBuilder) Grants(ctx context.Context, res *v2.Resource, _ rs.SyncOpAttrs) ([]*v2.Grant, *rs.SyncOpResults, error) {
	c := p.client
	roles, err := boomi.ReadAllPages(ctx, func(ctx context.Context, t string) (boomi.Page[boomi.Role], error) {
		return c.QueryRoles(ctx, nil, t)
	})
	if err != nil {
		return nil, nil, err
	}
	code := res.GetId().GetResource()
	effective, err := effectivePrivileges(roles, func([]string) (map[string]roleDef, error) { return nil, nil })
	if err != nil {
		return nil, nil, err
	}
	seen := map[string]bool{}
	var out []*v2.Grant
	for _, r := range roles {
		if !seen[r.ID] {
			seen[r.ID] = true
			out = append(out, privilegeGrants(r.ID, effective[r.ID], code)...)
		}
	}
	return out, nil, nil
}

// privilegeGrants grants the role each of privileges (only the privilege only, when set), each expandable
// to the role's holders.
func privilegeGrants(roleID string, privileges []string, only string) []*v2.Grant {
	if roleID == "" {
		return nil
	}
	role := resourceIDOf(roleResourceType, roleID)
	expand := v2.GrantExpandable_builder{EntitlementIds: []string{roleEntitlementID(roleID)}}.Build()
	var out []*v2.Grant
	done := map[string]bool{}
	for _, code := range privileges {
		if code == "" || done[code] || (only != "" && code != only) {
			continue
		}
		done[code] = true
		out = append(out, grant.NewGrant(resourceStub(privilegeResourceType, code), privilegeHasSlug, role, grant.WithAnnotation(expand)))
	}
	return out
}
