package connector

import (
	"context"
	"fmt"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/conductorone/baton-sdk/pkg/annotations"
	"github.com/grpc-ecosystem/go-grpc-middleware/logging/zap/ctxzap"
	"go.uber.org/zap"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
)

// Global roles: a grant of role:<roleId>:assigned is one AccountUserRole link in the connector's account.
//
// Both directions use only the principal id (the Boomi user id) and the role id parsed from the
// entitlement id, take the user's provisioning lock, and decide on a fresh read of the user's links.

// Grant gives the principal user the role. A second grant finds the link and writes nothing.
func (r *roleBuilder) Grant(ctx context.Context, principal *v2.Resource, ent *v2.Entitlement) ([]*v2.Grant, annotations.Annotations, error) {
	userID, err := principalUserID(principal)
	if err != nil {
		return nil, nil, err
	}
	roleID, err := globalRoleIDFromEntitlement(ent)
	if err != nil {
		return nil, nil, err
	}
	// Before any request: Boomi refuses roles whose ids are not canonical UUIDs (DESIGN §3).
	if !boomi.IsCanonicalRoleID(roleID) {
		return nil, nil, status.Errorf(codes.InvalidArgument,
			"role %q cannot be assigned through the Boomi API because its id is not a canonical UUID; assign it in the Boomi UI instead", roleID)
	}
	c := r.conn.client
	unlock, err := provisioningLocks.lock(ctx, userLockKey(c.AccountID(), userID))
	if err != nil {
		return nil, nil, err
	}
	defer unlock()

	links, err := accountUserRolesOf(ctx, c, userID)
	if err != nil {
		return nil, nil, err
	}
	granted := newGrantFor(ent, principal)
	if holdsRole(links, roleID) {
		return []*v2.Grant{granted}, annotations.New(&v2.GrantAlreadyExists{}), nil
	}
	notify := r.conn.notifyUsers
	if _, err := c.CreateAccountUserRole(ctx, boomi.AccountUserRole{UserID: userID, RoleID: roleID, NotifyUser: &notify}); err != nil {
		return nil, nil, fmt.Errorf("assigning role %s to %s: %w", roleID, userID, err)
	}
	return []*v2.Grant{granted}, nil, nil
}

// Revoke removes the role from the principal user without ever removing the user from the account:
// Boomi drops a user whose last AccountUserRole link is deleted, and this connector does not deprovision.
//
//   - role not held: GrantAlreadyRevoked, nothing written;
//   - another role remains: delete the link;
//   - it is the last role: assign Standard User (no e-mail), re-read, then delete the link;
//   - it is the last role and it is Standard User: refused with FailedPrecondition.
func (r *roleBuilder) Revoke(ctx context.Context, g *v2.Grant) (annotations.Annotations, error) {
	userID, err := principalUserID(g.GetPrincipal())
	if err != nil {
		return nil, err
	}
	roleID, err := globalRoleIDFromEntitlement(g.GetEntitlement())
	if err != nil {
		return nil, err
	}
	c := r.conn.client
	unlock, err := provisioningLocks.lock(ctx, userLockKey(c.AccountID(), userID))
	if err != nil {
		return nil, err
	}
	defer unlock()

	links, err := accountUserRolesOf(ctx, c, userID)
	if err != nil {
		return nil, err
	}
	target, others := splitByRole(links, roleID)
	if len(target) == 0 {
		return annotations.New(&v2.GrantAlreadyRevoked{}), nil
	}
	if len(others) == 0 {
		if sameRole(roleID, boomi.StandardUserRoleID) {
			return nil, status.Errorf(codes.FailedPrecondition,
				"Standard User is the only role %s holds in Boomi account %s and removing it would delete the user from the account, which this connector does not support; remove the user in the Boomi UI instead",
				userID, c.AccountID())
		}
		if err := r.assignStandardUserFallback(ctx, userID); err != nil {
			return nil, err
		}
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
	for _, l := range target {
		if err := c.DeleteAccountUserRole(ctx, l.ID); err != nil {
			return nil, fmt.Errorf("removing role %s from %s: %w", roleID, userID, err)
		}
	}
	return nil, nil
}

// assignStandardUserFallback gives the user Standard User so that removing their last other role keeps
// them in the account. No e-mail: the user is not new and the change is a safety net, not an access grant.
func (r *roleBuilder) assignStandardUserFallback(ctx context.Context, userID string) error {
	notify := false
	_, err := r.conn.client.CreateAccountUserRole(ctx, boomi.AccountUserRole{UserID: userID, RoleID: boomi.StandardUserRoleID, NotifyUser: &notify})
	if err != nil {
		return fmt.Errorf("assigning Standard User to %s before removing their last role: %w", userID, err)
	}
	ctxzap.Extract(ctx).Info("assigned Standard User before removing the user's last other role, so the user stays in the account",
		zap.String("user_id", userID))
	return nil
}

// splitByRole separates the links that carry roleID from the rest.
func splitByRole(links []boomi.AccountUserRole, roleID string) (target, others []boomi.AccountUserRole) {
	for _, l := range links {
		if sameRole(l.RoleID, roleID) {
			target = append(target, l)
		} else {
			others = append(others, l)
		}
	}
	return target, others
}
