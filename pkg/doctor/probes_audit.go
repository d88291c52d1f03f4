package doctor

import (
	"context"
	"fmt"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
)

// probeAuditLog: the audit log can be read, a login entry has the shape last login relies on (userId and a
// date in Boomi's format), and whether the connector's own API-token calls are logged as logins too.
func probeAuditLog(ctx context.Context, t *Target) Result {
	r := Result{
		Probe: "audit-log", Assumptions: []string{"audit-login-entry"},
		Expected: "AuditLog logins (account/ON_ENTRY/SUCCESS) of the last 90 days are readable and carry userId and a yyyy-MM-ddTHH:mm:ssZ date",
	}
	page, err := t.Platform.QueryAuditLogs(ctx, boomi.LoginsSince(t.Now().Add(-90*24*time.Hour)), "")
	if err != nil {
		r.Seen, r.Verdict = "the AuditLog query answered "+failure(err), CouldNotTest
		if status.Code(err) == codes.PermissionDenied || status.Code(err) == codes.InvalidArgument {
			r.Adapts = "yes: without VIEW_AUDIT_LOGS, --sync-last-login leaves last login out with a warning"
		}
		return r
	}
	if len(page.Items) == 0 {
		r.Seen, r.Verdict = "no login entry in the last 90 days", CouldNotTest
		return r
	}
	noUser, badDate, fromAPI := 0, 0, 0
	for _, e := range page.Items {
		if e.UserID == "" {
			noUser++
		}
		if _, err := time.Parse(boomi.DateLayout, e.Date); err != nil {
			badDate++
		}
		if e.Source == "API" {
			fromAPI++
		}
	}
	r.Seen = fmt.Sprintf("%d login entries on the first page: %d without userId, %d with another date format, %d with source API",
		len(page.Items), noUser, badDate, fromAPI)
	r.Verdict = Holds
	if fromAPI > 0 {
		r.Adapts = "not yet: API-token calls are logged as logins here, so last login also counts API use (a user that only calls the API shows its last call)"
	}
	if noUser > 0 || badDate > 0 {
		r.Verdict = Differs
		r.Adapts = "none: last login is missing for these entries"
	}
	return r
}
