package connector

import (
	"context"
	"strings"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/conductorone/baton-sdk/pkg/connectorbuilder"
	"github.com/conductorone/baton-sdk/pkg/types/entitlement"
	"github.com/conductorone/baton-sdk/pkg/types/grant"
	rs "github.com/conductorone/baton-sdk/pkg/types/resource"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
)

// Sub-accounts of a primary account. Boomi gives access to a sub-account only through account groups: a
// user holding role R in group G reaches every account in G with role R. To show that in an access review,
// each sub-account A has one entitlement per assignable role R, account:<A>:<R> ("R access via account
// groups"), and every AccountGroupAccount link (G contains A) becomes, for each R, a grant of account:A:R to
// the account group G that is expandable from account_group:G:R. After expansion, the users of G with R
// appear as holders of account:A:R, with G as the path.
//
// List reads the memberships, then Account query pages (Boomi returns the accounts the primary created,
// never the primary itself). On a non-primary account there are no sub-accounts and no account groups: the type is empty.
const (
	phaseSubAccounts = "accounts"
	// phaseGroupLinks is the one phase of the grants walks: AccountGroupAccount pages.
	phaseGroupLinks = "group-links"
)

type accountBuilder struct {
	client      *boomi.Client
	reads       *platformReads
	notifyUsers bool
	tree        treeSettings
	// subAccountForWrite is Boomi.subAccountForWrite: the client of a sub-account the connector may change.
	subAccountForWrite func(ctx context.Context, accountID string) (*boomi.Client, error)
}

var (
	_ connectorbuilder.ResourceSyncerV2       = (*accountBuilder)(nil)
	_ connectorbuilder.TypeScopedGrantsSyncer = (*accountBuilder)(nil)
)

func newAccountBuilder(c *Boomi) *accountBuilder {
	return &accountBuilder{
		client: c.client, reads: c.platformReads(), notifyUsers: c.notifyUsers, tree: c.tree,
		subAccountForWrite: c.subAccountForWrite,
	}
}

func (a *accountBuilder) ResourceType(_ context.Context) *v2.ResourceType { return accountResourceType }

// List walks the memberships (memberships.go), then the Account query pages.
func (a *accountBuilder) List(ctx context.Context, _ *v2.ResourceId, opts rs.SyncOpAttrs) ([]*v2.Resource, *rs.SyncOpResults, error) {
	if a.tree.enabled {
		// Primary-account mode lists the tree loadTree found instead of the Account query pages.
		return a.reads.listAfterMemberships(ctx, opts, phaseTreeAccounts, a.listTree)
	}
	return a.reads.listAfterMemberships(ctx, opts, phaseSubAccounts, a.listPage)
}

// listPage builds the sub-accounts of one Account query page.
func (a *accountBuilder) listPage(ctx context.Context, st syncCache, token string) ([]*v2.Resource, string, error) {
	page, err := a.reads.accountPage(ctx, st, token)
	if err != nil {
		return nil, "", err
	}
	groups, err := readIDSets(ctx, st, prefixGroupsOf, itemIDs(page.Items, func(a boomi.Account) string { return a.AccountID }))
	if err != nil {
		return nil, "", err
	}
	out := make([]*v2.Resource, 0, len(page.Items))
	listed := map[string]bool{}
	for _, acct := range page.Items {
		if acct.AccountID == "" || acct.AccountID == a.client.AccountID() {
			continue
		}
		res, err := newAccountResource(acct, groups[acct.AccountID], nil)
		if err != nil {
			return nil, "", err
		}
		out = append(out, res)
		listed[acct.AccountID] = true
	}
	// The grants walk only emits grants for accounts this sync listed (a group may also contain the primary).
	if err := setMany(ctx, st, prefixListed, listed); err != nil {
		return nil, "", err
	}
	return out, page.NextToken, nil
}

// newAccountResource builds a sub-account; extraProfile (may be nil) adds primary-account-mode fields.
func newAccountResource(acct boomi.Account, memberOf []string, extraProfile map[string]any) (*v2.Resource, error) {
	profile := map[string]any{
		"member_groups":   profileList(memberOf),
		"account_id":      acct.AccountID,
		"name":            acct.Name,
		"status":          acct.Status,
		"date_created":    acct.DateCreated,
		"expiration_date": acct.ExpirationDate,
		"support_level":   acct.SupportLevel,
		"widget_account":  acct.WidgetAccount,
		"over_deployed":   acct.OverDeployed,
	}
	name := acct.Name
	if name == "" {
		name = acct.AccountID
	}
	for k, v := range extraProfile {
		profile[k] = v
	}
	opts := []rs.ResourceOption{rs.WithResourceProfile(profile), rs.WithDescription("Boomi sub-account " + acct.AccountID)}
	switch strings.ToLower(acct.Status) {
	case "active", "trial", "unlimited":
		opts = append(opts, rs.WithResourceStatus(v2.Status_RESOURCE_STATUS_ENABLED, acct.Status))
	case "suspended":
		opts = append(opts, rs.WithResourceStatus(v2.Status_RESOURCE_STATUS_DISABLED, acct.Status))
	case "deleted":
		opts = append(opts, rs.WithResourceStatus(v2.Status_RESOURCE_STATUS_DELETED, acct.Status))
	}
	return rs.NewResource(name, accountResourceType, acct.AccountID, opts...)
}

