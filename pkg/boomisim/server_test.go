package boomisim

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// Test fixture: a small world built by hand (independent of the dataset generator).
const (
	tPrimary = "primary-AB12CD"
	tChild   = "child-EF34GH"
	tGrand   = "grandchild-IJ56KL"
	tSingle  = "single-MN78OP"
	tAdmin   = "admin@example.com"
	tToken   = "tok-admin"
)

func testWorld() *State {
	acct := func(id, parent string, primary bool) *AccountState {
		return &AccountState{Account: Account{AccountID: id, Name: "Acct " + id, Status: "active",
			DateCreated: "2021-03-04T10:00:00Z", SupportLevel: "standard"}, ParentID: parent, Primary: primary}
	}
	st := &State{
		Accounts: map[string]*AccountState{
			tPrimary: acct(tPrimary, "", true),
			tChild:   acct(tChild, tPrimary, false),
			tGrand:   acct(tGrand, tChild, false),
			tSingle:  acct(tSingle, "", false),
		},
		Users: map[string]*PlatformUser{
			tAdmin:                 {Email: tAdmin, FirstName: "Ada", LastName: "Admin", LoggedIn: true},
			"Jane.Roe@Example.com": {Email: "Jane.Roe@Example.com", FirstName: "Jane", LastName: "Roe", LoggedIn: true},
			"never@example.com":    {Email: "never@example.com", FirstName: "Nev", LastName: "Er", LoggedIn: false},
		},
		Credentials: []Credential{
			{Email: tAdmin, Token: tToken, Accounts: []string{tPrimary, tChild, tGrand, tSingle}},
			{Email: "noapi@example.com", Token: "tok-noapi", Accounts: []string{tPrimary}, NoAPI: true},
			{Email: "noadmin@example.com", Token: "tok-noadmin", Accounts: []string{tPrimary}, NoAdmin: true},
			{Email: "noaudit@example.com", Token: "tok-noaudit", Accounts: []string{tPrimary}, NoAudit: true},
			{Email: "off@example.com", Token: "tok-off", Accounts: []string{tPrimary}, TokensOff: true},
			{Email: "child@example.com", Token: "tok-child", Accounts: []string{tChild}},
		},
	}
	p := st.Accounts[tPrimary]
	p.UserRoles = []AccountUserRole{
		{ID: linkID(tPrimary, tAdmin, AdministratorRoleID), AccountID: tPrimary, UserID: tAdmin, RoleID: AdministratorRoleID, FirstName: "Ada", LastName: "Admin"},
		{ID: linkID(tPrimary, "Jane.Roe@Example.com", StandardUserRoleID), AccountID: tPrimary, UserID: "Jane.Roe@Example.com", RoleID: StandardUserRoleID, FirstName: "Jane", LastName: "Roe",
			Extra: map[string]any{"futureFlag": true}},
	}
	p.Roles = []Role{{ID: "0b8e6c1e-5d55-4b0e-9d0f-3f1b2f7a9c11", AccountID: tPrimary, Name: "Ops Reader", Description: "read-only ops",
		ParentID: StandardUserRoleID, Privileges: []Privilege{{"VIEW_RESULT"}, {"API"}}}}
	p.Groups = []AccountGroup{
		{ID: "grp-all", AccountID: tPrimary, Name: "All Accounts", DefaultGroup: true, AutoSubscribeAlertLevel: "none",
			Resources: []Resource{{ResourceID: StandardUserRoleID, ResourceName: "Standard User", ObjectType: "Role"}}},
		{ID: "grp-eu", AccountID: tPrimary, Name: "EU", AutoSubscribeAlertLevel: "error"},
	}
	p.GroupAccounts = []AccountGroupAccount{{ID: linkID("grp-all", tChild), AccountGroupID: "grp-all", AccountID: tChild}}
	p.GroupUserRoles = []AccountGroupUserRole{{ID: linkID("grp-all", tAdmin, AdministratorRoleID), AccountGroupID: "grp-all", UserID: tAdmin, RoleID: AdministratorRoleID,
		FirstName: "Ada", LastName: "Admin"}}
	p.Federations = []AccountUserFederation{{ID: linkID("FED-JANE", "Jane.Roe@Example.com", tPrimary), AccountID: tPrimary, UserID: "Jane.Roe@Example.com", FederationID: "FED-JANE"}}
	p.SSOConfig = &AccountSSOConfig{AccountID: tPrimary, Enabled: true, IdpURL: "https://idp.example.com/sso", Certificate: []string{"TFMwLi4u"},
		FedIDFromNameID: true, NameIDPolicy: "TRANSIENT", AuthnContext: "PPT", AuthnContextComparison: "EXACT"}
	p.AuditLogs = []AuditLog{
		{DocumentID: "doc-1", AccountID: tPrimary, UserID: "Jane.Roe@Example.com", Date: "2026-01-02T03:04:05Z", Type: "account", Action: "ON_ENTRY", Modifier: "SUCCESS", Level: "INFO", Source: "UI"},
		{DocumentID: "doc-2", AccountID: tPrimary, UserID: tAdmin, Date: "2026-01-03T03:04:05Z",
			Type: "user", Action: "UPDATE", Modifier: "AUTHENTICATION", Level: "INFO", Source: "UI", Message: "User unlocked"},
	}
	return st
}

