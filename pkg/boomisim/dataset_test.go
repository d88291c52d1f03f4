package boomisim

import (
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
)

func TestGenerateIsDeterministicPerSeed(t *testing.T) {
	spec := DefaultSpec(300, 7)
	spec.MFT = &MFTSpec{Users: 5, Roles: 2, Organizations: 2, Mappings: 2}
	a, b := Generate(spec), Generate(spec)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two worlds from the same spec differ")
	}
	spec.Seed = 8
	c := Generate(spec)
	if reflect.DeepEqual(a, c) {
		t.Fatal("seeds 7 and 8 gave the same world")
	}
	if AdminConnection(a) == AdminConnection(c) {
		t.Errorf("seeds 7 and 8 gave the same admin connection %+v", AdminConnection(a))
	}
	if a.MFT == nil || len(a.MFT.APIKeys) == 0 {
		t.Error("MFT spec given but no MFT tenant generated")
	}
}

func TestGenerateHonoursSizes(t *testing.T) {
	spec := DatasetSpec{Seed: 3, Users: 120, MaxRolesPerUser: 5, CustomRoles: 14, Groups: 4, GroupRoleLinks: 37,
		SubAccounts: 6, FederatedUsers: 33, LoginEvents: 250}
	st := Generate(spec)
	main := mainAccountOf(t, st)

	if len(st.Users) != 120 || len(distinctUsers(main)) != 120 {
		t.Errorf("users: %d platform, %d in the main account, want 120", len(st.Users), len(distinctUsers(main)))
	}
	if len(main.Roles) != 14 || len(main.Groups) != 4 || len(main.GroupUserRoles) != 37 || len(main.Federations) != 33 {
		t.Errorf("roles %d groups %d group links %d federations %d, want 14 4 37 33",
			len(main.Roles), len(main.Groups), len(main.GroupUserRoles), len(main.Federations))
	}
	if subs := subAccountsOf(st, main); len(subs) != 6 {
		t.Errorf("sub-accounts %d, want 6", len(subs))
	}
	logins, locks := 0, 0
	for _, l := range main.AuditLogs {
		switch {
		case l.Type == "account" && l.Action == "ON_ENTRY" && l.Modifier == "SUCCESS":
			logins++
		case l.Type == "user" && l.Action == "UPDATE" && l.Modifier == "AUTHENTICATION":
			locks++
			if len(l.Properties) != 1 || l.Properties[0].Name != "userId" || st.Users[l.Properties[0].Value] == nil {
				t.Errorf("lock/unlock event %+v does not name an existing user in its userId property", l)
			}
		}
	}
	if logins != 250 || locks == 0 {
		t.Errorf("login events %d (want 250), lock/unlock events %d (want some)", logins, locks)
	}
	for _, acct := range st.Accounts {
		for _, ur := range acct.UserRoles {
			if n := len(rolesOf(acct, ur.UserID)); n > 5 {
				t.Errorf("%s holds %d roles in %s, the cap is 5", ur.UserID, n, acct.Account.AccountID)
			}
		}
	}
}

