package boomisim

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

func TestUserRoleCreateNewUserIsCreatedAndInvited(t *testing.T) {
	sm := newSim(t, testWorld())
	got := sm.ok(sm.post(api(tPrimary, "/AccountUserRole"),
		`{"accountId":"`+tPrimary+`","userId":"new.person@example.com","roleId":"`+StandardUserRoleID+`","firstName":"New","lastName":"Person"}`))
	if got["@type"] != "AccountUserRole" || got["userId"] != "new.person@example.com" || got["firstName"] != "New" || got["id"] != linkID(tPrimary, "new.person@example.com", StandardUserRoleID) {
		t.Fatalf("created link %v", got)
	}
	// notifyUser false: the user is created but not mailed.
	sm.ok(sm.post(api(tPrimary, "/AccountUserRole"), `{"userId":"quiet@example.com","roleId":"`+StandardUserRoleID+`","notifyUser":false}`))

	st := sm.s.Snapshot()
	u := st.Users["new.person@example.com"]
	if u == nil || u.LoggedIn || u.FirstName != "New" {
		t.Fatalf("platform user %+v, want a new never-logged-in user named New", u)
	}
	if st.Users["quiet@example.com"] == nil {
		t.Fatalf("quiet@example.com was not created")
	}
	want := []Invitation{{AccountID: tPrimary, UserID: "new.person@example.com", Kind: inviteNewUser, Via: objAccountUserRole}}
	if fmt.Sprint(st.Invitations) != fmt.Sprint(want) {
		t.Fatalf("invitations %v, want %v", st.Invitations, want)
	}
	logs := st.Accounts[tPrimary].AuditLogs
	last := logs[len(logs)-1]
	if last.Type != auditTypeUser || last.Action != auditActionAdd || last.UserID != tAdmin {
		t.Fatalf("last audit entry %+v, want a user ADD by the admin", last)
	}
}

func TestUserRoleCreateExistingUserIgnoresNames(t *testing.T) {
	sm := newSim(t, testWorld())
	// Different case than the stored "Jane.Roe@Example.com": the same user.
	got := sm.ok(sm.post(api(tPrimary, "/AccountUserRole"),
		`{"userId":"jane.roe@example.com","roleId":"`+SupportRoleID+`","firstName":"Ignored","lastName":"Names"}`))
	if got["userId"] != "Jane.Roe@Example.com" || got["firstName"] != "Jane" || got["lastName"] != "Roe" {
		t.Fatalf("link %v, want the stored user's spelling and names", got)
	}
	st := sm.s.Snapshot()
	if u := st.Users["Jane.Roe@Example.com"]; u.FirstName != "Jane" || len(st.Users) != 3 {
		t.Fatalf("user changed or duplicated: %+v, %d users", u, len(st.Users))
	}
	if len(st.Invitations) != 1 || st.Invitations[0].Kind != inviteAdded {
		t.Fatalf("invitations %v, want one of kind added", st.Invitations)
	}
	logs := st.Accounts[tPrimary].AuditLogs
	if last := logs[len(logs)-1]; last.Action != auditActionUpdate || last.Modifier != auditModRole {
		t.Fatalf("last audit entry %+v, want a role change", last)
	}
}

