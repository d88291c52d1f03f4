// Package doctor checks, read-only, what baton-boomi assumes about a Boomi tenant (docs/assumptions.md)
// against what the tenant answers. Each probe reads through the same clients the connector uses
// (pkg/boomi, pkg/mft) and reports what was expected, what was seen and a verdict. It never writes to Boomi,
// and what it reports holds counts and shapes only: no names, e-mails, ids or secrets.
package doctor

import (
	"context"
	"fmt"
	"time"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
	"github.com/baton-boomi/baton-boomi/pkg/mft"
)

// Verdict is a probe's conclusion.
type Verdict string

const (
	Holds        Verdict = "holds"           // the tenant behaves as the connector assumes
	Differs      Verdict = "differs"         // it does not; Adapts says whether the connector copes by itself
	CouldNotTest Verdict = "could not check" // the probe could not decide (Seen says why)
)

// Result is one probe's finding.
type Result struct {
	Probe       string   `json:"probe"`
	Assumptions []string `json:"assumptions"` // the docs/assumptions.md entries the probe checks
	Expected    string   `json:"expected"`
	Seen        string   `json:"seen"`
	Verdict     Verdict  `json:"verdict"`
	Adapts      string   `json:"adapts,omitempty"` // what the connector does by itself about a difference
}

// Target is what the doctor probes.
type Target struct {
	// Platform is the Platform API client; the Partner probe uses its SubAccount view.
	Platform *boomi.Client
	// MFT is nil when MFT is not configured; the MFT probes then report that.
	MFT *mft.Client
	// OwnerLogin is the token owner's login e-mail, used only to find the owner's roles; never reported.
	OwnerLogin string
	Now        func() time.Time
}

// probe is one check; it returns its result and never fails the run.
type probe func(ctx context.Context, t *Target) Result

// probes run in this order; the account probe runs first so that a tenant that cannot be reached stops the run.
var probes = []probe{
	probePrimaryAccount,
	probePartnerAPI,
	probeOwnerPrivileges,
	probeUserIDCase,
	probeAssignableRoles,
	probeRoleQueryListsBuiltin,
	probeUserRoleNoMatch,
	probeNumberOfResults,
	probeQueryMore,
	probeListAllBody,
	probeUserRoleRanges,
	probeAuditLog,
	probeFederationIDCase,
	probeErrorAnswer,
	probeEnvironments,
	probeBuiltinPrivileges,
}

// Run checks that the tenant answers at all, then runs every probe. It fails only when the tenant cannot
// be read (bad credentials, unreachable host): then no probe could say anything.
func Run(ctx context.Context, t *Target) ([]Result, error) {
	if t.Now == nil {
		t.Now = time.Now
	}
	if _, err := t.Platform.GetAccount(ctx, t.Platform.AccountID()); err != nil {
		return nil, fmt.Errorf("the doctor could not read the Boomi account, so no probe can run: %w", err)
	}
	out := []Result{{
		Probe: "authentication", Assumptions: []string{},
		Expected: "GET /Account/{accountId} with the API token answers the account",
		Seen:     "the account was read", Verdict: Holds,
	}}
	for _, p := range probes {
		out = append(out, p(ctx, t))
	}
	return append(out, mftProbes(ctx, t)...), nil
}