func TestGeneratedWorldInvariants(t *testing.T) {
	st := Generate(DefaultSpec(1000, 7))
	main := mainAccountOf(t, st)
	primaryID := main.Account.AccountID
	accountIDShape := regexp.MustCompile(`^[a-z0-9]+-[A-Z0-9]{6}$`)
	custom := map[string]bool{}
	for _, r := range main.Roles {
		custom[r.ID] = true
		if !canonicalUUID.MatchString(r.ID) || r.ParentID != StandardUserRoleID || r.AccountID != primaryID {
			t.Errorf("custom role %+v: want a canonical UUID, parent Standard User, owned by the primary", r)
		}
	}
	knownRole := func(id string) bool { return custom[id] || isBuiltinRole(id) }

	// Users: unique logins ignoring case, and the realistic mess.
	lower := map[string]bool{}
	var mixedCase, plus, nonASCII bool
	for email, u := range st.Users {
		if lower[strings.ToLower(email)] {
			t.Errorf("two users differ only by case: %s", email)
		}
		lower[strings.ToLower(email)] = true
		mixedCase = mixedCase || email != strings.ToLower(email)
		plus = plus || strings.Contains(email, "+")
		nonASCII = nonASCII || hasNonASCII(u.FirstName+u.LastName)
	}
	if !mixedCase || !plus || !nonASCII {
		t.Errorf("mixed-case e-mail %v, plus-addressed %v, non-ASCII name %v: want all", mixedCase, plus, nonASCII)
	}
	for _, want := range []string{"José Müller", "雷 李", "Zoë O'Brien"} {
		if !slices.ContainsFunc(mapValues(st.Users), func(u *PlatformUser) bool { return u.FirstName+" "+u.LastName == want }) {
			t.Errorf("no user named %s", want)
		}
	}

	// Direct roles: every link valid and unique; the role mix tests rely on.
	var onlyStandard, fivePlus, nonCanonicalHeld bool
	for id, acct := range st.Accounts {
		if !accountIDShape.MatchString(id) || acct.Account.AccountID != id {
			t.Errorf("account id %q (object %q) not <name>-<6 upper alnum>", id, acct.Account.AccountID)
		}
		linkIDs := map[string]bool{}
		for _, ur := range acct.UserRoles {
			u, ok := st.Users[ur.UserID]
			if !ok || !knownRole(ur.RoleID) || ur.AccountID != id || linkIDs[ur.ID] {
				t.Errorf("bad or duplicate AccountUserRole %+v", ur)
				continue
			}
			linkIDs[ur.ID] = true
			if ur.FirstName != u.FirstName || ur.LastName != u.LastName {
				t.Errorf("link %s names %q %q, user has %q %q", ur.ID, ur.FirstName, ur.LastName, u.FirstName, u.LastName)
			}
		}
		for user := range distinctUsers(acct) {
			roles := rolesOf(acct, user)
			onlyStandard = onlyStandard || (len(roles) == 1 && roles[0] == StandardUserRoleID)
			fivePlus = fivePlus || len(roles) >= 5
			nonCanonicalHeld = nonCanonicalHeld || slices.Contains(roles, NonCanonicalRoleID)
		}
	}
	if !onlyStandard || !fivePlus || !nonCanonicalHeld {
		t.Errorf("user with only Standard User %v, with >=5 roles %v, holding the non-canonical role %v: want all",
			onlyStandard, fivePlus, nonCanonicalHeld)
	}

	// Sub-accounts and the admin.
	conn := AdminConnection(st)
	subs := subAccountsOf(st, main)
	if conn.AccountID != primaryID || conn.Username == "" || conn.Token == "" {
		t.Fatalf("admin connection %+v, want the primary %s", conn, primaryID)
	}
	if got := st.Credentials[0].Accounts; len(got) != len(st.Accounts) {
		t.Errorf("admin credential covers %d accounts, want all %d", len(got), len(st.Accounts))
	}
	for _, acct := range st.Accounts {
		if !slices.Contains(rolesOf(acct, conn.Username), AdministratorRoleID) {
			t.Errorf("admin lacks Administrator in %s", acct.Account.AccountID)
		}
		if acct != main && (acct.Primary || acct.ParentID != primaryID || len(acct.Groups) != 0) {
			t.Errorf("sub-account %s: primary %v parent %q groups %d", acct.Account.AccountID, acct.Primary, acct.ParentID, len(acct.Groups))
		}
	}

	// Groups: exactly one default group holding every sub-account; links only for users who logged in.
	groups := map[string]AccountGroup{}
	defaults := 0
	for _, gr := range main.Groups {
		groups[gr.ID] = gr
		if gr.DefaultGroup {
			defaults++
			if gr.Name != "All Accounts" {
				t.Errorf("default group named %q", gr.Name)
			}
		}
	}
	members := map[string]map[string]bool{}
	for _, ga := range main.GroupAccounts {
		if _, ok := groups[ga.AccountGroupID]; !ok || st.Accounts[ga.AccountID] == nil || st.Accounts[ga.AccountID].ParentID != primaryID {
			t.Errorf("bad AccountGroupAccount %+v", ga)
		}
		if members[ga.AccountGroupID] == nil {
			members[ga.AccountGroupID] = map[string]bool{}
		}
		members[ga.AccountGroupID][ga.AccountID] = true
	}
	for _, gr := range main.Groups {
		if gr.DefaultGroup && len(members[gr.ID]) != len(subs) {
			t.Errorf("default group holds %d of %d sub-accounts", len(members[gr.ID]), len(subs))
		}
	}
	if defaults != 1 {
		t.Errorf("%d default groups, want 1", defaults)
	}
	groupLinkIDs := map[string]bool{}
	for _, gur := range main.GroupUserRoles {
		u, ok := st.Users[gur.UserID]
		if !ok || !u.LoggedIn {
			t.Errorf("AccountGroupUserRole %+v: user missing or never logged in", gur)
		}
		if _, ok := groups[gur.AccountGroupID]; !ok || !knownRole(gur.RoleID) || groupLinkIDs[gur.ID] {
			t.Errorf("bad or duplicate AccountGroupUserRole %+v", gur)
		}
		groupLinkIDs[gur.ID] = true
	}

	// Federation: record ids and federation ids unique; users are members of the account.
	recIDs, fedIDs := map[string]bool{}, map[string]bool{}
	for _, f := range main.Federations {
		if recIDs[f.ID] || fedIDs[f.FederationID] || len(rolesOf(main, f.UserID)) == 0 || f.AccountID != primaryID {
			t.Errorf("bad or duplicate federation %+v", f)
		}
		recIDs[f.ID], fedIDs[f.FederationID] = true, true
	}
	if main.SSOConfig == nil || !main.SSOConfig.Enabled {
		t.Error("federated users but no enabled SSO config")
	}

	// Audit log in date order, logins only by users who logged in.
	for i, l := range main.AuditLogs {
		if i > 0 && l.Date < main.AuditLogs[i-1].Date {
			t.Fatalf("audit log not in date order at %d: %s after %s", i, l.Date, main.AuditLogs[i-1].Date)
		}
		if l.Action == "ON_ENTRY" && !st.Users[l.UserID].LoggedIn {
			t.Errorf("login event for %s, who never logged in", l.UserID)
		}
	}

	// Unknown fields: every injected name appears somewhere.
	seen := map[string]bool{}
	for _, acct := range st.Accounts {
		for _, ur := range acct.UserRoles {
			addKeys(seen, ur.Extra)
		}
		for _, r := range acct.Roles {
			addKeys(seen, r.Extra)
		}
		for _, gr := range acct.Groups {
			addKeys(seen, gr.Extra)
		}
		for _, gur := range acct.GroupUserRoles {
			addKeys(seen, gur.Extra)
		}
	}
	for _, name := range InjectedUnknownFields {
		if !seen[name] {
			t.Errorf("unknown field %q never injected", name)
		}
	}
	if len(seen) != len(InjectedUnknownFields) {
		t.Errorf("injected fields %v, want exactly %v", seen, InjectedUnknownFields)
	}
}

