package e2e

import (
	"reflect"
	"strings"
	"testing"

	rs "github.com/conductorone/baton-sdk/pkg/types/resource"

	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

// Bad input at the edges, through the binary.

// TestBadConfigValuesFailBeforeAnyRequest: values that cannot be right — wrong-typed, non-UTF-8, with a
// line break, injection-looking, overlong — each give one clear error, and the simulator sees no request.
func TestBadConfigValuesFailBeforeAnyRequest(t *testing.T) {
	env := startSim(t, boomisim.DefaultSpec(20, 93), noRateLimit)
	base := func(over map[string]string) []string {
		flags := map[string]string{
			"--base-url": env.HTTP.URL, "--boomi-account-id": env.Conn.AccountID,
			"--boomi-email": env.Conn.Username, "--boomi-api-token": env.Conn.Token,
		}
		for k, v := range over {
			flags[k] = v
		}
		var args []string
		for k, v := range flags {
			args = append(args, k, v)
		}
		return args
	}
	cases := []struct {
		name     string
		over     map[string]string
		fragment string
	}{
		{"rps-not-a-number", map[string]string{"--requests-per-second": "fast"}, "requests-per-second"},
		{"rps-negative", map[string]string{"--requests-per-second": "-5"}, "requests-per-second"},
		{"rps-absurd", map[string]string{"--requests-per-second": "100000"}, "requests-per-second"},
		{"account-id-path-injection", map[string]string{"--boomi-account-id": "acme/../other?x=1#"}, "--boomi-account-id"},
		{"account-id-quote-injection", map[string]string{"--boomi-account-id": "acme' OR '1'='1"}, "--boomi-account-id"},
		{"account-id-overlong", map[string]string{"--boomi-account-id": strings.Repeat("a", 300)}, "--boomi-account-id"},
		{"account-id-non-ascii", map[string]string{"--boomi-account-id": "acmé-AB12CD"}, "--boomi-account-id"},
		{"username-not-utf8", map[string]string{"--boomi-email": "admin\xff@acme.test"}, "UTF-8"},
		{"token-with-newline", map[string]string{"--boomi-api-token": env.Conn.Token + "\n"}, "line break"},
		{"token-with-space", map[string]string{"--boomi-api-token": "two words"}, "space"},
		{"base-url-with-query", map[string]string{"--base-url": env.HTTP.URL + "/?x=<script>"}, "query"},
		{"base-url-not-http", map[string]string{"--base-url": "javascript:alert(1)"}, "--base-url"},
		{"mft-url-without-key", map[string]string{"--mft-base-url": env.HTTP.URL + "/mft"}, "mft-api-key"},
		{"mft-key-with-newline", map[string]string{"--mft-base-url": env.HTTP.URL + "/mft", "--mft-api-key": "k\r\nX-Injected: 1"}, "--mft-api-key"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			env.Sim.ResetCounters()
			res := run(t, append(base(tc.over), "-f", env.c1zPath(tc.name))...)
			mustFailWith(t, tc.name, res, tc.fragment)
			t.Logf("%s: %s", tc.name, lastLine(res.Output))
			assertNoSecretInOutput(t, env.Conn.Token, res)
			for route, c := range env.Sim.Counters() {
				t.Errorf("%s: %d requests to %s; a bad value must be refused before any request", tc.name, c.Requests, route)
			}
		})
	}
}

// TestAwkwardCharactersAreEscapedEverywhere: a user whose e-mail holds / ? % # + & ' and non-ASCII letters,
// with a federation id that adds spaces and quotes, is created, synced, granted a role and revoked through
// the binary; the simulator's state shows the exact strings each time (URL paths, query filters and JSON
// bodies all escaped correctly).
func TestAwkwardCharactersAreEscapedEverywhere(t *testing.T) {
	env, c1z := provisioningEnv(t, 94)
	su, role := boomisim.StandardUserRoleID, boomisim.ProductionSupportRoleID
	users := []struct{ email, federationID string }{
		{"o'neil+tag&x%25y#z/w?q=1@example.com", ""},
		{"jürgen.müller@example.com", `Jürgen "JJ" Müller / #1 ?a=b&c=d+e%20f`},
	}
	for _, u := range users {
		profile := map[string]string{"first_name": "Zoë", "last_name": `O'Brien "the <b>bold</b>"`}
		if u.federationID != "" {
			profile["federation_id"] = u.federationID
		}
		mustSucceed(t, "create "+u.email, env.createAccount(t, u.email, profile))
		acc := env.account(env.Sim.Snapshot())
		if got := rolesOf(acc, u.email); !reflect.DeepEqual(got, []string{su}) {
			t.Fatalf("%s after create: roles %v, want [Standard User]", u.email, got)
		}
		if u.federationID != "" {
			if got := federationsOf(acc, u.email); !reflect.DeepEqual(got, []string{u.federationID}) {
				t.Fatalf("%s: federation ids %v, want [%s]", u.email, got, u.federationID)
			}
		}
	}

	env.mustSync(t, c1z, fastPacing...)
	got := readC1Z(t, c1z)
	for _, u := range users {
		r := got.Resources[rtUser][u.email]
		if r == nil {
			t.Fatalf("user %q is not in the synced c1z", u.email)
		}
		ut, err := rs.GetUserTrait(r)
		if err != nil {
			t.Fatal(err)
		}
		if fed, _ := rs.GetProfileStringValue(ut.GetProfile(), "federation_id"); fed != u.federationID {
			t.Errorf("%s: synced federation id %q, want %q", u.email, fed, u.federationID)
		}
		if last, _ := rs.GetProfileStringValue(ut.GetProfile(), "last_name"); last != `O'Brien "the <b>bold</b>"` {
			t.Errorf("%s: synced last name %q", u.email, last)
		}
	}

	for _, u := range users {
		mustSucceed(t, "grant to "+u.email, env.grant(t, c1z, roleEntitlement(role), rtUser, u.email))
		if got := rolesOf(env.account(env.Sim.Snapshot()), u.email); count(got, role) != 1 {
			t.Fatalf("%s after grant: roles %v", u.email, got)
		}
	}
	env.mustSync(t, c1z, fastPacing...)
	for _, u := range users {
		mustSucceed(t, "revoke from "+u.email, env.revoke(t, c1z, grantID(grantKey{roleEntitlement(role), rtUser, u.email})))
		if got := rolesOf(env.account(env.Sim.Snapshot()), u.email); !reflect.DeepEqual(got, []string{su}) {
			t.Fatalf("%s after revoke: roles %v, want [Standard User]", u.email, got)
		}
	}
}
