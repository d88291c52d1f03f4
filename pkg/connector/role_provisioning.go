package connector

import (
	"context"
	"fmt"
	"slices"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/conductorone/baton-sdk/pkg/annotations"
	"github.com/grpc-ecosystem/go-grpc-middleware/logging/zap/ctxzap"
	"go.uber.org/zap"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
)

// Global roles: a grant of role:<roleId>:assigned is one AccountUserRole link in the connector's account.
// The rules live in directRoles, which primary-account mode also applies to sub-accounts
// (accountBuilder.Grant): one implementation, parameterized by the account's client.
//
// Both directions use only the principal id (the Boomi user id) and the role id parsed from the
// entitlement id, take the user's provisioning lock, and decide on a fresh read of the user's links.

// directRoles applies the provisioning rules of direct roles (AccountUserRole links) in one account: the
// connector's own, or a sub-account through the Partner API. client.AccountID() names that account in
// lock keys and error sentences.
type directRoles struct {
	client *boomi.Client
	notify bool // --notify-users: let Boomi e-mail the user about a granted role
}

// Grant gives the principal user the role. A second grant finds the link and writes nothing.
func (r *roleBuilder) Grant(ctx context.Context, principal *v2.Resource, ent *v2.Entitlement) ([]*v2.Grant, annotations.Annotations, error) {
	userID, err := principalUserID(principal)
	if err != nil {
		return nil, nil, err
	}
	roleID, err := roleIDFromEntitlement(ent)
	if err != nil {
		return nil, nil, err
	}
	if err := checkRoleAssignable(roleID); err != nil {
		return nil, nil, err
	}
	return directRoles{client: r.client, notify: r.notifyUsers}.grant(ctx, principal, ent, userID, roleID)
}

// Revoke removes the role from the principal user (see directRoles.revoke).
func (r *roleBuilder) Revoke(ctx context.Context, g *v2.Grant) (annotations.Annotations, error) {
	userID, err := principalUserID(g.GetPrincipal())
	if err != nil {
		return nil, err
	}
	roleID, err := roleIDFromEntitlement(g.GetEntitlement())
	if err != nil {
		return nil, err
	}
	return directRoles{client: r.client, notify: r.notifyUsers}.revoke(ctx, userID, roleID)
}

// grant creates the user's link to roleID in the account unless a fresh read shows it already.
func (d directRoles) grant(ctx context.Context, principal *v2.Resource, ent *v2.Entitlement, userID, roleID string) ([]*v2.Grant, annotations.Annotations, error) {
	c := d.client
	unlock, links, err := lockUserAndRead(ctx, c, userID, accountUserRolesOf)
	if err != nil {
		return nil, nil, err
	}
	defer unlock()

	granted := newGrantFor(ent, principal)
	if holdsRole(links, roleID) {
		return []*v2.Grant{granted}, annotations.New(&v2.GrantAlreadyExists{}), nil
	}
	notify := d.notify
	if _, err := c.CreateAccountUserRole(ctx, boomi.AccountUserRole{UserID: userID, RoleID: roleID, NotifyUser: &notify}); err != nil {
		cause := fmt.Errorf("assigning role %s to %s in Boomi account %s: %w", roleID, userID, c.AccountID(), err)
		// The answer was lost (dropped connection, 5xx, unreadable body): Boomi may have written the link.
		// Read again; if the link is there, the grant is done — never create it a second time.
		if outcomeUnknown(err) {
			if after, readErr := accountUserRolesOf(ctx, c, userID); readErr == nil && holdsRole(after, roleID) {
				return []*v2.Grant{granted}, nil, nil
			}
		}
		return nil, nil, cause
	}
	return []*v2.Grant{granted}, nil, nil
}