func TestUserRoleCreateRejections(t *testing.T) {
	sm := newSim(t, testWorld())
	create := func(body string) resp { return sm.post(api(tPrimary, "/AccountUserRole"), body) }
	cases := []struct{ name, body, msg string }{
		{"duplicate", `{"userId":"Jane.Roe@Example.com","roleId":"` + StandardUserRoleID + `"}`, "already has role"},
		{"unknown role", `{"userId":"x@example.com","roleId":"00000000-0000-0000-0000-000000000000"}`, "does not exist"},
		{"non-canonical role id", `{"userId":"x@example.com","roleId":"` + NonCanonicalRoleID + `"}`, "cannot be assigned through the API"},
		{"custom role of another account", `{"userId":"x@example.com","roleId":"0b8e6c1e-5d55-4b0e-9d0f-3f1b2f7a9c11","accountId":"` + tChild + `"}`, "does not match"},
		{"missing userId", `{"roleId":"` + StandardUserRoleID + `"}`, `"userId" is required`},
		{"missing roleId", `{"userId":"x@example.com"}`, `"roleId" is required`},
		{"userId not an e-mail", `{"userId":"bob","roleId":"` + StandardUserRoleID + `"}`, "not an e-mail"},
		{"notifyUser not a boolean", `{"userId":"x@example.com","roleId":"` + StandardUserRoleID + `","notifyUser":"yes"}`, "not valid JSON"},
		{"empty body", ``, "empty"},
		{"malformed", `{"userId":`, "not valid JSON"},
		{"array body", `[]`, "must be a JSON"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sm.t = t
			if msg := sm.fails(create(tc.body), http.StatusBadRequest); !strings.Contains(msg, tc.msg) {
				t.Fatalf("message %q, want %q", msg, tc.msg)
			}
		})
	}
	sm.t = t
	if n := len(sm.s.Snapshot().Accounts[tPrimary].UserRoles); n != 2 {
		t.Fatalf("%d links after rejected creates, want 2", n)
	}
	// A custom role of the account is assignable.
	sm.ok(create(`{"userId":"x@example.com","roleId":"0b8e6c1e-5d55-4b0e-9d0f-3f1b2f7a9c11"}`))
}

func TestDeletingLastRoleRemovesUserAndFederation(t *testing.T) {
	sm := newSim(t, testWorld())
	jane := "Jane.Roe@Example.com"
	second := sm.ok(sm.post(api(tPrimary, "/AccountUserRole"), `{"userId":"`+jane+`","roleId":"`+SupportRoleID+`"}`))
	del := func(id string) resp { return sm.do(req{method: "DELETE", path: api(tPrimary, "/AccountUserRole/"+id)}) }

	// Not the last role: the federation record stays.
	if r := del(second["id"].(string)); r.status != http.StatusOK || len(r.body) != 0 {
		t.Fatalf("delete: %d %s", r.status, r.body)
	}
	if n := len(sm.s.Snapshot().Accounts[tPrimary].Federations); n != 1 {
		t.Fatalf("%d federation records after removing a non-last role, want 1", n)
	}
	// The last role: the user leaves the account with its federation record.
	sm.ok(del(linkID(tPrimary, jane, StandardUserRoleID)))
	st := sm.s.Snapshot()
	p := st.Accounts[tPrimary]
	if len(p.Federations) != 0 || userRoleCount(p, jane) != 0 {
		t.Fatalf("after the last role: %d federation records, %d roles", len(p.Federations), userRoleCount(p, jane))
	}
	if st.Users[jane] == nil {
		t.Fatalf("the global identity must survive leaving one account")
	}
	if last := p.AuditLogs[len(p.AuditLogs)-1]; last.Action != auditActionDelete || last.Type != auditTypeUser {
		t.Fatalf("last audit entry %+v, want user DELETE", last)
	}
	// Deleting again: unknown id.
	sm.fails(del(linkID(tPrimary, jane, StandardUserRoleID)), http.StatusBadRequest)
}

func TestUserCapPerAccount(t *testing.T) {
	st := linksWorld(maxUsersPerAccount)
	sm := newSim(t, st)
	create := func(user, role string) resp {
		return sm.post(api(tSingle, "/AccountUserRole"), `{"userId":"`+user+`","roleId":"`+role+`","notifyUser":false}`)
	}
	msg := sm.fails(create("one.too.many@example.com", StandardUserRoleID), http.StatusBadRequest)
	if !strings.Contains(msg, "maximum of 10000 users") {
		t.Fatalf("cap message %q", msg)
	}
	// An existing member may still get more roles.
	sm.ok(create("user-00042@example.com", SupportRoleID))
	// Below the cap again after a user leaves.
	sm.ok(sm.do(req{method: "DELETE", path: api(tSingle, "/AccountUserRole/"+linkID(tSingle, "user-00007@example.com", StandardUserRoleID))}))
	sm.ok(create("one.too.many@example.com", StandardUserRoleID))
}

