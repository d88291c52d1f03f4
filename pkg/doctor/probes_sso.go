package doctor

import (
	"context"
	"fmt"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// probeFederationIDCase: how the account compares federation ids. Boomi's default is case-sensitive; the
// account's caseInsensitiveFederationId flag changes it, and the connector reads the flag before every SSO write.
func probeFederationIDCase(ctx context.Context, t *Target) Result {
	r := Result{
		Probe: "federation-id-case", Assumptions: []string{"sso-config-absent-means-disabled"},
		Expected: "GET /AccountSSOConfig/{accountId} answers, saying whether federation ids ignore case (caseInsensitiveFederationId)",
	}
	cfg, err := t.Platform.GetAccountSSOConfig(ctx)
	if code := status.Code(err); code == codes.NotFound || code == codes.InvalidArgument {
		r.Seen, r.Verdict = "no SSO configuration ("+failure(err)+"): read as SSO off, federation ids case-sensitive", Holds
		r.Adapts = "yes: the connector reads such an answer as \"SSO not enabled\""
		return r
	}
	if err != nil {
		r.Seen, r.Verdict = "GET /AccountSSOConfig answered "+failure(err), Differs
		r.Adapts = "none: creating SSO users and enable_sso read this configuration first and would fail"
		return r
	}
	mode := "case-sensitive (Boomi's default)"
	if cfg.CaseInsensitiveFederationID {
		mode = "case-insensitive (caseInsensitiveFederationId is on)"
	}
	r.Seen = fmt.Sprintf("SSO enabled: %t; federation ids are %s", cfg.Enabled, mode)
	r.Verdict = Holds
	r.Adapts = "yes: the connector compares federation ids the way the account is configured"
	return r
}
