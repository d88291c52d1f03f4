package e2e

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

// Provisioning through the real binary and the SDK's one-shot CLI flags. Every step is judged by the
// simulator's state afterwards; a failed one-shot run can exit 0 (baton-sdk v0.26.0 does not turn a failed task into a non-zero exit), so expected
// failures are recognised by their error text and unchanged state.

const provisioningUsers = 80

func provisioningEnv(t *testing.T, seed int64) (*simEnv, string) {
	t.Helper()
	env := startSim(t, boomisim.DefaultSpec(provisioningUsers, seed), noRateLimit)
	path := env.c1zPath("sync")
	env.mustSync(t, path, fastPacing...)
	return env, path
}

func (e *simEnv) grant(t *testing.T, c1z, entitlement, principalType, principal string) runResult {
	t.Helper()
	return e.runWith(t, "-f", c1z, "--grant-entitlement", entitlement,
		"--grant-principal", principal, "--grant-principal-type", principalType)
}

func (e *simEnv) revoke(t *testing.T, c1z, grant string) runResult {
	t.Helper()
	return e.runWith(t, "-f", c1z, "--revoke-grant", grant)
}

// mustFailWith asserts a run failed (by exit status or error text) and that its output names the cause:
// every one of the given fragments appears (case-insensitive).
func mustFailWith(t *testing.T, what string, res runResult, fragments ...string) {
	t.Helper()
	if !res.failed() {
		t.Errorf("%s did not fail:\n%s", what, res)
		return
	}
	for _, f := range fragments {
		if !strings.Contains(strings.ToLower(res.Output), strings.ToLower(f)) {
			t.Errorf("%s failed, but the output does not say %q:\n%s", what, f, res)
		}
	}
}

func mustSucceed(t *testing.T, what string, res runResult) {
	t.Helper()
	if res.failed() {
		t.Fatalf("%s failed (exit %d):\n%s", what, res.ExitCode, res)
	}
}

// pickUser returns the first account user (sorted, never the admin) whose roles satisfy ok.
func pickUser(t *testing.T, env *simEnv, ok func(user string, roles []string) bool) string {
	t.Helper()
	users, roles := usersByRoles(env.account(env.Sim.Snapshot()))
	for _, u := range users {
		if !strings.EqualFold(u, env.Conn.Username) && ok(u, roles[u]) {
			return u
		}
	}
	t.Fatal("the dataset has no user for this case; change the seed or the spec")
	return ""
}

func TestProvisionRoleGrantAndRevokeTwice(t *testing.T) {
	env, c1z := provisioningEnv(t, 21)
	role, quiet := boomisim.ProductionSupportRoleID, boomisim.SupportRoleID
	user := pickUser(t, env, func(_ string, roles []string) bool { return count(roles, role) == 0 && count(roles, quiet) == 0 })
	ent := roleEntitlement(role)
	invitesBefore := invitationsTo(env.Sim.Snapshot(), env.Conn.AccountID, user)

	for i := 1; i <= 2; i++ {
		res := env.grant(t, c1z, ent, rtUser, user)
		mustSucceed(t, "grant", res)
		st := env.Sim.Snapshot()
		if n := count(rolesOf(env.account(st), user), role); n != 1 {
			t.Fatalf("after grant #%d: %s holds %s %d times, want 1", i, user, role, n)
		}
		// --notify-users defaults to true: Boomi e-mails the user once, for the first (real) grant only.
		if n := invitationsTo(st, env.Conn.AccountID, user) - invitesBefore; n != 1 {
			t.Errorf("after grant #%d: %d e-mails sent, want 1", i, n)
		}
	}

	// With --notify-users=false a grant sends no e-mail.
	before := invitationsTo(env.Sim.Snapshot(), env.Conn.AccountID, user)
	mustSucceed(t, "quiet grant", env.runWith(t, "-f", c1z, "--notify-users=false", "--grant-entitlement", roleEntitlement(quiet),
		"--grant-principal", user, "--grant-principal-type", rtUser))
	st := env.Sim.Snapshot()
	if count(rolesOf(env.account(st), user), quiet) != 1 {
		t.Errorf("the --notify-users=false grant did not assign %s", quiet)
	}
	if n := invitationsTo(st, env.Conn.AccountID, user) - before; n != 0 {
		t.Errorf("--notify-users=false: %d e-mails sent, want 0", n)
	}
	rolesAfterGrant := rolesOf(env.account(env.Sim.Snapshot()), user)

	// The revoke reads the grant from the c1z, so the new grant must be synced first.
	env.mustSync(t, c1z, fastPacing...)
	g := grantID(grantKey{ent, rtUser, user})
	for i := 1; i <= 2; i++ {
		res := env.revoke(t, c1z, g)
		mustSucceed(t, "revoke", res)
		roles := rolesOf(env.account(env.Sim.Snapshot()), user)
		if count(roles, role) != 0 {
			t.Fatalf("after revoke #%d: %s still holds %s", i, user, role)
		}
		if len(roles) != len(rolesAfterGrant)-1 {
			t.Fatalf("after revoke #%d: roles %v, want %v minus %s", i, roles, rolesAfterGrant, role)
		}
	}
}