func TestGenerateNonPrimaryAndTinyWorlds(t *testing.T) {
	spec := DefaultSpec(50, 1)
	spec.NonPrimary = true
	spec.UnknownFields = false
	st := Generate(spec)
	if len(st.Accounts) != 1 {
		t.Fatalf("non-primary world has %d accounts, want 1", len(st.Accounts))
	}
	acct := mainAccountOf(t, st)
	if acct.Primary || acct.ParentID != "" || len(acct.Groups) != 0 || len(acct.GroupAccounts) != 0 || len(acct.GroupUserRoles) != 0 {
		t.Errorf("standalone account has primary %v, parent %q, %d groups", acct.Primary, acct.ParentID, len(acct.Groups))
	}
	for _, ur := range acct.UserRoles {
		if ur.Extra != nil {
			t.Fatalf("unknown fields injected although switched off: %+v", ur)
		}
	}

	for _, users := range []int{0, 1, 2, 4} {
		st := Generate(DatasetSpec{Seed: 1, Users: users, FederatedUsers: 3, LoginEvents: 3, GroupRoleLinks: 5, SubAccounts: 1})
		want := max(users, 1)
		if len(st.Users) != want || AdminConnection(st).Token == "" {
			t.Errorf("spec with %d users: %d users, connection %+v", users, len(st.Users), AdminConnection(st))
		}
	}
	// MaxRolesPerUser 1: one link per user, the non-canonical role included in the cap.
	single := Generate(DatasetSpec{Seed: 10, Users: 250, MaxRolesPerUser: 1, CustomRoles: 2, Groups: 2})
	links := mainAccountOf(t, single).UserRoles
	if len(links) != 250 || !slices.ContainsFunc(links, func(l AccountUserRole) bool { return l.RoleID == NonCanonicalRoleID }) {
		t.Errorf("one role per user: %d links for 250 users (want 250, the non-canonical role among them)", len(links))
	}
	if (AdminConnection(&State{}) != Connection{}) || (AdminConnection(nil) != Connection{}) {
		t.Error("AdminConnection of an empty world is not empty")
	}
}

