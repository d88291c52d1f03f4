package e2e

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/conductorone/baton-sdk/pkg/annotations"
	rs "github.com/conductorone/baton-sdk/pkg/types/resource"

	"github.com/baton-boomi/baton-boomi/internal/syncexpect"
	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

// fastPacing lifts the connector's client-side pacing for runs against a simulator whose rate limit is
// off, so the suite stays quick; tests about throttling keep the default pacing.
var fastPacing = []string{"--requests-per-second", "100"}

// canonicalRoleID is docs/architecture.md#resource-model's "canonical 8-4-4-4-12 hex UUID".
func canonicalRoleID(id string) bool {
	if len(id) != 36 {
		return false
	}
	for i, c := range id {
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !strings.ContainsRune("0123456789abcdefABCDEF", c) {
				return false
			}
		}
	}
	return true
}

// syncAndCompare syncs env's account and compares the .c1z with the simulator's state; it returns the
// contents and the expectation for further checks.
func syncAndCompare(t *testing.T, env *simEnv, extra ...string) (*c1zContents, *syncexpect.Expected) {
	t.Helper()
	return syncAndComparePaced(t, env, append(append([]string{}, fastPacing...), extra...))
}

// syncAndComparePaced is syncAndCompare with the caller's flags only (nil = the connector's default
// pacing).
func syncAndComparePaced(t *testing.T, env *simEnv, flags []string) (*c1zContents, *syncexpect.Expected) {
	t.Helper()
	roles := env.servedRoles(t)
	path := env.c1zPath("sync")
	res := env.mustSync(t, path, flags...)
	assertNoSecretInOutput(t, env.Conn.Token, res)
	got := readC1Z(t, path)
	exp := syncexpect.ForAccount(env.Sim.Snapshot(), env.Conn.AccountID, roles)
	compareSync(t, exp, got, syncexpect.Platform)
	checkFederationIDs(t, exp, got)
	checkImmutableRoles(t, got)
	assertNoSecretInC1Z(t, env.Conn.Token, path)
	return got, exp
}

// checkFederationIDs: each user with a federation record shows its federation id and sso true, and no
// other user claims either; every user's trait carries the user id as primary e-mail and login, and the
// names the user's links carry.
func checkFederationIDs(t *testing.T, exp *syncexpect.Expected, got *c1zContents) {
	t.Helper()
	bad := 0
	report := func(format string, args ...any) {
		if bad++; bad <= 5 {
			t.Errorf(format, args...)
		}
	}
	for id, r := range got.Resources[rtUser] {
		ut, err := rs.GetUserTrait(r)
		if err != nil {
			report("user %q has no user trait: %v", id, err)
			continue
		}
		profile := ut.GetProfile()
		want := exp.FederationIDs[id]
		have, _ := rs.GetProfileStringValue(profile, "federation_id")
		if have != want {
			report("user %q: federation id %q, want %q", id, have, want)
		}
		if sso := profile.GetFields()["sso"].GetBoolValue(); sso != (want != "") {
			report("user %q: sso %v, want %v", id, sso, want != "")
		}
		if emails := ut.GetEmails(); len(emails) == 0 || !strings.EqualFold(emails[0].GetAddress(), id) || !emails[0].GetIsPrimary() {
			report("user %q: e-mails %v, want the user id as primary e-mail", id, emails)
		}
		if ut.GetLogin() != id {
			report("user %q: login %q, want the user id", id, ut.GetLogin())
		}
		names := exp.Names[id]
		first, _ := rs.GetProfileStringValue(profile, "first_name")
		last, _ := rs.GetProfileStringValue(profile, "last_name")
		if first != names[0] || last != names[1] {
			report("user %q: name %q %q, want %q %q", id, first, last, names[0], names[1])
		}
	}
}

