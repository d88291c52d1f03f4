package connector

import (
	"context"
	"strings"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/conductorone/baton-sdk/pkg/annotations"
	"github.com/conductorone/baton-sdk/pkg/connectorbuilder"
	"github.com/grpc-ecosystem/go-grpc-middleware/logging/zap/ctxzap"
	"go.uber.org/zap"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
)

// Environment access: a grant of environment:<environmentId>:access to a role is one EnvironmentRole link.
// Both directions decide on a fresh query of the environment's links, never on the sync's cache, so a
// second grant or revoke finds the work done and writes nothing.

var _ connectorbuilder.ResourceProvisionerV2 = (*environmentBuilder)(nil)

// environmentFromEntitlement returns the environment id of "environment:<environmentId>:access".
func environmentFromEntitlement(ent *v2.Entitlement) (string, error) {
	return singleSlugEntitlement(ent, environmentResourceType, environmentAccessSlug, "environment")
}

// principalRoleID returns the Boomi role id of a grant principal: environments are opened to roles only.
func principalRoleID(principal *v2.Resource) (string, error) {
	id := principal.GetId()
	if id.GetResourceType() != roleResourceType.GetId() || strings.TrimSpace(id.GetResource()) == "" {
		return "", status.Errorf(codes.InvalidArgument,
			"Boomi attaches environments to roles, but the principal is %q of type %q; grant environment access to a principal of type %q (its holders then get access)",
			id.GetResource(), id.GetResourceType(), roleResourceType.GetId())
	}
	return id.GetResource(), nil
}

// environmentWriteError turns Boomi's refusal of an EnvironmentRole write into one sentence with the fix.
// change reads like "attach role R to environment E".
func environmentWriteError(err error, change, accountID string) error {
	switch {
	case missingPrivilege(err):
		return status.Errorf(codes.PermissionDenied,
			"Boomi refused to %s: the connector's Boomi user needs the Environment Management (ENV_MANAGEMENT) and "+
				"Runtime Management (ATOM_MANAGEMENT) privileges, and the account must allow restricting environments to roles; "+
				"nothing was changed (Boomi said: %s)",
			change, vendorText(err))
	case status.Code(err) == codes.InvalidArgument || status.Code(err) == codes.NotFound:
		return status.Errorf(codes.InvalidArgument,
			"Boomi refused to %s; check that both exist in account %s, nothing was changed (Boomi said: %s)",
			change, accountID, vendorText(err))
	default:
		return status.Errorf(status.Code(err), "could not %s: %v", change, err)
	}
}

func vendorText(err error) string {
	if msg := boomi.VendorMessage(err); msg != "" {
		return msg
	}
	return err.Error()
}

// Grant attaches the role to the environment. When the environment had no role yet, this restricts it to
// this role: a warning says so.
func (e *environmentBuilder) Grant(ctx context.Context, principal *v2.Resource, ent *v2.Entitlement) ([]*v2.Grant, annotations.Annotations, error) {
	roleID, err := principalRoleID(principal)
	if err != nil {
		return nil, nil, err
	}
	envID, err := environmentFromEntitlement(ent)
	if err != nil {
		return nil, nil, err
	}
	c := e.client
	unlock, err := provisioningLocks.lock(ctx, environmentLockKey(c.AccountID(), envID))
	if err != nil {
		return nil, nil, err
	}
	defer unlock()

	links, err := environmentLinks(ctx, c, envID, "")
	if err != nil {
		return nil, nil, err
	}
	granted := newGrantFor(ent, principal)
	if holdsRole(links, roleID) {
		return []*v2.Grant{granted}, annotations.New(&v2.GrantAlreadyExists{}), nil
	}
	if _, err := c.CreateEnvironmentRole(ctx, boomi.EnvironmentRole{EnvironmentID: envID, RoleID: roleID}); err != nil {
		// A create whose outcome is unknown (the transport does not repeat it) may have succeeded: only a
		// fresh read that shows the link makes it a success.
		if outcomeUnknown(err) {
			if again, readErr := environmentLinks(ctx, c, envID, roleID); readErr == nil && len(again) > 0 {
				return []*v2.Grant{granted}, nil, nil
			}
		}
		return nil, nil, environmentWriteError(err, "attach role "+roleID+" to environment "+envID, c.AccountID())
	}
	if len(links) == 0 && environmentOpenWithoutRoles {
		ctxzap.Extract(ctx).Warn("the environment had no role attached, so it was open to every role; it is now restricted to this role's holders",
			zap.String("environment_id", envID), zap.String("role_id", roleID))
	}
	return []*v2.Grant{granted}, nil, nil
}

// Revoke detaches the role from the environment. Detaching the environment's last role would open it to
// every role, so that is refused: attach the role that should keep access first, then revoke.
func (e *environmentBuilder) Revoke(ctx context.Context, g *v2.Grant) (annotations.Annotations, error) {
	roleID, err := principalRoleID(g.GetPrincipal())
	if err != nil {
		return nil, err
	}
	envID, err := environmentFromEntitlement(g.GetEntitlement())
	if err != nil {
		return nil, err
	}
	c := e.client
	unlock, err := provisioningLocks.lock(ctx, environmentLockKey(c.AccountID(), envID))
	if err != nil {
		return nil, err
	}
	defer unlock()

	links, err := environmentLinks(ctx, c, envID, "")
	if err != nil {
		return nil, err
	}
	target, others := splitByRole(links, roleID)
	if len(target) == 0 {
		return annotations.New(&v2.GrantAlreadyRevoked{}), nil
	}
	if len(others) == 0 && environmentOpenWithoutRoles {
		return nil, status.Errorf(codes.FailedPrecondition,
			"role %s is the only role attached to environment %s, and Boomi opens an environment without roles to every role; attach the role that should keep access first, then revoke this one",
			roleID, envID)
	}
	for _, l := range target {
		if err := c.DeleteEnvironmentRole(ctx, l.ID); err != nil {
			return nil, environmentWriteError(err, "detach role "+roleID+" from environment "+envID, c.AccountID())
		}
	}
	return nil, nil
}
