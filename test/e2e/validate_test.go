package e2e

import (
	"testing"

	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

// TestValidateFailuresNameTheCause: a sync with bad credentials fails before reading anything, with a
// sentence that says what is wrong, and never echoes the token it was given.
func TestValidateFailuresNameTheCause(t *testing.T) {
	env := startSim(t, boomisim.DefaultSpec(20, 30), noRateLimit)
	// These runs give the credentials under their old names (--account-id, --username, --api-token) on
	// purpose: those keep working next to the documented --boomi-* names that connArgs uses.
	wrongToken := "e2e-wrong-token-5f1c0d"
	cases := []struct {
		name     string
		args     []string
		secret   string
		fragment string
	}{
		{"wrong-token", []string{"--base-url", env.HTTP.URL, "--account-id", env.Conn.AccountID,
			"--username", env.Conn.Username, "--api-token", wrongToken}, wrongToken, "--boomi-api-token"},
		{"foreign-account", []string{"--base-url", env.HTTP.URL, "--account-id", "nosuch-ZZ99ZZ",
			"--username", env.Conn.Username, "--api-token", env.Conn.Token}, env.Conn.Token, "--boomi-account-id"},
		{"unreachable-host", []string{"--base-url", "http://127.0.0.1:1", "--account-id", env.Conn.AccountID,
			"--username", env.Conn.Username, "--api-token", env.Conn.Token}, env.Conn.Token, "127.0.0.1:1"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			env.Sim.ResetCounters()
			res := run(t, append(tc.args, "-f", env.c1zPath(tc.name))...)
			mustFailWith(t, tc.name, res, tc.fragment)
			t.Logf("%s: %s", tc.name, lastLine(res.Output))
			assertNoSecretInOutput(t, tc.secret, res)
			for route, c := range env.Sim.Counters() {
				if route != "GET /Account/{id}" && route != "POST /Role/query" {
					t.Errorf("%s: %d requests to %s after a failed validation", tc.name, c.Requests, route)
				}
			}
		})
	}
}