// sim is an httptest server over a Server loaded with a State, plus a client that speaks Boomi JSON.
type sim struct {
	t   *testing.T
	s   *Server
	srv *httptest.Server
}

func newSim(t *testing.T, st *State) *sim {
	t.Helper()
	return newSimWith(t, st, Options{})
}

// newSimWith is newSim with options (the rate limiter is always off).
func newSimWith(t *testing.T, st *State, opts Options) *sim {
	t.Helper()
	opts.RateLimit = -1
	s := New(opts)
	s.Load(st)
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return &sim{t: t, s: s, srv: srv}
}

type req struct {
	method, path, body string
	user, token        string // default: the admin credential
	contentType        string // default application/json
	accept             string // default application/json
	noAuth             bool
}

type resp struct {
	status int
	body   []byte
}

func (sm *sim) do(r req) resp {
	sm.t.Helper()
	hr, err := http.NewRequestWithContext(context.Background(), r.method, sm.srv.URL+r.path, strings.NewReader(r.body))
	if err != nil {
		sm.t.Fatal(err)
	}
	if !r.noAuth {
		user, token := r.user, r.token
		if user == "" {
			user, token = tokenUserPrefix+tAdmin, tToken
		}
		hr.SetBasicAuth(user, token)
	}
	ct, accept := r.contentType, r.accept
	if ct == "" {
		ct = "application/json"
	}
	if accept == "" {
		accept = "application/json"
	}
	hr.Header.Set("Content-Type", ct)
	hr.Header.Set("Accept", accept)
	res, err := http.DefaultClient.Do(hr)
	if err != nil {
		sm.t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		sm.t.Fatal(err)
	}
	return resp{status: res.StatusCode, body: body}
}

// api is the Platform path of an object route in account acct.
func api(acct, rest string) string { return platformBasePrefix + acct + rest }

func (sm *sim) post(path, body string) resp {
	return sm.do(req{method: "POST", path: path, body: body})
}
func (sm *sim) get(path string) resp { return sm.do(req{method: "GET", path: path}) }

// ok asserts a 200 and decodes the body into a generic JSON object.
func (sm *sim) ok(r resp) map[string]any {
	sm.t.Helper()
	if r.status != http.StatusOK {
		sm.t.Fatalf("status %d, want 200; body %s", r.status, r.body)
	}
	var m map[string]any
	if len(r.body) > 0 {
		if err := json.Unmarshal(r.body, &m); err != nil {
			sm.t.Fatalf("body is not a JSON object: %v: %s", err, r.body)
		}
	}
	return m
}

