package doctor

import (
	"context"
	"fmt"
)

// probePrimaryAccount: whether the account is a primary one (it has sub-accounts or account groups) and that
// an account-group query answers a QueryResult either way.
func probePrimaryAccount(ctx context.Context, t *Target) Result {
	r := Result{
		Probe: "primary-account", Assumptions: []string{"account-groups-on-non-primary"},
		Expected: "Account and AccountGroup queries answer QueryResults (empty ones on an account that is not primary)",
	}
	subs, err := t.Platform.QueryAccounts(ctx, nil, "")
	if err != nil {
		r.Seen, r.Verdict = "the Account query (sub-accounts) failed: "+failure(err), Differs
		return r
	}
	groups, err := t.Platform.QueryAccountGroups(ctx, nil, "")
	if err != nil {
		r.Seen, r.Verdict = fmt.Sprintf("%d sub-account(s) on the first page; the AccountGroup query failed: %s", len(subs.Items), failure(err)), Differs
		r.Adapts = "none: the account-group sync fails on this answer"
		return r
	}
	kind := "not primary (no sub-accounts, no account groups)"
	if len(subs.Items) > 0 || len(groups.Items) > 0 {
		kind = "primary"
	}
	r.Seen = fmt.Sprintf("%s: %d sub-account(s) and %d account group(s) on the first pages", kind, len(subs.Items), len(groups.Items))
	r.Verdict = Holds
	return r
}

// probePartnerAPI: a GET with overrideAccount on the Partner API base reads a sub-account.
func probePartnerAPI(ctx context.Context, t *Target) Result {
	r := Result{
		Probe: "partner-api", Assumptions: []string{"partner-get-overridden-account", "partner-base-without-override", "override-on-platform-base"},
		Expected: "GET /partner/api/rest/v1/{accountId}/Account/{subAccountId}?overrideAccount={subAccountId} answers that sub-account",
	}
	subs, err := t.Platform.QueryAccounts(ctx, nil, "")
	sub := ""
	for _, a := range subs.Items {
		if a.Status != "deleted" {
			sub = a.AccountID
			break
		}
	}
	if err != nil || sub == "" {
		r.Seen, r.Verdict = "the account has no sub-account to read", CouldNotTest
		return r
	}
	got, err := t.Platform.SubAccount(sub).GetAccount(ctx, sub)
	switch {
	case err != nil:
		r.Seen, r.Verdict = "the Partner API answered "+failure(err), Differs
		r.Adapts = "none: reading sub-accounts through the Partner API needs Partner API access, which Boomi enables per account"
	case got.AccountID != sub:
		r.Seen, r.Verdict = "the Partner API answered a different account than the one overridden", Differs
	default:
		r.Seen, r.Verdict = "the sub-account was read through the Partner API", Holds
	}
	return r
}
