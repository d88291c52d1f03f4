package connector

import (
	"context"
	"fmt"
	"strings"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/conductorone/baton-sdk/pkg/annotations"
	"github.com/conductorone/baton-sdk/pkg/connectorbuilder"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
)

// Direct roles in sub-accounts (primary-account mode): a grant of account:<A>:<R> to a user is the
// AccountUserRole link (user, R) in A, created and deleted through the Partner API with the same rules as
// the connector's own account (directRoles). The target account comes from the
// entitlement id only, never from parent or resource fields the platform may omit.

var _ connectorbuilder.ResourceProvisionerV2 = (*accountBuilder)(nil)

// Grant gives the user role R in sub-account A.
func (a *accountBuilder) Grant(ctx context.Context, principal *v2.Resource, ent *v2.Entitlement) ([]*v2.Grant, annotations.Annotations, error) {
	target, userID, roleID, err := a.directTarget(ctx, principal, ent, true)
	if err != nil {
		return nil, nil, err
	}
	return directRoles{client: target, notify: a.notifyUsers}.grant(ctx, principal, ent, userID, roleID)
}

// Revoke removes role R from the user in sub-account A, keeping the user in A (Standard User first when R
// is their last role there; their sole Standard User is refused).
func (a *accountBuilder) Revoke(ctx context.Context, g *v2.Grant) (annotations.Annotations, error) {
	target, userID, roleID, err := a.directTarget(ctx, g.GetPrincipal(), g.GetEntitlement(), false)
	if err != nil {
		return nil, err
	}
	return directRoles{client: target, notify: a.notifyUsers}.revoke(ctx, userID, roleID)
}

// directTarget checks a direct sub-account grant (forGrant) or revoke before any write and returns the
// Partner API client of the target account, the user and the role. Checks that need no request come first.
func (a *accountBuilder) directTarget(ctx context.Context, principal *v2.Resource, ent *v2.Entitlement, forGrant bool) (*boomi.Client, string, string, error) {
	accountID, roleID, err := accountRoleFromEntitlement(ent)
	if err != nil {
		return nil, "", "", err
	}
	if principal.GetId().GetResourceType() == accountGroupResourceType.GetId() {
		return nil, "", "", status.Errorf(codes.InvalidArgument,
			"account groups reach sub-account %s through their membership, which this connector does not change: add the account to the group in the Boomi UI, or grant %s to a user",
			accountID, ent.GetId())
	}
	userID, err := principalUserID(principal)
	if err != nil {
		return nil, "", "", err
	}
	if forGrant {
		if err := checkRoleAssignable(roleID); err != nil {
			return nil, "", "", err
		}
	}
	target, err := a.subAccountForWrite(ctx, accountID)
	if err != nil {
		return nil, "", "", err
	}
	return target, userID, roleID, nil
}

// subAccountForWrite returns the Partner API client of sub-account accountID after checking, with one
// fresh read of the account through the Partner API, that the connector may change it: the mode is on, the
// account is in --sub-accounts (when given), Boomi lets the primary act on it, and it is neither suspended
// nor deleted. Every refusal is one sentence and nothing has been written.
func (c *Boomi) subAccountForWrite(ctx context.Context, accountID string) (*boomi.Client, error) {
	if !c.tree.enabled {
		return nil, status.Errorf(codes.FailedPrecondition,
			"changing roles directly in sub-account %s needs primary-account mode: run the connector with --include-sub-accounts (Boomi must have enabled the Partner API for account %s)",
			accountID, c.client.AccountID())
	}
	if accountID == c.client.AccountID() {
		return nil, status.Errorf(codes.InvalidArgument,
			"account %s is the connector's own account, not a sub-account: grant the role entitlement role:<roleId>:assigned instead", accountID)
	}
	if len(c.tree.only) > 0 && !containsFold(c.tree.only, accountID) {
		return nil, status.Errorf(codes.FailedPrecondition,
			"sub-account %s is not in --sub-accounts, so the connector does not change it: add it to --sub-accounts or leave the flag out to govern the whole tree", accountID)
	}
	sub := c.client.SubAccount(accountID)
	// UNCONFIRMED(partner-get-overridden-account): GET /Account/{A}?overrideAccount=A on the Partner base
	// returns A itself (the GET returns the addressed account, and the override makes A the effective
	// account). The --sub-accounts reads (readSubAccount) rely on the same answer.
	acct, err := sub.GetAccount(ctx, accountID)
	if reason, refused := overrideRefusal(err, c.client.AccountID()); refused {
		return nil, status.Errorf(codes.FailedPrecondition,
			"the connector may not change sub-account %s and changed nothing: %s", accountID, reason)
	}
	if err != nil {
		return nil, fmt.Errorf("reading sub-account %s through the Partner API before changing it: %w", accountID, err)
	}
	if reason := inactiveReason(acct.Status); reason != "" {
		return nil, status.Errorf(codes.FailedPrecondition,
			"the connector does not change sub-account %s and changed nothing: %s; reactivate the account in Boomi first", accountID, reason)
	}
	return sub, nil
}

func containsFold(list []string, v string) bool {
	for _, x := range list {
		if strings.EqualFold(strings.TrimSpace(x), v) {
			return true
		}
	}
	return false
}