// fails asserts status and a Boomi Error body, returning its message.
func (sm *sim) fails(r resp, status int) string {
	sm.t.Helper()
	if r.status != status {
		sm.t.Fatalf("status %d, want %d; body %s", r.status, status, r.body)
	}
	var e map[string]any
	if err := json.Unmarshal(r.body, &e); err != nil || e["@type"] != "Error" || e["message"] == "" || e["message"] == nil {
		sm.t.Fatalf("body %s is not a Boomi Error (%v)", r.body, err)
	}
	return e["message"].(string)
}

// results returns a QueryResult's items (checking the envelope) and its queryToken.
func (sm *sim) results(m map[string]any) ([]map[string]any, string) {
	sm.t.Helper()
	if m["@type"] != "QueryResult" {
		sm.t.Fatalf("@type %v, want QueryResult", m["@type"])
	}
	var items []map[string]any
	if raw, ok := m["result"]; ok {
		for _, it := range raw.([]any) {
			items = append(items, it.(map[string]any))
		}
	}
	// numberOfResults is the total of the whole query (the default NumberOfResultsTotal): never fewer than
	// this page holds, and exactly this page when it is the last one of a one-page answer (checked in queryAll).
	if n := int(m["numberOfResults"].(float64)); n < len(items) {
		sm.t.Fatalf("numberOfResults %d but %d items", n, len(items))
	}
	tok, _ := m["queryToken"].(string)
	return items, tok
}

// queryAll runs a query and follows queryMore to the end, returning every item.
func (sm *sim) queryAll(acct, object, body string) []map[string]any {
	sm.t.Helper()
	first := sm.ok(sm.post(api(acct, "/"+object+"/query"), body))
	items, tok := sm.results(first)
	defer func() {
		if n := int(first["numberOfResults"].(float64)); n != len(items) {
			sm.t.Fatalf("first page's numberOfResults %d, but the query returned %d items", n, len(items))
		}
	}()
	for tok != "" {
		var page []map[string]any
		page, tok = sm.results(sm.ok(sm.do(req{method: "POST", path: api(acct, "/"+object+"/queryMore"), body: tok, contentType: "text/plain"})))
		items = append(items, page...)
	}
	return items
}

func filter(op, prop string, args ...string) string {
	a, _ := json.Marshal(args)
	return fmt.Sprintf(`{"QueryFilter":{"expression":{"operator":%q,"property":%q,"argument":%s}}}`, op, prop, a)
}

func TestSmokeUserRoleQuery(t *testing.T) {
	sm := newSim(t, testWorld())
	items := sm.queryAll(tPrimary, "AccountUserRole", `{"QueryFilter":{}}`)
	if len(items) != 2 {
		t.Fatalf("got %d links, want 2", len(items))
	}
	if items[1]["@type"] != "AccountUserRole" || items[1]["futureFlag"] != true {
		t.Fatalf("item %v lacks @type or its extra field", items[1])
	}
}

func newTestServer(t *testing.T, s *Server) *httptest.Server {
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return srv
}

// Counters and route faults are keyed by RouteKey (helper A2's parser); it must name each served route
// exactly as servedRoutes does, or faults aimed at a route would never fire.
func TestRouteKeysMatchServedRoutes(t *testing.T) {
	for _, rt := range servedRoutes {
		for _, base := range []string{platformBasePrefix + tPrimary, partnerBasePrefix + tPrimary} {
			path := base + strings.ReplaceAll(rt.pattern, "{id}", "some-id")
			r := httptest.NewRequestWithContext(context.Background(), rt.method, path+"?overrideAccount="+tChild, nil)
			if got, want := RouteKey(r), rt.method+" "+rt.pattern; got != want {
				t.Errorf("RouteKey(%s %s) = %q, want %q", rt.method, path, got, want)
			}
		}
	}
}