func TestProvisionNonCanonicalRoleGrantRefused(t *testing.T) {
	env, c1z := provisioningEnv(t, 22)
	before := env.Sim.Snapshot()
	user := pickUser(t, env, func(_ string, _ []string) bool { return true })
	env.Sim.ResetCounters()
	res := env.grant(t, c1z, roleEntitlement(boomisim.NonCanonicalRoleID), rtUser, user)
	mustFailWith(t, "grant of the non-canonical role", res, boomisim.NonCanonicalRoleID)
	if !reflect.DeepEqual(rolesOf(env.account(before), user), rolesOf(env.account(env.Sim.Snapshot()), user)) {
		t.Error("state changed after a refused grant")
	}
	for route, c := range env.Sim.Counters() {
		if strings.HasPrefix(route, "POST /AccountUserRole") && !strings.HasSuffix(route, "query") && !strings.HasSuffix(route, "queryMore") {
			t.Errorf("%s called %d times; the grant must fail before any write", route, c.Requests)
		}
	}
}

func TestProvisionLastRoleRevoke(t *testing.T) {
	env, c1z := provisioningEnv(t, 23)
	su := boomisim.StandardUserRoleID
	st := env.Sim.Snapshot()
	c := readC1Z(t, c1z)

	// A user whose only role is not Standard User: revoking it leaves exactly Standard User.
	lastRoleUser := pickUser(t, env, func(_ string, roles []string) bool { return len(roles) == 1 && roles[0] != su })
	lastRole := rolesOf(env.account(st), lastRoleUser)[0]
	g := grantKey{roleEntitlement(lastRole), rtUser, lastRoleUser}
	if c.Grants[g] == nil {
		t.Fatalf("grant %s not in the synced c1z", grantID(g))
	}
	invitesBefore := invitationsTo(st, env.Conn.AccountID, lastRoleUser)
	mustSucceed(t, "last-role revoke", env.revoke(t, c1z, grantID(g)))
	afterRevoke := env.Sim.Snapshot()
	if got := rolesOf(env.account(afterRevoke), lastRoleUser); !reflect.DeepEqual(got, []string{su}) {
		t.Errorf("after revoking %s's last role: roles %v, want only Standard User", lastRoleUser, got)
	}
	if n := invitationsTo(afterRevoke, env.Conn.AccountID, lastRoleUser) - invitesBefore; n != 0 {
		t.Errorf("the Standard User safety net sent %d e-mails, want 0", n)
	}

	// A user whose only role is Standard User: the revoke is refused and nothing changes.
	soleSU := pickUser(t, env, func(_ string, roles []string) bool { return len(roles) == 1 && roles[0] == su })
	before := env.Sim.Snapshot()
	res := env.revoke(t, c1z, grantID(grantKey{roleEntitlement(su), rtUser, soleSU}))
	mustFailWith(t, "revoking the sole Standard User role", res, "Standard User", "FailedPrecondition", "not support")
	after := env.Sim.Snapshot()
	if !reflect.DeepEqual(env.account(before).UserRoles, env.account(after).UserRoles) {
		t.Error("AccountUserRole links changed after a refused revoke")
	}
}