// Entitlements: account:<A>:<R> for each assignable role R.
func (a *accountBuilder) Entitlements(ctx context.Context, res *v2.Resource, opts rs.SyncOpAttrs) ([]*v2.Entitlement, *rs.SyncOpResults, error) {
	st, err := a.reads.cacheOf(opts)
	if err != nil {
		return nil, nil, err
	}
	if a.tree.enabled {
		return a.treeEntitlements(ctx, res, st)
	}
	out, err := a.reads.entitlementPerAssignableRole(ctx, st, res, func(role boomi.Role, name string) []entitlement.EntitlementOption {
		return []entitlement.EntitlementOption{
			entitlement.WithGrantableTo(accountGroupResourceType, userResourceType),
			entitlement.WithDisplayName(name + " access to " + res.GetDisplayName() + " via account groups"),
			entitlement.WithDescription("Holds the Boomi role " + name + " in the sub-account " + res.GetDisplayName() +
				" through an account group that contains it"),
			// Access to a sub-account is changed through account groups, never on the account itself.
			entitlement.WithAnnotation(immutableRole(role.ID)),
		}
	})
	if err != nil {
		return nil, nil, err
	}
	return out, nil, nil
}

// GrantsForResourceType reads one AccountGroupAccount page per call, from the page cache the List walks
// filled; only the accounts this sync listed get grants.
func (a *accountBuilder) GrantsForResourceType(ctx context.Context, _ string, opts rs.SyncOpAttrs) ([]*v2.Grant, *rs.SyncOpResults, error) {
	if a.tree.enabled {
		return a.treeGrants(ctx, opts)
	}
	return linkGrantsPage(ctx, a.reads, opts, phaseGroupLinks, a.reads.groupAccountPage, a.grantsOfListedLinks)
}

// Grants of one sub-account (outside the type-scoped full sync): the groups that contain it.
func (a *accountBuilder) Grants(ctx context.Context, res *v2.Resource, opts rs.SyncOpAttrs) ([]*v2.Grant, *rs.SyncOpResults, error) {
	if a.tree.enabled {
		return a.treeGrantsOf(ctx, res.GetId().GetResource(), opts)
	}
	byAccount := filteredPages(a.client.QueryAccountGroupAccounts, boomi.Equals("accountId", res.GetId().GetResource()))
	return linkGrantsPage(ctx, a.reads, opts, phaseGroupLinks, byAccount, a.grantsOfAllLinks)
}

// grantsOfListedLinks are the grants of the links whose account this sync listed (a group may also contain
// the primary, which is no sub-account); the full sync's walk uses it.
func (a *accountBuilder) grantsOfListedLinks(ctx context.Context, st syncCache, links []boomi.AccountGroupAccount) ([]*v2.Grant, error) {
	return a.grantsOfLinks(ctx, st, links, true)
}

// grantsOfAllLinks are the grants of every link: the Grants of one sub-account asked for that account.
func (a *accountBuilder) grantsOfAllLinks(ctx context.Context, st syncCache, links []boomi.AccountGroupAccount) ([]*v2.Grant, error) {
	return a.grantsOfLinks(ctx, st, links, false)
}

// grantsOfLinks expands group-contains-account links into one expandable grant per assignable role. With
// onlyListed, links to accounts this sync did not list (the primary itself) are left out.
func (a *accountBuilder) grantsOfLinks(ctx context.Context, st syncCache, links []boomi.AccountGroupAccount, onlyListed bool) ([]*v2.Grant, error) {
	if len(links) == 0 {
		return nil, nil
	}
	roles, err := a.reads.assignableRoles(ctx, st)
	if err != nil {
		return nil, err
	}
	var listed map[string]bool
	if onlyListed {
		ids := itemIDs(links, func(l boomi.AccountGroupAccount) string { return l.AccountID })
		if listed, err = getMany[bool](ctx, st, prefixListed, ids); err != nil {
			return nil, err
		}
	}
	out := make([]*v2.Grant, 0, len(links)*len(roles))
	for _, l := range links {
		if l.AccountID == "" || l.AccountGroupID == "" {
			continue
		}
		if _, ok := listed[l.AccountID]; onlyListed && !ok {
			continue
		}
		account := resourceStub(accountResourceType, l.AccountID)
		group := resourceIDOf(accountGroupResourceType, l.AccountGroupID)
		for _, role := range roles {
			expand := v2.GrantExpandable_builder{
				EntitlementIds: []string{accountGroupEntitlementID(l.AccountGroupID, role.ID)},
			}.Build()
			out = append(out, grant.NewGrant(account, role.ID, group, grant.WithAnnotation(expand)))
		}
	}
	return out, nil
}
