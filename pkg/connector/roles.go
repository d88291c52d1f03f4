package connector

import (
	"context"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/conductorone/baton-sdk/pkg/annotations"
	"github.com/conductorone/baton-sdk/pkg/connectorbuilder"
	"github.com/conductorone/baton-sdk/pkg/types/entitlement"
	"github.com/conductorone/baton-sdk/pkg/types/grant"
	rs "github.com/conductorone/baton-sdk/pkg/types/resource"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
)

// Roles. List walks, one Boomi request per call:
//
//	query       Role query pages from the page cache, shared with the privilege walks (built-in roles
//	            included: UNCONFIRMED(role-query-lists-builtin))
//	assignable  getAssignableRoles, read once per sync and shared with the account-group and account
//	            entitlements: emits any assignable role the query did not list
//
// Each role has one entitlement, role:<roleId>:assigned. Its grants come from the AccountUserRole walk
// (GrantsForResourceType), served by the page cache the users walk filled.
const (
	phaseRoleQuery      = "query"
	phaseRoleAssignable = "assignable"
	// phaseRoleLinks is the one phase of the grants walks: AccountUserRole pages.
	phaseRoleLinks = "user-roles"

	walkRoles          = "role"
	keyAssignableRoles = "assignable-roles"
)

var roleListPhases = []string{phaseRoleQuery, phaseRoleAssignable}

type roleBuilder struct {
	client      *boomi.Client
	reads       *platformReads
	notifyUsers bool
}

var (
	_ connectorbuilder.ResourceSyncerV2              = (*roleBuilder)(nil)
	_ connectorbuilder.TypeScopedGrantsSyncer        = (*roleBuilder)(nil)
	_ connectorbuilder.ResourceTargetedSyncerLimited = (*roleBuilder)(nil)
)

func newRoleBuilder(c *Boomi) *roleBuilder {
	return &roleBuilder{client: c.client, reads: c.platformReads(), notifyUsers: c.notifyUsers}
}

func (r *roleBuilder) ResourceType(_ context.Context) *v2.ResourceType { return roleResourceType }

func (r *roleBuilder) List(ctx context.Context, _ *v2.ResourceId, opts rs.SyncOpAttrs) ([]*v2.Resource, *rs.SyncOpResults, error) {
	tok, st, err := r.reads.walkOf(opts, roleListPhases...)
	if err != nil {
		return nil, nil, err
	}
	roles, next, err := r.reads.rolesOfPhase(ctx, st, tok)
	if err != nil {
		return nil, nil, err
	}
	fresh, err := firstSeenOn(ctx, st, walkRoles, tok.pageID(), roleIDs(roles))
	if err != nil {
		return nil, nil, err
	}
	out := make([]*v2.Resource, 0, len(roles))
	for _, role := range roles {
		if !fresh[role.ID] {
			continue
		}
		res, err := newRoleResource(role)
		if err != nil {
			return nil, nil, err
		}
		out = append(out, res)
	}
	return out, tok.next(next), nil
}

// rolesOfPhase reads the roles of one page of the two-phase role walk, with Boomi's next token for the
// phase. The role List, the privilege List and the privilege grants (its definition phases and its grant
// phases) walk the same pages, so they all read them through this one switch.
func (r *platformReads) rolesOfPhase(ctx context.Context, st syncCache, tok *walk) ([]boomi.Role, string, error) {
	switch tok.phase() {
	case phaseRoleQuery, phaseDefsQuery:
		page, err := r.rolePage(ctx, st, tok.token())
		return page.Items, page.NextToken, err
	case phaseRoleAssignable, phaseDefsAssignable:
		roles, err := r.assignableRoles(ctx, st)
		return roles, "", err
	}
	return nil, "", tok.refuse()
}

func roleIDs(roles []boomi.Role) []string {
	return itemIDs(roles, func(r boomi.Role) string { return r.ID })
}

func newRoleResource(role boomi.Role) (*v2.Resource, error) {
	privileges := make([]any, 0, len(role.Privileges))
	for _, p := range role.Privileges {
		privileges = append(privileges, p)
	}
	profile := map[string]any{
		"role_id":     role.ID,
		"name":        role.Name,
		"description": role.Description,
		"built_in":    role.BuiltIn(),
		"privileges":  privileges,
		"parent_id":   role.ParentID,
		"account_id":  role.AccountID,
		"assignable":  roleIsAssignable(role.ID),
	}
	name := role.Name
	if name == "" {
		name = role.ID
	}
	return rs.NewRoleResource(name, roleResourceType, role.ID,
		[]rs.RoleTraitOption{rs.WithRoleProfile(profile)},
		rs.WithDescription(role.Description))
}