func TestProvisionAccountGroupRole(t *testing.T) {
	env, c1z := provisioningEnv(t, 24)
	st := env.Sim.Snapshot()
	acc := env.account(st)
	if len(acc.Groups) == 0 {
		t.Fatal("dataset has no account groups")
	}
	group := acc.Groups[0].ID
	role := boomisim.SupportRoleID
	// Boomi adds only users who have signed in at least once to account groups.
	user := pickUser(t, env, func(u string, _ []string) bool {
		pu := st.Users[u]
		return pu != nil && pu.LoggedIn && groupRoleLinks(acc, group, u, role) == 0
	})
	ent := groupEntitlement(group, role)
	for i := 1; i <= 2; i++ {
		mustSucceed(t, "account-group grant", env.grant(t, c1z, ent, rtUser, user))
		if n := groupRoleLinks(env.account(env.Sim.Snapshot()), group, user, role); n != 1 {
			t.Fatalf("after group grant #%d: %d links, want 1", i, n)
		}
	}
	env.mustSync(t, c1z, fastPacing...)
	for i := 1; i <= 2; i++ {
		mustSucceed(t, "account-group revoke", env.revoke(t, c1z, grantID(grantKey{ent, rtUser, user})))
		if n := groupRoleLinks(env.account(env.Sim.Snapshot()), group, user, role); n != 0 {
			t.Fatalf("after group revoke #%d: %d links, want 0", i, n)
		}
	}
}

// createAccount runs --create-account-email with a JSON profile.
func (e *simEnv) createAccount(t *testing.T, email string, profile map[string]string) runResult {
	t.Helper()
	js, err := json.Marshal(profile)
	if err != nil {
		t.Fatal(err)
	}
	return e.runWith(t, "-f", e.c1zPath("create"), "--create-account-email", email, "--create-account-profile", string(js))
}

func TestCreateAccount(t *testing.T) {
	env := startSim(t, boomisim.DefaultSpec(provisioningUsers, 25), noRateLimit)
	su := boomisim.StandardUserRoleID

	t.Run("plain", func(t *testing.T) {
		email := "e2e.plain@example.com"
		mustSucceed(t, "create account", env.createAccount(t, email, map[string]string{"first_name": "Plain", "last_name": "User"}))
		st := env.Sim.Snapshot()
		if got := rolesOf(env.account(st), email); !reflect.DeepEqual(got, []string{su}) {
			t.Errorf("roles %v, want [Standard User]", got)
		}
		if n := invitationsTo(st, env.Conn.AccountID, email); n != 1 {
			t.Errorf("%d invitations sent, want 1", n)
		}
		if f := federationsOf(env.account(st), email); len(f) != 0 {
			t.Errorf("federation records %v for a plain user", f)
		}
		// Creating the same user again reports it as existing and writes nothing.
		res := env.createAccount(t, email, map[string]string{"first_name": "Plain", "last_name": "User"})
		mustSucceed(t, "create existing account", res)
		st2 := env.Sim.Snapshot()
		if got := rolesOf(env.account(st2), email); !reflect.DeepEqual(got, []string{su}) {
			t.Errorf("after re-creating: roles %v", got)
		}
		if n := invitationsTo(st2, env.Conn.AccountID, email); n != 1 {
			t.Errorf("after re-creating: %d invitations, want still 1", n)
		}
	})

	t.Run("sso", func(t *testing.T) {
		email, fed := "e2e.sso@example.com", "e2e-sso-federation-1"
		mustSucceed(t, "create SSO account", env.createAccount(t, email, map[string]string{
			"first_name": "Sso", "last_name": "User", "federation_id": fed}))
		st := env.Sim.Snapshot()
		if got := rolesOf(env.account(st), email); !reflect.DeepEqual(got, []string{su}) {
			t.Errorf("roles %v, want [Standard User]", got)
		}
		if got := federationsOf(env.account(st), email); !reflect.DeepEqual(got, []string{fed}) {
			t.Errorf("federation ids %v, want [%s]", got, fed)
		}
		if n := invitationsTo(st, env.Conn.AccountID, email); n != 0 {
			t.Errorf("%d invitation e-mails sent to an SSO user, want 0", n)
		}
	})

	t.Run("duplicate-federation-id", func(t *testing.T) {
		before := env.Sim.Snapshot()
		acc := env.account(before)
		if len(acc.Federations) == 0 {
			t.Fatal("dataset has no federated user")
		}
		taken := acc.Federations[0].FederationID
		email := "e2e.dupfed@example.com"
		res := env.createAccount(t, email, map[string]string{"first_name": "Dup", "federation_id": taken})
		mustFailWith(t, "creating a user with a taken federation id", res, taken)
		after := env.Sim.Snapshot()
		if !reflect.DeepEqual(acc.UserRoles, env.account(after).UserRoles) ||
			!reflect.DeepEqual(acc.Federations, env.account(after).Federations) ||
			len(before.Invitations) != len(after.Invitations) {
			t.Error("something was written although the federation id was taken")
		}
	})

	t.Run("rejected-up-front", func(t *testing.T) {
		for _, tc := range []struct {
			name, email string
			profile     map[string]string
			fragment    string
		}{
			{"unknown-role", "e2e.badrole@example.com", map[string]string{"role_id": "00000000-0000-4000-8000-00000000e2e0"}, "00000000-0000-4000-8000-00000000e2e0"},
			// The SDK validates the address itself before the connector sees the request.
			{"invalid-email", "not-an-email", map[string]string{"first_name": "Bad"}, "valid email address"},
		} {
			before := env.Sim.Snapshot()
			env.Sim.ResetCounters()
			res := env.createAccount(t, tc.email, tc.profile)
			mustFailWith(t, tc.name, res, tc.fragment)
			after := env.Sim.Snapshot()
			if !reflect.DeepEqual(env.account(before).UserRoles, env.account(after).UserRoles) || len(before.Invitations) != len(after.Invitations) {
				t.Errorf("%s: something was written", tc.name)
			}
			for route, c := range env.Sim.Counters() {
				if strings.HasPrefix(route, "POST /AccountUserRole") && !strings.Contains(route, "query") {
					t.Errorf("%s: %s called %d times; the request must be rejected before any write", tc.name, route, c.Requests)
				}
			}
		}
	})

	t.Run("rollback-after-federation-failure", func(t *testing.T) {
		before := env.Sim.Snapshot()
		env.Sim.SetFaults(boomisim.Faults{Routes: map[string]boomisim.RouteFault{
			"POST /AccountUserFederation": {Count: 50, Status: 500},
		}})
		t.Cleanup(func() { env.Sim.SetFaults(boomisim.Faults{}) })
		email := "e2e.rollback@example.com"
		res := env.createAccount(t, email, map[string]string{"first_name": "Roll", "federation_id": "e2e-rollback-fed"})
		env.Sim.SetFaults(boomisim.Faults{})
		mustFailWith(t, "creation with a failing federation step", res, "federation", "removed")
		after := env.Sim.Snapshot()
		if got := rolesOf(env.account(after), email); len(got) != 0 {
			t.Errorf("user left half-created with roles %v", got)
		}
		if got := federationsOf(env.account(after), email); len(got) != 0 {
			t.Errorf("federation records %v left behind", got)
		}
		if !reflect.DeepEqual(env.account(before).UserRoles, env.account(after).UserRoles) {
			t.Error("AccountUserRole links differ from before the failed creation")
		}
	})
}

