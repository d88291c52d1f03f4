package e2e

import (
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	rs "github.com/conductorone/baton-sdk/pkg/types/resource"

	"github.com/baton-boomi/baton-boomi/internal/syncexpect"
	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
	"github.com/baton-boomi/baton-boomi/pkg/connector"
)

// Primary-account mode (--include-sub-accounts) through the real binary: a primary with three active
// sub-accounts (one of them holding a nested sub-account) and one suspended sub-account. Sync is held to
// syncexpect.ForTree; grants and revokes are judged by the simulator's state in the target sub-account.

// treeWorld is the dataset: small, so the whole test stays a few seconds.
type treeWorld struct {
	env       *simEnv
	active    []string // the three active direct sub-accounts
	nested    string   // below active[0]
	suspended string
	foreign   string // an account outside the tree, known to the credential
}

func startTreeWorld(t *testing.T) *treeWorld {
	t.Helper()
	spec := boomisim.DefaultSpec(40, 13)
	spec.SubAccounts = 4
	spec.Tree = &boomisim.TreeSpec{UsersPerSubAccount: 6, OwnUsersPerSubAccount: 2, CustomRolesPerSubAccount: 1, Nested: 1}
	st := boomisim.Generate(spec)
	conn := boomisim.AdminConnection(st)
	w := &treeWorld{}
	var direct []string
	for id, a := range st.Accounts {
		switch a.ParentID {
		case conn.AccountID:
			direct = append(direct, id)
		case "":
		default:
			w.nested = id
		}
	}
	sort.Strings(direct)
	if len(direct) != 4 || w.nested == "" {
		t.Fatalf("the tree dataset has %d direct sub-accounts and nested %q; want 4 and one", len(direct), w.nested)
	}
	// Make the nested account's parent one of the three active ones, and the fourth suspended.
	parent := st.Accounts[w.nested].ParentID
	for _, id := range direct {
		if id != parent && w.suspended == "" {
			w.suspended = id
			continue
		}
		w.active = append(w.active, id)
	}
	for _, id := range append(slices.Clone(w.active), w.nested) {
		st.Accounts[id].Account.Status = "active"
	}
	st.Accounts[w.suspended].Account.Status = "suspended"
	// An account the admin belongs to that is not below the primary: the Partner API must refuse it.
	w.foreign = "outside-ZZ9ZZ9"
	st.Accounts[w.foreign] = &boomisim.AccountState{Account: boomisim.Account{AccountID: w.foreign, Name: "Outside", Status: "active"}}
	st.Credentials[0].Accounts = append(st.Credentials[0].Accounts, w.foreign)
	w.env = startSimWithState(t, st, noRateLimit)
	return w
}

var treeFlags = append([]string{"--include-sub-accounts"}, fastPacing...)

