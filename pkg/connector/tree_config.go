package connector

import (
	"context"
	"errors"
	"strings"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
	"github.com/baton-boomi/baton-boomi/pkg/config"
)

// treeSettingsOf reads the primary-account-mode flags. The two refinements need the mode itself, so giving
// them alone is a mistake worth a sentence rather than a silently ignored flag.
func treeSettingsOf(cfg *config.Boomi) (treeSettings, error) {
	var only []string
	for _, id := range cfg.SubAccounts {
		if id = strings.TrimSpace(id); id != "" {
			only = append(only, id)
		}
	}
	if !cfg.IncludeSubAccounts && (len(only) > 0 || cfg.OverrideAccountRateLimit) {
		return treeSettings{}, errors.New("--sub-accounts and --override-account-rate-limit only apply in primary-account mode: add --include-sub-accounts (or BATON_INCLUDE_SUB_ACCOUNTS=true)")
	}
	return treeSettings{enabled: cfg.IncludeSubAccounts, only: only, perAccountLimit: cfg.OverrideAccountRateLimit}, nil
}

// validatePartnerAccess proves that Boomi answers the Partner API for the primary account: one GET of the
// account itself on the Partner base. UNCONFIRMED(partner-base-without-override): the Partner base answers
// a request without overrideAccount for the authenticating account itself, and refuses it (401/403) when
// Boomi has not enabled the Partner API for the account. Whether the primary may act on each sub-account
// shows per account during the sync (a refused one is skipped with a warning).
func validatePartnerAccess(ctx context.Context, c *boomi.Client) error {
	_, err := c.Partner().GetAccount(ctx, c.AccountID())
	switch status.Code(err) {
	case codes.OK:
		return nil
	case codes.PermissionDenied, codes.Unauthenticated, codes.NotFound:
		return status.Errorf(codes.FailedPrecondition,
			"primary-account mode needs the Boomi Partner API, but Boomi refused it for account %s (%v): "+
				"ask Boomi support to enable Partner API access for the account, or run without --include-sub-accounts",
			c.AccountID(), err)
	default:
		return explainValidationError(err, c.AccountID())
	}
}
