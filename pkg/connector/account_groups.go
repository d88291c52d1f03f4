package connector

import (
	"context"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/conductorone/baton-sdk/pkg/connectorbuilder"
	"github.com/conductorone/baton-sdk/pkg/types/entitlement"
	"github.com/conductorone/baton-sdk/pkg/types/grant"
	rs "github.com/conductorone/baton-sdk/pkg/types/resource"
	"github.com/grpc-ecosystem/go-grpc-middleware/logging/zap/ctxzap"
	"go.uber.org/zap"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
)

// Account groups (primary accounts only; on any other account Boomi lists none and this type is empty).
// Entitlements: one per assignable role, account_group:<groupId>:<roleId>. Grants: one per
// AccountGroupUserRole link, from the page cache the users walk shares (GrantsForResourceType).

const (
	phaseGroups = "groups"
	// phaseGroupUserRoleLinks is the one phase of the grants walks: AccountGroupUserRole pages.
	phaseGroupUserRoleLinks = "group-user-roles"
)

type accountGroupBuilder struct {
	client      *boomi.Client
	reads       *platformReads
	notifyUsers bool
}

var (
	_ connectorbuilder.ResourceSyncerV2       = (*accountGroupBuilder)(nil)
	_ connectorbuilder.TypeScopedGrantsSyncer = (*accountGroupBuilder)(nil)
)

func newAccountGroupBuilder(c *Boomi) *accountGroupBuilder {
	return &accountGroupBuilder{client: c.client, reads: c.platformReads(), notifyUsers: c.notifyUsers}
}

func (g *accountGroupBuilder) ResourceType(_ context.Context) *v2.ResourceType {
	return accountGroupResourceType
}

// List walks the memberships (memberships.go), then the AccountGroup query pages.
func (g *accountGroupBuilder) List(ctx context.Context, _ *v2.ResourceId, opts rs.SyncOpAttrs) ([]*v2.Resource, *rs.SyncOpResults, error) {
	return g.reads.listAfterMemberships(ctx, opts, phaseGroups, g.listPage)
}

// listPage builds the account groups of one AccountGroup query page.
func (g *accountGroupBuilder) listPage(ctx context.Context, st syncCache, token string) ([]*v2.Resource, string, error) {
	page, err := g.reads.accountGroupPage(ctx, st, token)
	if err != nil {
		return nil, "", err
	}
	members, err := readIDSets(ctx, st, prefixAccountsOf, itemIDs(page.Items, func(g boomi.AccountGroup) string { return g.ID }))
	if err != nil {
		return nil, "", err
	}
	out := make([]*v2.Resource, 0, len(page.Items))
	for _, group := range page.Items {
		res, err := newAccountGroupResource(group, members[group.ID])
		if err != nil {
			return nil, "", err
		}
		out = append(out, res)
	}
	return out, page.NextToken, nil
}

func newAccountGroupResource(group boomi.AccountGroup, memberAccounts []string) (*v2.Resource, error) {
	profile := map[string]any{
		"member_accounts":            profileList(memberAccounts),
		"group_id":                   group.ID,
		"name":                       group.Name,
		"account_id":                 group.AccountID,
		"default_group":              group.DefaultGroup,
		"auto_subscribe_alert_level": group.AutoSubscribeAlertLevel,
	}
	name := group.Name
	if name == "" {
		name = group.ID
	}
	return rs.NewGroupResource(name, accountGroupResourceType, group.ID,
		[]rs.GroupTraitOption{rs.WithGroupProfile(profile)})
}

