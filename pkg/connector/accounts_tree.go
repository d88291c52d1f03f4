package connector

import (
	"context"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/conductorone/baton-sdk/pkg/types/entitlement"
	rs "github.com/conductorone/baton-sdk/pkg/types/resource"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
)

// The account type in primary-account mode (tree.go). Each sub-account the sync found is a resource; its
// entitlements account:<A>:<R> are the roles assignable in A (A's own getAssignableRoles, custom roles
// included) plus the primary's roles its account groups hand out; the grants are today's expandable grants
// to account groups followed by one grant per AccountUserRole link of A to the user holding it.
const (
	phaseTreeAccounts     = "tree"
	phaseTreeGroupGrants  = "groups"
	phaseTreeDirectGrants = "direct"
)

var treeGrantPhases = []string{phaseTreeGroupGrants, phaseTreeDirectGrants}

// listTree emits every sub-account of the tree that the sync could read, in one call (the tree is already
// in memory: loadTree read it).
func (a *accountBuilder) listTree(ctx context.Context, st syncCache, _ string) ([]*v2.Resource, string, error) {
	rec, err := a.reads.loadTree(ctx, st)
	if err != nil {
		return nil, "", err
	}
	groups, err := readIDSets(ctx, st, prefixGroupsOf, itemIDs(rec.Accounts, func(sa subAccount) string { return sa.Account.AccountID }))
	if err != nil {
		return nil, "", err
	}
	var out []*v2.Resource
	listed := map[string]bool{}
	for _, sa := range rec.Accounts {
		if !sa.Listed {
			continue
		}
		extra := map[string]any{
			"parent_account_id": sa.ParentID,
			"governed":          sa.Skip == "",
		}
		if sa.Skip != "" {
			extra["skip_reason"] = sa.Skip
		}
		res, err := newAccountResource(sa.Account, groups[sa.Account.AccountID], extra)
		if err != nil {
			return nil, "", err
		}
		out = append(out, res)
		listed[sa.Account.AccountID] = true
	}
	if err := setMany(ctx, st, prefixListed, listed); err != nil {
		return nil, "", err
	}
	return out, "", nil
}

// accountRole is one role of a sub-account's entitlement list.
type accountRole struct {
	role boomi.Role
	// direct: assignable in the sub-account itself, so a grant to a user can create the link.
	direct bool
}

// treeEntitlements lists account:<A>:<R> for the primary's assignable roles (reachable through account
// groups), A's own assignable roles, and any role A's links hold that neither list names (so every direct
// grant has its entitlement).
func (a *accountBuilder) treeEntitlements(ctx context.Context, res *v2.Resource, st syncCache) ([]*v2.Entitlement, *rs.SyncOpResults, error) {
	accountID := res.GetId().GetResource()
	rec, err := a.reads.loadTree(ctx, st)
	if err != nil {
		return nil, nil, err
	}
	primaryRoles, err := a.reads.assignableRoles(ctx, st)
	if err != nil {
		return nil, nil, err
	}
	var order []string
	byID := map[string]*accountRole{}
	add := func(role boomi.Role, direct bool) {
		if role.ID == "" {
			return
		}
		if e, ok := byID[role.ID]; ok {
			e.direct = e.direct || direct
			if e.role.Name == "" {
				e.role.Name = role.Name
			}
			return
		}
		order = append(order, role.ID)
		byID[role.ID] = &accountRole{role: role, direct: direct}
	}
	for _, r := range primaryRoles {
		add(r, false)
	}
	sa, _ := rec.find(accountID)
	governed := sa.Skip == "" && sa.Listed
	if governed {
		own, err := a.reads.subAccountAssignableRoles(ctx, st, accountID)
		if err != nil {
			return nil, nil, err
		}
		for _, r := range own {
			add(r, true)
		}
		links, err := boomi.ReadAllPages(ctx, func(ctx context.Context, t string) (boomi.Page[boomi.AccountUserRole], error) {
			return a.reads.subAccountUserRolePage(ctx, st, accountID, t)
		})
		if err != nil {
			return nil, nil, err
		}
		for _, l := range links {
			add(boomi.Role{ID: l.RoleID}, false)
		}
	}
	out := make([]*v2.Entitlement, 0, len(order))
	for _, id := range order {
		e := byID[id]
		name := roleDisplayName(e.role)
		how := "through an account group that contains it"
		if governed {
			how = "directly or through an account group that contains it"
		}
		opts := []entitlement.EntitlementOption{
			entitlement.WithGrantableTo(accountGroupResourceType, userResourceType),
			entitlement.WithDisplayName(name + " in " + res.GetDisplayName()),
			entitlement.WithDescription("Holds the Boomi role " + name + " in the sub-account " + res.GetDisplayName() + ", " + how),
		}
		if !governed || !e.direct || !roleIsAssignable(id) {
			opts = append(opts, entitlement.WithAnnotation(immutableRole(id)))
		}
		out = append(out, entitlement.NewAssignmentEntitlement(res, id, opts...))
	}
	return out, nil, nil
}