// revoke removes roleID from the user without ever removing the user from the account:
// Boomi drops a user whose last AccountUserRole link is deleted, and this connector does not deprovision.
//
//   - role not held: GrantAlreadyRevoked, nothing written;
//   - another role remains: delete the link;
//   - it is the last role: assign Standard User (no e-mail), re-read, then delete the link;
//   - it is the last role and it is Standard User: refused with FailedPrecondition.
//
// After deleting, the user's roles are read once more: if another process removed the user's other role at
// the same moment (the per-user lock covers this process only), Boomi has just dropped the user, and the
// connector puts them back at once with Standard User and their federation id (see restoreIfRemoved).
func (d directRoles) revoke(ctx context.Context, userID, roleID string) (annotations.Annotations, error) {
	c := d.client
	unlock, links, err := lockUserAndRead(ctx, c, userID, accountUserRolesOf)
	if err != nil {
		return nil, err
	}
	defer unlock()

	target, others := splitByRole(links, roleID)
	if len(target) == 0 {
		return annotations.New(&v2.GrantAlreadyRevoked{}), nil
	}
	if len(others) == 0 {
		if sameRole(roleID, boomi.StandardUserRoleID) {
			return nil, status.Errorf(codes.FailedPrecondition,
				"Standard User is the only role %s holds in Boomi account %s and removing it would delete the user from the account, which this connector does not "+
					"support; remove the user in the Boomi UI instead",
				userID, c.AccountID())
		}
		if err := d.assignStandardUserFallback(ctx, userID); err != nil {
			return nil, err
		}
		ctxzap.Extract(ctx).Info("assigned Standard User before removing the user's last other role, so the user stays in the account",
			zap.String("user_id", userID), zap.String("role_id", roleID))
		// Re-read right before deleting: only delete when Boomi itself shows another role now.
		links, err = accountUserRolesOf(ctx, c, userID)
		if err != nil {
			return nil, err
		}
		target, others = splitByRole(links, roleID)
		if len(target) == 0 {
			return annotations.New(&v2.GrantAlreadyRevoked{}), nil
		}
		if len(others) == 0 {
			return nil, status.Errorf(codes.Aborted,
				"Boomi did not list the Standard User role for %s right after assigning it, so role %s was left in place to keep the user in the account; retry the revoke",
				userID, roleID)
		}
	}
	// Read before the delete what Boomi drops together with the user, so restoreIfRemoved can put it back.
	federations, err := userFederationsOf(ctx, c, userID)
	if err != nil {
		return nil, err
	}
	for _, l := range target {
		if err := c.DeleteAccountUserRole(ctx, l.ID); err != nil {
			// A retried DELETE whose first answer was lost finds the link gone and is refused; what counts
			// is whether the link still exists.
			after, readErr := accountUserRolesOf(ctx, c, userID)
			if readErr != nil || slices.ContainsFunc(after, func(a boomi.AccountUserRole) bool { return a.ID == l.ID }) {
				return nil, fmt.Errorf("removing role %s from %s: %w", roleID, userID, err)
			}
		}
	}
	if err := d.restoreIfRemoved(ctx, userID, roleID, federations); err != nil {
		return nil, err
	}
	return nil, nil
}

// restoreIfRemoved handles the race the per-user lock cannot see: another connector process (or a person in
// the Boomi UI) removed the user's other role while this process removed its own, so the user was left with
// no role and Boomi removed them from the account. The user is added back with Standard User (no e-mail)
// and the federation records read before the delete are recreated. What cannot be undone — Boomi revokes
// the user's API tokens for the account when it removes the user — is logged as an error.
func (d directRoles) restoreIfRemoved(ctx context.Context, userID, revokedRoleID string, federationsBefore []boomi.AccountUserFederation) error {
	c := d.client
	links, err := accountUserRolesOf(ctx, c, userID)
	if err != nil {
		return fmt.Errorf("role %s was removed from %s, but checking that the user is still in the account failed: %w", revokedRoleID, userID, err)
	}
	if len(links) > 0 {
		return nil
	}
	ctxzap.Extract(ctx).Error("a concurrent change outside this process removed the user's other role at the same time, so Boomi removed the user from "+
		"the account; adding the user back with Standard User (Boomi has revoked the user's API tokens for this account)",
		zap.String("user_id", userID), zap.String("revoked_role_id", revokedRoleID))
	if err := d.assignStandardUserFallback(ctx, userID); err != nil {
		// A concurrent repair may have won: only a user still without role is a failure.
		if again, readErr := accountUserRolesOf(ctx, c, userID); readErr != nil || len(again) == 0 {
			return status.Errorf(codes.Internal,
				"role %s was removed from %s while a concurrent change removed the user's other role, so Boomi removed the user from account %s, and adding the "+
					"user back failed (%v); add the user back in the Boomi UI",
				revokedRoleID, userID, c.AccountID(), err)
		}
	}
	now, err := userFederationsOf(ctx, c, userID)
	if err != nil {
		return fmt.Errorf("%s was added back to the account, but reading their federation id failed: %w", userID, err)
	}
	for _, f := range federationsBefore {
		if slices.ContainsFunc(now, func(r boomi.AccountUserFederation) bool { return r.FederationID == f.FederationID }) {
			continue
		}
		if _, err := c.CreateAccountUserFederation(ctx, boomi.AccountUserFederation{UserID: f.UserID, FederationID: f.FederationID}); err != nil {
			return fmt.Errorf("%s was added back to the account, but restoring their federation id %q failed (set it with the enable_sso action): %w", userID, f.FederationID, err)
		}
	}
	return nil
}

// assignStandardUserFallback gives the user Standard User so that removing their last other role keeps
// them in the account. No e-mail: the user is not new and the change is a safety net, not an access grant.
func (d directRoles) assignStandardUserFallback(ctx context.Context, userID string) error {
	notify := false
	_, err := d.client.CreateAccountUserRole(ctx, boomi.AccountUserRole{UserID: userID, RoleID: boomi.StandardUserRoleID, NotifyUser: &notify})
	if err != nil {
		return fmt.Errorf("assigning Standard User to %s so that the user stays in the account: %w", userID, err)
	}
	return nil
}

// splitByRole separates the links that carry roleID from the rest.
func splitByRole[L roleLink](links []L, roleID string) ([]L, []L) {
	var target, others []L
	for _, l := range links {
		if sameRole(l.GrantedRoleID(), roleID) {
			target = append(target, l)
		} else {
			others = append(others, l)
		}
	}
	return target, others
}