// checkImmutableRoles: the entitlement of every role whose id is not a canonical UUID carries
// EntitlementImmutable, the others do not.
func checkImmutableRoles(t *testing.T, got *c1zContents) {
	t.Helper()
	for id := range got.Resources[rtRole] {
		e := got.Entitlements[roleEntitlement(id)]
		if e == nil {
			continue // compareSync reports it
		}
		annos := annotations.Annotations(e.GetAnnotations())
		immutable := annos.Contains(&v2.EntitlementImmutable{})
		if want := !canonicalRoleID(id); immutable != want {
			t.Errorf("role %q: EntitlementImmutable %v, want %v", id, immutable, want)
		}
	}
}

// countsSummary is a one-line summary of what a sync wrote.
func countsSummary(c *c1zContents) string {
	var parts []string
	for rt, byID := range c.Resources {
		parts = append(parts, fmt.Sprintf("%s=%d", rt, len(byID)))
	}
	sort.Strings(parts)
	return fmt.Sprintf("%s entitlements=%d grants=%d", strings.Join(parts, " "), len(c.Entitlements), len(c.Grants))
}

func TestSyncMatchesSimulator(t *testing.T) {
	cases := []struct {
		name string
		spec boomisim.DatasetSpec
		// check adds dataset-specific assertions.
		check func(t *testing.T, env *simEnv, got *c1zContents, exp *syncexpect.Expected)
	}{
		{
			name: "primary-default-400",
			spec: boomisim.DefaultSpec(400, 7),
			check: func(t *testing.T, _ *simEnv, _ *c1zContents, exp *syncexpect.Expected) {
				for _, rt := range []string{rtUser, rtRole, rtAccountGroup, rtAccount, syncexpect.Privilege, syncexpect.Environment} {
					if len(exp.Resources[rt]) == 0 {
						t.Errorf("dataset has no %s: the comparison proves nothing for that type", rt)
					}
				}
				if len(exp.FederationIDs) == 0 {
					t.Error("dataset has no federated users")
				}
			},
		},
		{
			name: "non-primary",
			spec: func() boomisim.DatasetSpec { s := boomisim.DefaultSpec(120, 8); s.NonPrimary = true; return s }(),
			check: func(t *testing.T, _ *simEnv, got *c1zContents, _ *syncexpect.Expected) {
				if n := len(got.Resources[rtAccountGroup]) + len(got.Resources[rtAccount]); n != 0 {
					t.Errorf("non-primary account: %d account groups/accounts synced, want 0", n)
				}
				if len(got.Resources[rtUser]) == 0 {
					t.Error("non-primary account: no users synced")
				}
			},
		},
		{
			name: "empty-account",
			spec: boomisim.DatasetSpec{Seed: 9, Users: 0},
			check: func(t *testing.T, env *simEnv, got *c1zContents, _ *syncexpect.Expected) {
				users := got.resourceIDs(rtUser)
				if len(users) != 1 || !users[env.Conn.Username] {
					t.Errorf("empty account: users %v, want only the admin %q", users, env.Conn.Username)
				}
			},
		},
		{
			// 250 users with one role each: 250 AccountUserRole links = pages of 100, 100, 50.
			name: "page-boundaries-250",
			spec: boomisim.DatasetSpec{Seed: 10, Users: 250, MaxRolesPerUser: 1, CustomRoles: 2, Groups: 2, GroupRoleLinks: 230, SubAccounts: 2, FederatedUsers: 201},
			check: func(t *testing.T, env *simEnv, _ *c1zContents, _ *syncexpect.Expected) {
				links := len(env.account(env.Sim.Snapshot()).UserRoles)
				if links <= 200 {
					t.Errorf("dataset has %d user-role links; it must cross two page boundaries", links)
				}
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			env := startSim(t, tc.spec, noRateLimit)
			got, exp := syncAndCompare(t, env)
			t.Logf("%s: %s", tc.name, countsSummary(got))
			if tc.check != nil {
				tc.check(t, env, got, exp)
			}
		})
	}
}