// Entitlements: one per assignable role (getAssignableRoles, read once per sync).
func (g *accountGroupBuilder) Entitlements(ctx context.Context, res *v2.Resource, opts rs.SyncOpAttrs) ([]*v2.Entitlement, *rs.SyncOpResults, error) {
	st, err := g.reads.cacheOf(opts)
	if err != nil {
		return nil, nil, err
	}
	out, err := g.reads.entitlementPerAssignableRole(ctx, st, res, func(role boomi.Role, name string) []entitlement.EntitlementOption {
		entOpts := []entitlement.EntitlementOption{
			entitlement.WithGrantableTo(userResourceType),
			entitlement.WithDisplayName(name + " in " + res.GetDisplayName()),
			entitlement.WithDescription("Holds the Boomi role " + name + " in every account of the account group " + res.GetDisplayName()),
		}
		if !roleIsAssignable(role.ID) {
			entOpts = append(entOpts, entitlement.WithAnnotation(immutableRole(role.ID)))
		}
		return entOpts
	})
	if err != nil {
		return nil, nil, err
	}
	return out, nil, nil
}

// entitlementPerAssignableRole is the entitlement list of an account group and of a sub-account: one
// entitlement per role the account can assign (getAssignableRoles, read once per sync) whose slug is the
// role id, so that a group's role and the sub-accounts the group reaches name the same role (the
// sub-account grants expand from account_group:<G>:<R>). optionsOf words each one (name is the role's
// display name).
func (r *platformReads) entitlementPerAssignableRole(ctx context.Context, st syncCache, res *v2.Resource,
	optionsOf func(role boomi.Role, name string) []entitlement.EntitlementOption,
) ([]*v2.Entitlement, error) {
	roles, err := r.assignableRoles(ctx, st)
	if err != nil {
		return nil, err
	}
	out := make([]*v2.Entitlement, 0, len(roles))
	for _, role := range roles {
		out = append(out, entitlement.NewAssignmentEntitlement(res, role.ID, optionsOf(role, roleDisplayName(role))...))
	}
	return out, nil
}

func roleDisplayName(role boomi.Role) string {
	if role.Name != "" {
		return role.Name
	}
	return role.ID
}

// GrantsForResourceType emits one grant per AccountGroupUserRole link, one Boomi page per call.
func (g *accountGroupBuilder) GrantsForResourceType(ctx context.Context, _ string, opts rs.SyncOpAttrs) ([]*v2.Grant, *rs.SyncOpResults, error) {
	return linkGrantsPage(ctx, g.reads, opts, phaseGroupUserRoleLinks, g.reads.groupUserRolePage, g.grantsOfLinks)
}

// Grants of one group (outside the type-scoped full sync): that group's links only.
func (g *accountGroupBuilder) Grants(ctx context.Context, res *v2.Resource, opts rs.SyncOpAttrs) ([]*v2.Grant, *rs.SyncOpResults, error) {
	byGroup := filteredPages(g.client.QueryAccountGroupUserRoles, boomi.Equals("accountGroupId", res.GetId().GetResource()))
	return linkGrantsPage(ctx, g.reads, opts, phaseGroupUserRoleLinks, byGroup, g.grantsOfLinks)
}

// grantsOfLinks turns links into grants. A link whose role is not assignable has no entitlement to point at
// (entitlements are one per assignable role), so it is left out and counted in a warning.
func (g *accountGroupBuilder) grantsOfLinks(ctx context.Context, st syncCache, links []boomi.AccountGroupUserRole) ([]*v2.Grant, error) {
	if len(links) == 0 {
		return nil, nil
	}
	roles, err := g.reads.assignableRoles(ctx, st)
	if err != nil {
		return nil, err
	}
	known := make(map[string]bool, len(roles))
	for _, r := range roles {
		known[r.ID] = true
	}
	out := make([]*v2.Grant, 0, len(links))
	skipped := 0
	for _, l := range links {
		if l.UserID == "" || l.AccountGroupID == "" || l.RoleID == "" {
			continue
		}
		if !known[l.RoleID] {
			skipped++
			continue
		}
		out = append(out, grant.NewGrant(resourceStub(accountGroupResourceType, l.AccountGroupID), l.RoleID,
			resourceIDOf(userResourceType, l.UserID)))
	}
	if skipped > 0 {
		ctxzap.Extract(ctx).Warn("account-group role links skipped: their role is not among the account's assignable roles",
			zap.Int("links", skipped))
	}
	return out, nil
}
