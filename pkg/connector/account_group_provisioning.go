package connector

import (
	"context"
	"fmt"
	"slices"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/conductorone/baton-sdk/pkg/annotations"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
)

// Account-group roles: a grant of account_group:<groupId>:<roleId> is one AccountGroupUserRole link
// (user U holds role R inside group G). Group links never decide whether a user stays in the account, so
// there is no last-role rule here; the user's provisioning lock is still taken so that reads and writes on
// one user never interleave.

// Grant gives the principal user the role inside the group. A second grant writes nothing.
func (g *accountGroupBuilder) Grant(ctx context.Context, principal *v2.Resource, ent *v2.Entitlement) ([]*v2.Grant, annotations.Annotations, error) {
	userID, err := principalUserID(principal)
	if err != nil {
		return nil, nil, err
	}
	groupID, roleID, err := groupRoleFromEntitlement(ent)
	if err != nil {
		return nil, nil, err
	}
	if err := checkRoleAssignable(roleID); err != nil {
		return nil, nil, err
	}
	c := g.client
	unlock, groupLinks, err := lockUserAndRead(ctx, c, userID, accountGroupUserRolesOf)
	if err != nil {
		return nil, nil, err
	}
	defer unlock()

	granted := newGrantFor(ent, principal)
	if len(groupLinksFor(groupLinks, groupID, roleID)) > 0 {
		return []*v2.Grant{granted}, annotations.New(&v2.GrantAlreadyExists{}), nil
	}
	// Boomi only adds existing platform users to account groups (it does not create users this way). A user
	// counts as known when the primary account lists them: through a role in the account itself or, for
	// group-only users, through a role in any of its account groups.
	if len(groupLinks) == 0 {
		accountLinks, err := accountUserRolesOf(ctx, c, userID)
		if err != nil {
			return nil, nil, err
		}
		if len(accountLinks) == 0 {
			return nil, nil, status.Errorf(codes.FailedPrecondition,
				"%s is not a user of Boomi account %s, and Boomi only adds existing users to account groups; create the user first (grant a global role or use --create-account-email)",
				userID, c.AccountID())
		}
	}
	notify := g.notifyUsers
	_, err = c.CreateAccountGroupUserRole(ctx, boomi.AccountGroupUserRole{AccountGroupID: groupID, UserID: userID, RoleID: roleID, NotifyUser: &notify})
	if err != nil {
		// A lost answer (drop, 5xx, unreadable body) may hide a link Boomi wrote: read again, never write twice.
		if outcomeUnknown(err) {
			if after, readErr := accountGroupUserRolesOf(ctx, c, userID); readErr == nil && len(groupLinksFor(after, groupID, roleID)) > 0 {
				return []*v2.Grant{granted}, nil, nil
			}
		}
		return nil, nil, fmt.Errorf("assigning role %s in account group %s to %s: %w", roleID, groupID, userID, err)
	}
	return []*v2.Grant{granted}, nil, nil
}

// Revoke removes the role inside the group from the principal user. A second revoke writes nothing.
func (g *accountGroupBuilder) Revoke(ctx context.Context, gr *v2.Grant) (annotations.Annotations, error) {
	userID, err := principalUserID(gr.GetPrincipal())
	if err != nil {
		return nil, err
	}
	groupID, roleID, err := groupRoleFromEntitlement(gr.GetEntitlement())
	if err != nil {
		return nil, err
	}
	c := g.client
	unlock, groupLinks, err := lockUserAndRead(ctx, c, userID, accountGroupUserRolesOf)
	if err != nil {
		return nil, err
	}
	defer unlock()

	target := groupLinksFor(groupLinks, groupID, roleID)
	if len(target) == 0 {
		return annotations.New(&v2.GrantAlreadyRevoked{}), nil
	}
	for _, l := range target {
		if err := c.DeleteAccountGroupUserRole(ctx, l.ID); err != nil {
			// A retried DELETE whose first answer was lost finds the link gone: what counts is the state.
			after, readErr := accountGroupUserRolesOf(ctx, c, userID)
			if readErr != nil || slices.ContainsFunc(after, func(a boomi.AccountGroupUserRole) bool { return a.ID == l.ID }) {
				return nil, fmt.Errorf("removing role %s in account group %s from %s: %w", roleID, groupID, userID, err)
			}
		}
	}
	return nil, nil
}

// groupLinksFor picks the links of one group and role.
func groupLinksFor(links []boomi.AccountGroupUserRole, groupID, roleID string) []boomi.AccountGroupUserRole {
	var out []boomi.AccountGroupUserRole
	for _, l := range links {
		if l.AccountGroupID == groupID && sameRole(l.RoleID, roleID) {
			out = append(out, l)
		}
	}
	return out
}