// Entitlements: role:<roleId>:assigned. Roles the API cannot assign carry EntitlementImmutable.
func (r *roleBuilder) Entitlements(_ context.Context, res *v2.Resource, _ rs.SyncOpAttrs) ([]*v2.Entitlement, *rs.SyncOpResults, error) {
	opts := []entitlement.EntitlementOption{
		entitlement.WithGrantableTo(userResourceType),
		entitlement.WithDisplayName(res.GetDisplayName() + " role"),
		entitlement.WithDescription("Holds the Boomi role " + res.GetDisplayName() + " in the account"),
	}
	if !roleIsAssignable(res.GetId().GetResource()) {
		opts = append(opts, entitlement.WithAnnotation(immutableRole(res.GetId().GetResource())))
	}
	return []*v2.Entitlement{entitlement.NewAssignmentEntitlement(res, roleAssignedSlug, opts...)}, nil, nil
}

// immutableRole marks an entitlement Boomi's API cannot grant (non-canonical role id, docs/architecture.md#resource-model).
func immutableRole(roleID string) *v2.EntitlementImmutable {
	return v2.EntitlementImmutable_builder{SourceId: roleID}.Build()
}

// GrantsForResourceType emits one grant per AccountUserRole link, one Boomi page per call, from the page
// cache the users walk shares.
func (r *roleBuilder) GrantsForResourceType(ctx context.Context, _ string, opts rs.SyncOpAttrs) ([]*v2.Grant, *rs.SyncOpResults, error) {
	return linkGrantsPage(ctx, r.reads, opts, phaseRoleLinks, r.reads.userRolePage, grantsFromLinks(roleGrants))
}

// Grants of one role (outside the type-scoped full sync): the links of that role only.
func (r *roleBuilder) Grants(ctx context.Context, res *v2.Resource, opts rs.SyncOpAttrs) ([]*v2.Grant, *rs.SyncOpResults, error) {
	byRole := filteredPages(r.client.QueryAccountUserRoles, boomi.Equals("roleId", res.GetId().GetResource()))
	return linkGrantsPage(ctx, r.reads, opts, phaseRoleLinks, byRole, grantsFromLinks(roleGrants))
}

func roleGrants(links []boomi.AccountUserRole) []*v2.Grant {
	out := make([]*v2.Grant, 0, len(links))
	for _, l := range links {
		if l.UserID == "" || l.RoleID == "" {
			continue
		}
		out = append(out, grant.NewGrant(resourceStub(roleResourceType, l.RoleID), roleAssignedSlug,
			resourceIDOf(userResourceType, l.UserID)))
	}
	return out
}

// Get reads one role for a targeted sync (GET /Role/{id}).
func (r *roleBuilder) Get(ctx context.Context, id *v2.ResourceId, _ *v2.ResourceId) (*v2.Resource, annotations.Annotations, error) {
	role, err := r.client.GetRole(ctx, id.GetResource())
	if err != nil {
		return nil, nil, err
	}
	res, err := newRoleResource(role)
	return res, nil, err
}

// assignableRoles returns getAssignableRoles, read once per sync and kept in the sync's cache.
func (r *platformReads) assignableRoles(ctx context.Context, st syncCache) ([]boomi.Role, error) {
	return cachedRoles(ctx, st, prefixOnce, keyAssignableRoles, r.client.GetAssignableRoles)
}

// cachedRoles returns the roles stored under prefix+key, or reads them with one request and stores them
// (cachedEntry). They are stored as roleRecords: boomi.Role's own JSON does not read back.
func cachedRoles(ctx context.Context, st syncCache, prefix, key string, read func(context.Context) ([]boomi.Role, error)) ([]boomi.Role, error) {
	records, err := cachedEntry(ctx, st, prefix, key, func(ctx context.Context) ([]roleRecord, error) {
		roles, err := read(ctx)
		return roleRecords(roles), err
	})
	return rolesOfRecords(records), err
}