func mainAccountOf(t *testing.T, st *State) *AccountState {
	t.Helper()
	conn := AdminConnection(st)
	acct := st.Accounts[conn.AccountID]
	if acct == nil || acct.ParentID != "" {
		t.Fatalf("admin connection %+v does not name a top-level account", conn)
	}
	return acct
}

func subAccountsOf(st *State, main *AccountState) []*AccountState {
	var subs []*AccountState
	for _, acct := range st.Accounts {
		if acct.ParentID == main.Account.AccountID {
			subs = append(subs, acct)
		}
	}
	return subs
}

func distinctUsers(acct *AccountState) map[string]bool {
	users := map[string]bool{}
	for _, ur := range acct.UserRoles {
		users[ur.UserID] = true
	}
	return users
}

func rolesOf(acct *AccountState, user string) []string {
	var roles []string
	for _, ur := range acct.UserRoles {
		if ur.UserID == user {
			roles = append(roles, ur.RoleID)
		}
	}
	return roles
}

func hasNonASCII(s string) bool {
	for _, r := range s {
		if r > unicode.MaxASCII {
			return true
		}
	}
	return false
}

func mapValues[K comparable, V any](m map[K]V) []V {
	out := make([]V, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

func addKeys(seen map[string]bool, m map[string]any) {
	for k := range m {
		seen[k] = true
	}
}

// The MFT tenant has the documented default role templates and the two authentication roles.
func TestMFTSystemRolesAreTheDocumentedTemplates(t *testing.T) {
	st := GenerateMFT(1, DefaultMFTSpec())
	var system []string
	for _, r := range st.Roles {
		if r.IsSystemRole {
			system = append(system, mftDeref(r.UserRoleCode))
		}
	}
	want := []string{"Instance Admin", "Instance User", "Org User", "Org Transfer", "Basic Auth", "SSO Auth"}
	if !slices.Equal(system, want) {
		t.Fatalf("system roles %v, want %v", system, want)
	}
}

func TestAuditLogsUpToPutsTheNewestLoginAnHourBeforeIt(t *testing.T) {
	spec := DefaultSpec(30, 5)
	spec.AuditLogsUpTo = time.Date(2031, 3, 4, 5, 6, 7, 0, time.UTC)
	st := Generate(spec)
	logs := st.Accounts[AdminConnection(st).AccountID].AuditLogs
	if len(logs) == 0 {
		t.Fatal("the generated account has no audit log")
	}
	var newest time.Time
	for _, e := range logs {
		ts, err := time.Parse(dateLayout, e.Date)
		if err != nil {
			t.Fatalf("date %q must stay in Boomi's format: %v", e.Date, err)
		}
		if !ts.Before(spec.AuditLogsUpTo) {
			t.Fatalf("entry dated %s is not before %s", e.Date, spec.AuditLogsUpTo)
		}
		if ts.After(newest) {
			newest = ts
		}
	}
	if want := spec.AuditLogsUpTo.Add(-time.Hour); !newest.Equal(want) {
		t.Fatalf("newest entry at %s, want %s", newest, want)
	}
}