func TestGroupUserRoleNeedsLoggedInUser(t *testing.T) {
	sm := newSim(t, testWorld())
	create := func(acct, body string) resp { return sm.post(api(acct, "/AccountGroupUserRole"), body) }
	body := func(user, group, role string) string {
		return `{"accountGroupId":"` + group + `","userId":"` + user + `","roleId":"` + role + `","notifyUser":true}`
	}
	if msg := sm.fails(create(tPrimary, body("never@example.com", "grp-eu", SupportRoleID)), http.StatusBadRequest); !strings.Contains(msg, "never logged in") {
		t.Fatalf("never-logged-in: %q", msg)
	}
	sm.fails(create(tPrimary, body("ghost@example.com", "grp-eu", SupportRoleID)), http.StatusBadRequest)
	sm.fails(create(tPrimary, body("Jane.Roe@Example.com", "grp-nope", SupportRoleID)), http.StatusBadRequest)
	sm.fails(create(tPrimary, body("Jane.Roe@Example.com", "grp-eu", "00000000-0000-0000-0000-000000000000")), http.StatusBadRequest)
	sm.fails(create(tPrimary, `{"accountGroupId":"grp-eu","roleId":"`+SupportRoleID+`"}`), http.StatusBadRequest)

	got := sm.ok(create(tPrimary, body("jane.roe@example.com", "grp-eu", SupportRoleID)))
	if got["@type"] != "AccountGroupUserRole" || got["userId"] != "Jane.Roe@Example.com" || got["firstName"] != "Jane" {
		t.Fatalf("created %v", got)
	}
	if _, has := got["accountId"]; has {
		t.Fatalf("AccountGroupUserRole has no accountId field: %v", got)
	}
	sm.fails(create(tPrimary, body("Jane.Roe@Example.com", "grp-eu", SupportRoleID)), http.StatusBadRequest) // duplicate
	st := sm.s.Snapshot()
	if inv := st.Invitations; len(inv) != 1 || inv[0].Via != objAccountGroupUserRole || inv[0].Kind != inviteAdded {
		t.Fatalf("invitations %v", inv)
	}
	// Account groups live on primary accounts only.
	if msg := sm.fails(create(tChild, body("Jane.Roe@Example.com", "grp-eu", SupportRoleID)), http.StatusBadRequest); !strings.Contains(msg, "not a primary account") {
		t.Fatalf("non-primary create: %q", msg)
	}
	sm.ok(sm.do(req{method: "DELETE", path: api(tPrimary, "/AccountGroupUserRole/"+got["id"].(string))}))
	if n := len(sm.s.Snapshot().Accounts[tPrimary].GroupUserRoles); n != 1 {
		t.Fatalf("%d group user roles after delete, want 1", n)
	}
}

func TestAccountGroupsOnlyOnPrimary(t *testing.T) {
	sm := newSim(t, testWorld())
	for _, object := range []string{"AccountGroup", "AccountGroupAccount", "AccountGroupUserRole"} {
		if items := sm.queryAll(tPrimary, object, ``); len(items) == 0 {
			t.Fatalf("%s: primary account sees nothing", object)
		}
		sm.t = t
		for _, acct := range []string{tChild, tSingle} {
			if items := sm.queryAll(acct, object, `{"QueryFilter":{}}`); len(items) != 0 {
				t.Fatalf("%s on non-primary %s: %d items, want an empty QueryResult", object, acct, len(items))
			}
			sm.t = t
			// A bad filter is still a bad filter there.
			sm.fails(sm.post(api(acct, "/"+object+"/query"), filter("EQUALS", "nope", "x")), http.StatusBadRequest)
		}
	}
	sm.fails(sm.post(api(tChild, "/AccountGroup"), `{"name":"X"}`), http.StatusBadRequest)
	sm.fails(sm.post(api(tChild, "/AccountGroupAccount"), `{"accountGroupId":"grp-eu","accountId":"`+tGrand+`"}`), http.StatusBadRequest)
	sm.fails(sm.get(api(tChild, "/AccountGroup/grp-all")), http.StatusBadRequest)
}

