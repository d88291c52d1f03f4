package connector

import (
	"context"
	"fmt"

	"github.com/grpc-ecosystem/go-grpc-middleware/logging/zap/ctxzap"
	"go.uber.org/zap"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
)

// SSO bypass (docs/access-report.md). Boomi's single sign-on page warns that, on an account that enforces
// SSO, users holding the Administrator role keep signing in with their Boomi password. The user profile
// key can_bypass_sso is true when all three hold: the account's SSO configuration is enabled, the user has
// a federation id, and the user holds the built-in Administrator role directly in the account.
//
// The users walk learns both account-wide facts before it emits anyone:
//
//	sso     GET /AccountSSOConfig/{accountId}, once per sync (keySSOEnabled)
//	admins  AccountUserRole pages from the page cache: who holds Administrator (prefixAdmin)
//
// so a user's flag never depends on which page their Administrator link sits on, and no page is read
// twice from Boomi.
const (
	phaseSSOConfig = "sso"
	phaseAdmins    = "admins"

	keySSOEnabled = "sso-enabled"

	profileCanBypassSSO = "can_bypass_sso"
)

// ssoEnforced reads whether the account enforces SSO (one GET).
// UNCONFIRMED(sso-config-absent-means-disabled): Boomi's answer for an account that never configured SSO is
// not published; a not-found or invalid-id answer is read as "SSO not enabled" (docs/assumptions.md).
func ssoEnforced(ctx context.Context, c *boomi.Client) (bool, error) {
	cfg, err := c.GetAccountSSOConfig(ctx)
	switch code := status.Code(err); {
	case err == nil:
		return cfg.Enabled, nil
	case code == codes.NotFound || code == codes.InvalidArgument:
		ctxzap.Extract(ctx).Info("the account has no SSO configuration; no user is marked as able to bypass SSO", zap.Error(err))
		return false, nil
	}
	return false, fmt.Errorf("reading the account's SSO configuration (to tell who can bypass SSO): %w", err)
}

// collectSSOEnabled records once per sync whether the account enforces SSO.
func (r *platformReads) collectSSOEnabled(ctx context.Context, st syncCache) error {
	enforced, err := ssoEnforced(ctx, r.client)
	if err != nil {
		return err
	}
	return setOne(ctx, st, prefixOnce, keySSOEnabled, enforced)
}

// collectAdmins records the users of one AccountUserRole page who hold Administrator.
func (r *platformReads) collectAdmins(ctx context.Context, st syncCache, token string) (string, error) {
	page, err := r.userRolePage(ctx, st, token)
	if err != nil {
		return "", err
	}
	admins := map[string]bool{}
	for _, l := range page.Items {
		if l.UserID != "" && sameRole(l.RoleID, boomi.AdministratorRoleID) {
			admins[l.UserID] = true
		}
	}
	if err := setMany(ctx, st, prefixAdmin, admins); err != nil {
		return "", fmt.Errorf("storing who holds Administrator: %w", err)
	}
	return page.NextToken, nil
}

// ssoBypassOf tells, for each user id, whether the user can bypass SSO (see the file comment), given the
// users' federation ids.
func ssoBypassOf(ctx context.Context, st syncCache, ids []string, feds map[string]string) (map[string]bool, error) {
	enforced, _, err := getOne[bool](ctx, st, prefixOnce, keySSOEnabled)
	if err != nil {
		return nil, fmt.Errorf("reading whether the account enforces SSO: %w", err)
	}
	out := make(map[string]bool, len(ids))
	if !enforced {
		return out, nil
	}
	admins, err := getMany[bool](ctx, st, prefixAdmin, ids)
	if err != nil {
		return nil, fmt.Errorf("reading who holds Administrator: %w", err)
	}
	for _, id := range ids {
		out[id] = admins[id] && feds[id] != ""
	}
	return out, nil
}

// canBypassSSO is ssoBypassOf for one user whose links and SSO configuration were read fresh (targeted Get).
func canBypassSSO(ssoEnabled bool, federationID string, links []boomi.AccountUserRole) bool {
	return ssoEnabled && federationID != "" && holdsRole(links, boomi.AdministratorRoleID)
}
