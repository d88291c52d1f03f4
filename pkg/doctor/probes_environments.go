package doctor

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
)

// probeEnvironments: Environment and EnvironmentRole can be read (the environment type and the access
// report need them), every link names a listed environment, and how many environments have no role
// attached — the ones the connector and the report treat as open to every role. What Boomi enforces on
// such an environment cannot be seen without signing in as another user, so the probe reports the count.
func probeEnvironments(ctx context.Context, t *Target) Result {
	r := Result{
		Probe: "environments", Assumptions: []string{"environment-without-roles-open"},
		Expected: "Environment and EnvironmentRole queries answer, and every EnvironmentRole link names a listed environment",
	}
	envs, err := boomi.ReadAllPages(ctx, func(ctx context.Context, tok string) (boomi.Page[boomi.Environment], error) {
		return t.Platform.QueryEnvironments(ctx, nil, tok)
	})
	if err != nil {
		r.Seen, r.Verdict = "the Environment query answered "+failure(err), CouldNotTest
		r.Adapts = "a sync without Runtime Management (Read Access) skips environments with a warning"
		return r
	}
	links, err := boomi.ReadAllPages(ctx, func(ctx context.Context, tok string) (boomi.Page[boomi.EnvironmentRole], error) {
		return t.Platform.QueryEnvironmentRoles(ctx, nil, tok)
	})
	if err != nil {
		r.Seen, r.Verdict = "the EnvironmentRole query answered "+failure(err), CouldNotTest
		return r
	}
	known := map[string]bool{}
	prod := 0
	for _, e := range envs {
		known[e.ID] = true
		if e.Classification == boomi.ClassificationProd {
			prod++
		}
	}
	attached := map[string]bool{}
	stray := 0
	for _, l := range links {
		if !known[l.EnvironmentID] {
			stray++
		}
		attached[l.EnvironmentID] = true
	}
	open := 0
	for _, e := range envs {
		if !attached[e.ID] {
			open++
		}
	}
	r.Seen = fmt.Sprintf("%d environments (%d PROD), %d role links; %d environments have no role attached, which the "+
		"access report treats as open to every role (check one in Manage > Runtime Management)", len(envs), prod, len(links), open)
	if stray > 0 {
		r.Seen += fmt.Sprintf("; %d links name an environment the query did not list", stray)
		r.Verdict, r.Adapts = Differs, "the sync still writes those links' grants; their environment resource is missing"
		return r
	}
	r.Verdict = Holds
	return r
}

// documentedStandardUser is what Boomi's privilege matrix says of the built-in Standard User role, as far as
// the codes are known: it deploys and manages environments, but has no API access and no account
// administration.
var documentedStandardUser = struct{ has, lacks []string }{
	has:   []string{boomi.PrivilegeDeploy, boomi.PrivilegeEnvManagement},
	lacks: []string{boomi.PrivilegeAPI, boomi.PrivilegeAccountAdmin},
}

// probeBuiltinPrivileges: the built-in Standard User role carries the privilege codes the documented matrix
// gives it under the names the connector maps them to (privilege-code-names).
func probeBuiltinPrivileges(ctx context.Context, t *Target) Result {
	r := Result{
		Probe: "builtin-privileges", Assumptions: []string{"privilege-code-names"},
		Expected: "Standard User carries " + strings.Join(documentedStandardUser.has, " and ") + " and lacks " +
			strings.Join(documentedStandardUser.lacks, " and "),
	}
	role, err := t.Platform.GetRole(ctx, boomi.StandardUserRoleID)
	if err != nil {
		r.Seen, r.Verdict = "GET /Role/{Standard User} answered "+failure(err), CouldNotTest
		return r
	}
	codes := slices.Clone(role.Privileges)
	slices.Sort(codes)
	r.Seen = "Standard User carries " + strings.Join(codes, ", ")
	for _, p := range documentedStandardUser.has {
		if !slices.Contains(role.Privileges, p) {
			r.Verdict = Differs
		}
	}
	for _, p := range documentedStandardUser.lacks {
		if slices.Contains(role.Privileges, p) {
			r.Verdict = Differs
		}
	}
	if r.Verdict == Differs {
		r.Adapts = "grants and the report use the codes Boomi returns; only privilege display names may not match Boomi's UI"
		return r
	}
	r.Verdict = Holds
	return r
}
