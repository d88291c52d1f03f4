package doctor

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
)

// probeOwnerPrivileges: the token owner holds API and ACCOUNT_ADMIN (and, for last login, VIEW_AUDIT_LOGS).
func probeOwnerPrivileges(ctx context.Context, t *Target) Result {
	r := Result{
		Probe: "owner-privileges", Assumptions: []string{},
		Expected: "the token owner's roles give API and ACCOUNT_ADMIN (VIEW_AUDIT_LOGS too, for --sync-last-login)",
	}
	login := strings.TrimPrefix(strings.TrimSpace(t.OwnerLogin), "BOOMI_TOKEN.")
	if login == "" {
		r.Seen, r.Verdict = "the token owner's login was not given", CouldNotTest
		return r
	}
	links, err := boomi.ReadAllPages(ctx, func(ctx context.Context, tok string) (boomi.Page[boomi.AccountUserRole], error) {
		return t.Platform.QueryAccountUserRoles(ctx, boomi.Equals("userId", login), tok)
	})
	if err != nil {
		r.Seen, r.Verdict = "the owner's role links could not be read: "+failure(err), CouldNotTest
		return r
	}
	if len(links) == 0 {
		r.Seen, r.Verdict = "no direct role link of the token owner was found (roles may come from an account group)", CouldNotTest
		return r
	}
	privileges := map[string]bool{}
	roleIDs := map[string]bool{}
	for _, l := range links {
		if roleIDs[l.RoleID] {
			continue
		}
		roleIDs[l.RoleID] = true
		role, err := t.Platform.GetRole(ctx, l.RoleID)
		if err != nil {
			r.Seen, r.Verdict = fmt.Sprintf("%d role(s); reading one failed: %s", len(roleIDs), failure(err)), CouldNotTest
			return r
		}
		for _, p := range role.Privileges {
			privileges[p] = true
		}
	}
	codes := make([]string, 0, len(privileges))
	for p := range privileges {
		codes = append(codes, p)
	}
	slices.Sort(codes)
	r.Seen = fmt.Sprintf("%d role(s) with privileges %s", len(roleIDs), strings.Join(codes, ", "))
	switch {
	case !privileges[boomi.PrivilegeAPI] || !privileges[boomi.PrivilegeAccountAdmin]:
		r.Verdict = Differs
		r.Adapts = "none: without API and ACCOUNT_ADMIN the connector cannot read users, roles or groups"
	case !privileges[boomi.PrivilegeViewAuditLogs]:
		r.Verdict = Holds
		r.Adapts = "without VIEW_AUDIT_LOGS, --sync-last-login leaves last login out with a warning"
	default:
		r.Verdict = Holds
	}
	return r
}

// The four built-in role ids of Boomi's getAssignableRoles example.
var documentedBuiltinRoleIDs = []string{boomi.AdministratorRoleID, boomi.StandardUserRoleID, boomi.ProductionSupportRoleID, boomi.SupportRoleID}

// probeAssignableRoles: GET /getAssignableRoles answers, lists the documented built-in role ids, and every id
// it lists is one the API can assign.
func probeAssignableRoles(ctx context.Context, t *Target) Result {
	r := Result{
		Probe: "assignable-roles", Assumptions: []string{"builtin-role-ids", "non-canonical-role-ids"},
		Expected: "GET /getAssignableRoles lists the four documented built-in role ids, all canonical 8-4-4-4-12 UUIDs",
	}
	roles, err := t.Platform.GetAssignableRoles(ctx)
	if err != nil {
		r.Seen, r.Verdict = "GET /getAssignableRoles answered "+failure(err), Differs
		r.Adapts = "none: role entitlements of account groups and sub-accounts need this list"
		return r
	}
	ids := make([]string, len(roles))
	nonCanonical := 0
	for i, role := range roles {
		ids[i] = role.ID
		if !boomi.IsCanonicalRoleID(role.ID) {
			nonCanonical++
		}
	}
	missing := 0
	for _, id := range documentedBuiltinRoleIDs {
		if !slices.Contains(ids, id) {
			missing++
		}
	}
	r.Seen = fmt.Sprintf("%d assignable role(s); %d of the 4 documented built-in ids missing; %d non-canonical id(s)", len(roles), missing, nonCanonical)
	r.Verdict = Holds
	if missing > 0 || nonCanonical > 0 {
		r.Verdict = Differs
		r.Adapts = "the connector reads role ids from Boomi and never assumes them, except Standard User (the default role of new users and of a last-role revoke)"
	}
	return r
}

// probeRoleQueryListsBuiltin: a list-everything Role query includes the built-in roles (accountId "1").
func probeRoleQueryListsBuiltin(ctx context.Context, t *Target) Result {
	r := Result{
		Probe: "role-query-lists-builtin", Assumptions: []string{"role-query-lists-builtin"},
		Expected: `a Role query with {"QueryFilter":{}} lists built-in roles (accountId "1") as well as custom ones`,
	}
	roles, err := boomi.ReadAllPages(ctx, func(ctx context.Context, tok string) (boomi.Page[boomi.Role], error) {
		return t.Platform.QueryRoles(ctx, nil, tok)
	})
	if err != nil {
		r.Seen, r.Verdict = "the Role query answered "+failure(err), CouldNotTest
		return r
	}
	builtin := 0
	for _, role := range roles {
		if role.BuiltIn() {
			builtin++
		}
	}
	r.Seen = fmt.Sprintf("%d role(s), %d built-in", len(roles), builtin)
	r.Verdict = Holds
	if builtin == 0 {
		r.Verdict = Differs
		r.Adapts = "yes: the role sync adds every assignable role the query did not list"
	}
	return r
}