func TestPrimaryAccountModeSyncAndProvisioning(t *testing.T) {
	w := startTreeWorld(t)
	env := w.env
	c1z := env.c1zPath("tree")

	// Sync: every active sub-account, the nested one included, with its direct holders; the suspended one
	// listed but not read, with one warning.
	roles := env.servedRoles(t)
	env.Sim.ResetCounters()
	res := env.mustSync(t, c1z, treeFlags...)
	counters := env.Sim.Counters()
	exp := syncexpect.ForTree(env.Sim.Snapshot(), env.Conn.AccountID, roles, syncexpect.TreeOptions{})
	got := readC1Z(t, c1z)
	compareSync(t, exp, got, syncexpect.Platform)
	// Each read sub-account's objects once (every one fits in one page): its links, its assignable roles and
	// its own sub-accounts, on top of the primary's one of each (the primary's links in their userId ranges,
	// one query each); nothing for the suspended one.
	read := len(w.active) + 1
	for route, want := range map[string]int64{
		"POST /AccountUserRole/query": int64(connector.AccountUserRoleRanges()) + int64(read), "GET /getAssignableRoles": 1 + int64(read), "POST /Account/query": 1 + int64(read),
	} {
		if n := counters[route].Requests; n != want {
			t.Errorf("the tree sync sent %d %s requests, want %d", n, route, want)
		}
	}
	// One warning, for the one skipped account, naming it and the reason.
	if n := strings.Count(res.Output, "skipping a Boomi sub-account"); n != 1 || !strings.Contains(res.Output, w.suspended) || !strings.Contains(res.Output, "its status is suspended") {
		t.Errorf("want exactly one skip warning naming %s and its status, got %d:\n%s", w.suspended, n, res.Output)
	}
	// Users who exist only in a sub-account appear, with their direct grants, for every read sub-account,
	// and not at all for the suspended one.
	snap := env.Sim.Snapshot()
	for _, id := range append(slices.Clone(w.active), w.nested) {
		own := ownUsers(snap, env.Conn.AccountID, id)
		if len(own) == 0 {
			t.Fatalf("the dataset gives %s no users of its own", id)
		}
		for _, u := range own {
			if !got.resourceIDs(rtUser)[u] || got.Grants[grantKey{accountEntitlement(id, boomisim.StandardUserRoleID), rtUser, u}] == nil {
				t.Errorf("%s's own user %s or their Standard User grant is missing from the c1z", id, u)
				continue
			}
			// Sub-accounts' federation records are not read: such a user claims no SSO status at all.
			ut, err := rs.GetUserTrait(got.Resources[rtUser][u])
			if err != nil || ut.GetSsoStatus() != nil || !ut.GetProfile().GetFields()["sub_accounts_only"].GetBoolValue() {
				t.Errorf("sub-account-only user %s: trait %v (err %v); want no SSO status and sub_accounts_only", u, ut, err)
			}
		}
	}
	for _, u := range ownUsers(snap, env.Conn.AccountID, w.suspended) {
		if got.resourceIDs(rtUser)[u] {
			t.Errorf("the suspended sub-account %s was read: its own user %s is in the c1z", w.suspended, u)
		}
	}

	// Grant a role in each active sub-account and in the nested one; a second grant changes nothing.
	targets := append(slices.Clone(w.active), w.nested)
	for _, acct := range targets {
		user := userWithOnly(t, env, acct, boomisim.StandardUserRoleID)
		ent := accountEntitlement(acct, boomisim.ProductionSupportRoleID)
		for i := 1; i <= 2; i++ {
			mustSucceed(t, "grant in "+acct, w.grant(t, c1z, ent, user))
			roles := rolesOf(env.Sim.Snapshot().Accounts[acct], user)
			if count(roles, boomisim.ProductionSupportRoleID) != 1 || count(roles, boomisim.StandardUserRoleID) != 1 {
				t.Fatalf("after grant #%d in %s: %s holds %v, want Standard User and Production Support once each", i, acct, user, roles)
			}
		}
	}

	// Revoke the last role: Standard User is assigned first, so the user stays in the sub-account.
	acct := w.nested
	user := userWithOnly(t, env, acct, boomisim.StandardUserRoleID)
	env.Sim.Mutate(func(st *boomisim.State) {
		a := st.Accounts[acct]
		for i := range a.UserRoles {
			if strings.EqualFold(a.UserRoles[i].UserID, user) {
				a.UserRoles[i].RoleID = boomisim.SupportRoleID
			}
		}
	})
	env.mustSync(t, c1z, treeFlags...)
	mustSucceed(t, "revoke last role", w.revoke(t, c1z, grantID(grantKey{accountEntitlement(acct, boomisim.SupportRoleID), rtUser, user})))
	if roles := rolesOf(env.Sim.Snapshot().Accounts[acct], user); !reflect.DeepEqual(roles, []string{boomisim.StandardUserRoleID}) {
		t.Errorf("after revoking the last role in %s, %s holds %v; want exactly Standard User", acct, user, roles)
	}

	// The sole Standard User is refused and nothing changes (the sync puts the fallback grant in the c1z).
	env.mustSync(t, c1z, treeFlags...)
	before := env.Sim.Snapshot().Accounts[acct].UserRoles
	mustFailWith(t, "revoke of the sole Standard User", w.revoke(t, c1z, grantID(grantKey{accountEntitlement(acct, boomisim.StandardUserRoleID), rtUser, user})),
		"Standard User is the only role", acct)
	if after := env.Sim.Snapshot().Accounts[acct].UserRoles; !reflect.DeepEqual(before, after) {
		t.Errorf("the refused revoke changed %s's links", acct)
	}

	// A grant into the suspended sub-account is refused and changes nothing.
	// The principal must be a synced user: one the suspended account shares with the primary.
	suspendedUser := ""
	for _, l := range env.Sim.Snapshot().Accounts[w.suspended].UserRoles {
		if len(rolesOf(env.account(env.Sim.Snapshot()), l.UserID)) > 0 && !strings.EqualFold(l.UserID, env.Conn.Username) {
			suspendedUser = l.UserID
			break
		}
	}
	before = env.Sim.Snapshot().Accounts[w.suspended].UserRoles
	mustFailWith(t, "grant into the suspended sub-account",
		w.grant(t, c1z, accountEntitlement(w.suspended, boomisim.ProductionSupportRoleID), suspendedUser),
		w.suspended, "suspended", "changed nothing")
	if after := env.Sim.Snapshot().Accounts[w.suspended].UserRoles; !reflect.DeepEqual(before, after) {
		t.Errorf("the refused grant changed %s's links", w.suspended)
	}
}

