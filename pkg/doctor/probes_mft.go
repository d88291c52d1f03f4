package doctor

import (
	"context"
	"fmt"

	"github.com/baton-boomi/baton-boomi/pkg/mft"
)

// assumptionMFTPaths is the docs/assumptions.md entry of the MFT path table.
const assumptionMFTPaths = "mft-api-paths"

// mftProbes reads each path of the MFT path table with safe methods only. Writes (create, update, bulk
// update, delete) cannot be checked without writing, so they are reported as such.
func mftProbes(ctx context.Context, t *Target) []Result {
	routes := mft.Routes()
	if t.MFT == nil {
		return []Result{{
			Probe: "mft", Assumptions: []string{assumptionMFTPaths}, Expected: "the MFT path table answers",
			Seen: "MFT is not configured (--mft-base-url, --mft-api-key)", Verdict: CouldNotTest,
		}}
	}
	var out []Result
	result := func(route mft.RouteDescription, assumption string, err error, seen string) Result {
		r := Result{
			Probe: "mft: " + route.Operation, Assumptions: []string{assumption},
			Expected: route.Method + " " + route.Path + " answers 2xx",
		}
		switch {
		case err != nil:
			r.Seen, r.Verdict = failure(err), Differs
		default:
			r.Seen, r.Verdict = seen, Holds
		}
		return r
	}

	mappings, err := t.MFT.ListSSOMappings(ctx)
	out = append(out, result(routes[0], assumptionMFTPaths, err, fmt.Sprintf("%d mapping(s)", len(mappings))))
	if err != nil || len(mappings) == 0 {
		out = append(out, Result{Probe: "mft: " + routes[1].Operation, Assumptions: []string{"mft-sso-mapping-get-by-id"},
			Expected: routes[1].Method + " " + routes[1].Path + " answers 2xx", Seen: "no mapping to read", Verdict: CouldNotTest})
	} else {
		_, err := t.MFT.GetSSOMappingDirect(ctx, mappings[0].ID)
		r := result(routes[1], "mft-sso-mapping-get-by-id", err, "the mapping was read")
		if r.Verdict == Differs {
			r.Adapts = "yes: reading one mapping falls back to the list"
		}
		out = append(out, r)
	}
	for _, w := range []struct {
		route      mft.RouteDescription
		assumption string
		note       string
	}{
		{routes[2], assumptionMFTPaths, "create is a documented operation; only its path is assumed"},
		{routes[3], "mft-sso-mapping-update", "a 404/405 there is reported by the connector as Unimplemented, naming the path"},
		{routes[4], "mft-sso-mapping-bulk-update", "a 404/405 there makes set_default_sso_mapping use two single updates"},
		{routes[5], "mft-sso-mapping-delete", "a 404/405 there is a delete only if the mapping list no longer shows the mapping"},
	} {
		out = append(out, Result{Probe: "mft: " + w.route.Operation, Assumptions: []string{w.assumption},
			Expected: w.route.Method + " " + w.route.Path + " exists",
			Seen:     "not tried: it writes, and the doctor never writes (" + w.note + ")",
			Verdict:  CouldNotTest})
	}

	roles, err := t.MFT.ListRoles(ctx)
	out = append(out, result(routes[6], assumptionMFTPaths, err, fmt.Sprintf("%d role(s)", len(roles))))
	orgs, err := t.MFT.ListOrganizations(ctx)
	out = append(out, result(routes[7], assumptionMFTPaths, err, fmt.Sprintf("%d organization(s)", len(orgs))))
	users, err := t.MFT.ListUsers(ctx)
	out = append(out, result(routes[8], assumptionMFTPaths, err, fmt.Sprintf("%d user(s)", len(users))))
	if err != nil || len(users) == 0 {
		out = append(out, Result{Probe: "mft: " + routes[9].Operation, Assumptions: []string{assumptionMFTPaths},
			Expected: routes[9].Method + " " + routes[9].Path + " answers 2xx", Seen: "no user to read", Verdict: CouldNotTest})
	} else {
		_, err := t.MFT.GetUser(ctx, users[0].ID)
		out = append(out, result(routes[9], assumptionMFTPaths, err, "the user was read"))
	}
	return append(out, mftErrorProbe(ctx, t))
}