func TestFederationIDsUniquePerAccount(t *testing.T) {
	sm := newSim(t, testWorld())
	create := func(acct, user, fed string) resp {
		return sm.post(api(acct, "/AccountUserFederation"), `{"userId":"`+user+`","federationId":"`+fed+`"}`)
	}
	if msg := sm.fails(create(tPrimary, tAdmin, "FED-JANE"), http.StatusBadRequest); !strings.Contains(msg, "unique per account") {
		t.Fatalf("exact duplicate: %q", msg)
	}
	sm.fails(create(tPrimary, "jane.roe@example.com", "FED-OTHER"), http.StatusBadRequest) // second record for a user
	sm.ok(create(tChild, "Jane.Roe@Example.com", "FED-JANE"))                              // other account: fine
	admin := sm.ok(create(tPrimary, tAdmin, "FED-ADA"))
	id := admin["id"].(string)
	update := func(fed string) resp {
		return sm.post(api(tPrimary, "/AccountUserFederation/"+id), `{"federationId":"`+fed+`"}`)
	}
	sm.fails(update("FED-JANE"), http.StatusBadRequest)
	if got := sm.ok(update("FED-ADA-2")); got["federationId"] != "FED-ADA-2" || got["id"] != id {
		t.Fatalf("update answered %v", got)
	}
	sm.fails(sm.post(api(tPrimary, "/AccountUserFederation"), `{"userId":"a@example.com"}`), http.StatusBadRequest)
	sm.ok(sm.do(req{method: "DELETE", path: api(tPrimary, "/AccountUserFederation/"+id)}))
	sm.fails(sm.do(req{method: "DELETE", path: api(tPrimary, "/AccountUserFederation/"+id)}), http.StatusBadRequest)
}

// Federation ids are case-sensitive ("Federation IDs are case sensitive") unless the account's SSO
// configuration has caseInsensitiveFederationId on.
func TestFederationIDCaseFollowsTheAccountSetting(t *testing.T) {
	sm := newSim(t, testWorld())
	create := func(user, fed string) resp {
		return sm.post(api(tPrimary, "/AccountUserFederation"), `{"userId":"`+user+`","federationId":"`+fed+`"}`)
	}
	created := sm.ok(create(tAdmin, "fed-jane")) // Jane holds FED-JANE: another case is another id
	sm.ok(sm.do(req{method: "DELETE", path: api(tPrimary, "/AccountUserFederation/"+created["id"].(string))}))

	sm.ok(sm.post(api(tPrimary, "/AccountSSOConfig/"+tPrimary), `{"enabled":true,"caseInsensitiveFederationId":true}`))
	if msg := sm.fails(create(tAdmin, "fed-jane"), http.StatusBadRequest); !strings.Contains(msg, "unique per account") {
		t.Fatalf("case-insensitive account, case-variant duplicate: %q", msg)
	}
}

func TestDefaultRolesCannotBeChanged(t *testing.T) {
	sm := newSim(t, testWorld())
	for _, r := range []resp{
		sm.post(api(tPrimary, "/Role/"+StandardUserRoleID), `{"name":"Renamed"}`),
		sm.do(req{method: "DELETE", path: api(tPrimary, "/Role/"+AdministratorRoleID)}),
	} {
		if msg := sm.fails(r, http.StatusBadRequest); msg != "Cannot modify default Boomi roles" {
			t.Fatalf("message %q", msg)
		}
	}
}

func TestLinkIDFormat(t *testing.T) {
	id := linkID("acct-1", "a@b.c", StandardUserRoleID)
	raw, err := base64.RawURLEncoding.DecodeString(id)
	if err != nil || string(raw) != "acct-1|a@b.c|"+StandardUserRoleID || strings.ContainsAny(id, "=+/") {
		t.Fatalf("linkID %q decodes to %q (%v)", id, raw, err)
	}
}