// With --sub-accounts the sync governs exactly the listed ids: a nested one is read by id, and an account
// outside the tree is skipped with a warning while the rest syncs.
func TestPrimaryAccountModeSubAccountsList(t *testing.T) {
	w := startTreeWorld(t)
	env := w.env
	c1z := env.c1zPath("listed")
	only := []string{w.active[1], w.nested, w.foreign}
	res := env.mustSync(t, c1z, append(slices.Clone(treeFlags), "--sub-accounts", strings.Join(only, ","))...)
	exp := syncexpect.ForTree(env.Sim.Snapshot(), env.Conn.AccountID, env.servedRoles(t), syncexpect.TreeOptions{Only: only})
	got := readC1Z(t, c1z)
	compareSync(t, exp, got, syncexpect.Platform)
	if !strings.Contains(res.Output, w.foreign) || !strings.Contains(res.Output, "not below account") {
		t.Errorf("the sync log does not say why %s was skipped:\n%s", w.foreign, res.Output)
	}
	if _, ok := got.Resources[rtAccount][w.active[0]]; ok {
		t.Errorf("%s is not in --sub-accounts but was synced", w.active[0])
	}
}

// With the per-sub-account rate limit and parallel SDK workers the sync writes the same contents.
func TestPrimaryAccountModeParallel(t *testing.T) {
	w := startTreeWorld(t)
	env := w.env
	c1z := env.c1zPath("parallel")
	env.mustSync(t, c1z, append(slices.Clone(treeFlags), "--override-account-rate-limit", "--workers", "4")...)
	exp := syncexpect.ForTree(env.Sim.Snapshot(), env.Conn.AccountID, env.servedRoles(t), syncexpect.TreeOptions{})
	compareSync(t, exp, readC1Z(t, c1z), syncexpect.Platform)
}

// Validate reports the Partner API: without it the mode stops at once with a sentence naming the fix, and
// the same account still syncs without the mode.
func TestPrimaryAccountModeNeedsThePartnerAPI(t *testing.T) {
	w := startTreeWorld(t)
	env := w.env
	env.Sim.Mutate(func(st *boomisim.State) { st.Accounts[env.Conn.AccountID].PartnerAPIDisabled = true })
	res := env.runWith(t, append(slices.Clone(treeFlags), "-f", env.c1zPath("refused"))...)
	mustFailWith(t, "a tree sync without Partner API access", res, "ask Boomi support to enable Partner API access", env.Conn.AccountID)
	env.mustSync(t, env.c1zPath("plain"), fastPacing...)
}

// userWithOnly returns a user (never the admin) whose only role in the sub-account is roleID.
func userWithOnly(t *testing.T, env *simEnv, account, roleID string) string {
	t.Helper()
	users, roles := usersByRoles(env.Sim.Snapshot().Accounts[account])
	for _, u := range users {
		if !strings.EqualFold(u, env.Conn.Username) && reflect.DeepEqual(roles[u], []string{roleID}) {
			return u
		}
	}
	t.Fatalf("sub-account %s has no user holding only %s; change the seed", account, roleID)
	return ""
}

// ownUsers are the users of a sub-account who hold nothing in the primary, directly or through a group.
func ownUsers(st *boomisim.State, primary, account string) []string {
	inPrimary := map[string]bool{}
	for _, l := range st.Accounts[primary].UserRoles {
		inPrimary[strings.ToLower(l.UserID)] = true
	}
	for _, l := range st.Accounts[primary].GroupUserRoles {
		inPrimary[strings.ToLower(l.UserID)] = true
	}
	var out []string
	for _, l := range st.Accounts[account].UserRoles {
		if !inPrimary[strings.ToLower(l.UserID)] && !slices.Contains(out, l.UserID) {
			out = append(out, l.UserID)
		}
	}
	return out
}

// grant and revoke run one-shot tasks in primary-account mode.
func (w *treeWorld) grant(t *testing.T, c1z, entitlement, user string) runResult {
	t.Helper()
	return w.env.runWith(t, append(slices.Clone(treeFlags), "-f", c1z, "--grant-entitlement", entitlement,
		"--grant-principal", user, "--grant-principal-type", rtUser)...)
}

func (w *treeWorld) revoke(t *testing.T, c1z, grant string) runResult {
	t.Helper()
	return w.env.runWith(t, append(slices.Clone(treeFlags), "-f", c1z, "--revoke-grant", grant)...)
}
