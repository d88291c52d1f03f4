package boomisim

import (
	"net/http"
	"strings"
	"testing"
)

func TestAuthFailures(t *testing.T) {
	sm := newSim(t, testWorld())
	path := api(tPrimary, "/AccountUserRole/query")
	cases := []struct {
		name   string
		r      req
		status int
		msg    string
	}{
		{"no credentials", req{noAuth: true}, http.StatusUnauthorized, msgNoBasicAuth},
		{"no BOOMI_TOKEN prefix", req{user: tAdmin, token: tToken}, http.StatusUnauthorized, msgNoTokenPrefix},
		{"wrong token", req{user: tokenUserPrefix + tAdmin, token: "nope"}, http.StatusUnauthorized, msgBadCredentials},
		{"unknown user", req{user: tokenUserPrefix + "who@example.com", token: tToken}, http.StatusUnauthorized, msgBadCredentials},
		{"token of another user", req{user: tokenUserPrefix + tAdmin, token: "tok-noadmin"}, http.StatusUnauthorized, msgBadCredentials},
		{"tokens switched off", req{user: tokenUserPrefix + "off@example.com", token: "tok-off"}, http.StatusUnauthorized, msgTokensOff},
		{"no API Access privilege", req{user: tokenUserPrefix + "noapi@example.com", token: "tok-noapi"}, http.StatusForbidden, msgNoAPIAccess},
		{"not an account admin", req{user: tokenUserPrefix + "noadmin@example.com", token: "tok-noadmin"}, http.StatusForbidden, msgNoAccountAdmin},
		{"account not the user's", req{user: tokenUserPrefix + "child@example.com", token: "tok-child"}, http.StatusForbidden, "has no access to account"},
	}
	msgs := map[string]bool{}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sm.t = t
			tc.r.method, tc.r.path, tc.r.body = "POST", path, `{}`
			msg := sm.fails(sm.do(tc.r), tc.status)
			if !strings.Contains(msg, tc.msg) {
				t.Fatalf("message %q, want %q", msg, tc.msg)
			}
			msgs[msg] = true
		})
	}
	if len(msgs) != len(cases)-2 { // the three bad-credential cases share one message
		t.Fatalf("%d distinct messages for %d cases; each cause needs its own", len(msgs), len(cases))
	}
	// E-mail case does not matter for the login name.
	sm.t = t
	sm.ok(sm.do(req{method: "POST", path: path, body: `{}`, user: tokenUserPrefix + strings.ToUpper(tAdmin), token: tToken}))
}

func TestPrivilegesPerObject(t *testing.T) {
	sm := newSim(t, testWorld())
	noAdmin := func(method, rest, body string) resp {
		return sm.do(req{method: method, path: api(tPrimary, rest), body: body, user: tokenUserPrefix + "noadmin@example.com", token: "tok-noadmin"})
	}
	for _, rt := range []struct{ method, rest, body string }{
		{"POST", "/AccountUserRole/query", ``}, {"POST", "/Role/query", ``}, {"GET", "/getAssignableRoles", ``},
		{"POST", "/AccountGroup/query", ``}, {"POST", "/AccountGroupAccount/query", ``}, {"POST", "/AccountGroupUserRole/query", ``},
		{"POST", "/AccountUserFederation/query", ``}, {"GET", "/AccountSSOConfig/" + tPrimary, ``},
	} {
		if msg := sm.fails(noAdmin(rt.method, rt.rest, rt.body), http.StatusForbidden); msg != msgNoAccountAdmin {
			t.Fatalf("%s %s: %q", rt.method, rt.rest, msg)
		}
	}
	// Reading the account itself and the audit log needs no ACCOUNT_ADMIN.
	sm.ok(noAdmin("GET", "/Account/"+tPrimary, ``))
	sm.ok(noAdmin("POST", "/AuditLog/query", ``))

	noAudit := sm.do(req{method: "POST", path: api(tPrimary, "/AuditLog/query"), user: tokenUserPrefix + "noaudit@example.com", token: "tok-noaudit"})
	if msg := sm.fails(noAudit, http.StatusForbidden); msg != msgNoViewAuditLogs {
		t.Fatalf("AuditLog without VIEW_AUDIT_LOGS: %q", msg)
	}
	sm.ok(sm.do(req{method: "POST", path: api(tPrimary, "/AccountUserRole/query"), user: tokenUserPrefix + "noaudit@example.com", token: "tok-noaudit"}))
}

func TestOverrideAccount(t *testing.T) {
	sm := newSim(t, testWorld())
	partner := func(acct, override string) resp {
		return sm.get(partnerBasePrefix + acct + "/Account/" + override + "?overrideAccount=" + override)
	}
	// Partner base, a sub-account (and a sub-sub-account) of the caller: acts on that account.
	if got := sm.ok(partner(tPrimary, tChild)); got["accountId"] != tChild {
		t.Fatalf("override to child read %v", got["accountId"])
	}
	sm.ok(partner(tPrimary, tGrand))
	items := sm.queryAll(tPrimary, "AccountUserRole", ``)
	sm.t = t
	viaOverride, _ := sm.results(sm.ok(sm.post(partnerBasePrefix+tPrimary+"/AccountUserRole/query?overrideAccount="+tChild, ``)))
	if len(items) != 2 || len(viaOverride) != 0 {
		t.Fatalf("primary has %d links, child (via override) %d; want 2 and 0", len(items), len(viaOverride))
	}
	// Not below the caller: refused, both for a parent and for an unrelated account.
	sm.fails(partner(tChild, tPrimary), http.StatusForbidden)
	sm.fails(partner(tPrimary, tSingle), http.StatusForbidden)
	sm.fails(partner(tPrimary, "nowhere-000000"), http.StatusForbidden)
	// The plain Platform base does not take overrideAccount.
	sm.fails(sm.get(api(tPrimary, "/Account/"+tChild+"?overrideAccount="+tChild)), http.StatusForbidden)
	// The Partner base without override is the caller's account.
	if got := sm.ok(sm.get(partnerBasePrefix + tPrimary + "/Account/" + tPrimary)); got["accountId"] != tPrimary {
		t.Fatalf("partner base read %v", got["accountId"])
	}
}

func TestProtocolErrors(t *testing.T) {
	sm := newSim(t, testWorld())
	sm.fails(sm.do(req{method: "POST", path: api(tPrimary, "/AccountUserRole/query"), accept: "application/xml"}), http.StatusNotAcceptable)
	sm.fails(sm.do(req{method: "POST", path: api(tPrimary, "/AccountUserRole/query"), body: `<QueryConfig/>`, contentType: "application/xml"}), http.StatusUnsupportedMediaType)
	sm.fails(sm.get(api(tPrimary, "/User/query")), http.StatusNotFound)
	sm.fails(sm.get(api(tPrimary, "/AccountUserRole/abc")), http.StatusMethodNotAllowed)
	sm.fails(sm.do(req{method: "PUT", path: api(tPrimary, "/Role/x"), body: `{}`}), http.StatusMethodNotAllowed)
	sm.fails(sm.get("/api/rest/v1/"), http.StatusNotFound)
	sm.fails(sm.get("/somewhere/else"), http.StatusNotFound)
	sm.fails(sm.get(api("unknown-ZZ99ZZ", "/Account/unknown-ZZ99ZZ")), http.StatusForbidden)
}