// invokeUserAction runs a resource action on the user type with args.
func (e *simEnv) invokeUserAction(t *testing.T, name string, args map[string]any) runResult {
	t.Helper()
	js, err := json.Marshal(args)
	if err != nil {
		t.Fatal(err)
	}
	return e.runWith(t, "-f", e.c1zPath("actions"), "--invoke-action", name,
		"--invoke-action-resource-type", rtUser, "--invoke-action-args", string(js))
}

func TestSSOActions(t *testing.T) {
	env := startSim(t, boomisim.DefaultSpec(provisioningUsers, 26), noRateLimit)
	st := env.Sim.Snapshot()
	user := pickUser(t, env, func(u string, _ []string) bool { return len(federationsOf(env.account(st), u)) == 0 })
	userArg := map[string]any{"resource_type_id": rtUser, "resource_id": user}
	fed := "e2e-action-fed-1"

	mustSucceed(t, "enable_sso", env.invokeUserAction(t, "enable_sso", map[string]any{"user_id": userArg, "federation_id": fed}))
	if got := federationsOf(env.account(env.Sim.Snapshot()), user); !reflect.DeepEqual(got, []string{fed}) {
		t.Fatalf("after enable_sso: federation ids %v, want [%s]", got, fed)
	}
	// Enabling again with another id updates the one record.
	fed2 := "e2e-action-fed-2"
	mustSucceed(t, "enable_sso again", env.invokeUserAction(t, "enable_sso", map[string]any{"user_id": userArg, "federation_id": fed2}))
	if got := federationsOf(env.account(env.Sim.Snapshot()), user); !reflect.DeepEqual(got, []string{fed2}) {
		t.Fatalf("after the second enable_sso: federation ids %v, want [%s]", got, fed2)
	}
	mustSucceed(t, "disable_sso", env.invokeUserAction(t, "disable_sso", map[string]any{"user_id": userArg}))
	if got := federationsOf(env.account(env.Sim.Snapshot()), user); len(got) != 0 {
		t.Fatalf("after disable_sso: federation ids %v, want none", got)
	}
	mustSucceed(t, "disable_sso again", env.invokeUserAction(t, "disable_sso", map[string]any{"user_id": userArg}))
}