// treeGrants is the type-scoped grants walk: the AccountGroupAccount pages (expandable group grants, as
// without the mode), then the governed sub-accounts' link pages (direct user grants).
func (a *accountBuilder) treeGrants(ctx context.Context, opts rs.SyncOpAttrs) ([]*v2.Grant, *rs.SyncOpResults, error) {
	tok, st, err := a.reads.walkOf(opts, treeGrantPhases...)
	if err != nil {
		return nil, nil, err
	}
	var grants []*v2.Grant
	var next *rs.SyncOpResults
	switch tok.phase() {
	case phaseTreeGroupGrants:
		page, err := a.reads.groupAccountPage(ctx, st, tok.token())
		if err != nil {
			return nil, nil, err
		}
		if grants, err = a.grantsOfLinks(ctx, st, page.Items, true); err != nil {
			return nil, nil, err
		}
		next = tok.next(page.NextToken)
	case phaseTreeDirectGrants:
		page, err := a.reads.treeLinkPage(ctx, st, tok)
		if err != nil {
			return nil, nil, err
		}
		grants, next = directAccountGrants(page.account, page.Items), page.advance(tok)
	default:
		return nil, nil, tok.refuse()
	}
	return grants, next, nil
}

// treeGrantsOf is the grants of one sub-account outside the type-scoped walk: its group links, then its
// own user links when it is governed.
func (a *accountBuilder) treeGrantsOf(ctx context.Context, accountID string, opts rs.SyncOpAttrs) ([]*v2.Grant, *rs.SyncOpResults, error) {
	tok, st, err := a.reads.walkOf(opts, treeGrantPhases...)
	if err != nil {
		return nil, nil, err
	}
	var grants []*v2.Grant
	next := ""
	switch tok.phase() {
	case phaseTreeGroupGrants:
		page, err := a.client.QueryAccountGroupAccounts(ctx, boomi.Equals("accountId", accountID), tok.token())
		if err != nil {
			return nil, nil, err
		}
		if grants, err = a.grantsOfLinks(ctx, st, page.Items, false); err != nil {
			return nil, nil, err
		}
		next = page.NextToken
	case phaseTreeDirectGrants:
		rec, err := a.reads.loadTree(ctx, st)
		if err != nil {
			return nil, nil, err
		}
		if sa, ok := rec.find(accountID); !ok || sa.Skip != "" {
			break
		}
		page, err := a.reads.subAccountUserRolePage(ctx, st, accountID, tok.token())
		if err != nil {
			return nil, nil, err
		}
		grants, next = directAccountGrants(accountID, page.Items), page.NextToken
	default:
		return nil, nil, tok.refuse()
	}
	return grants, tok.next(next), nil
}
