package boomisim

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestAccountObject(t *testing.T) {
	sm := newSim(t, testWorld())
	for _, id := range []string{tPrimary, tChild, tGrand} {
		if got := sm.ok(sm.get(api(tPrimary, "/Account/"+id))); got["@type"] != "Account" || got["accountId"] != id {
			t.Fatalf("GET %s: %v", id, got)
		}
	}
	sm.fails(sm.get(api(tChild, "/Account/"+tPrimary)), http.StatusBadRequest) // a parent is not visible from below
	sm.fails(sm.get(api(tPrimary, "/Account/"+tSingle)), http.StatusBadRequest)
	// QUERY lists the accounts created by the caller (direct sub-accounts).
	if ids := accountIDs(sm.queryAll(tPrimary, "Account", ``)); ids != tChild {
		t.Fatalf("sub-accounts of primary: %s", ids)
	}
	bulk := sm.ok(sm.post(api(tPrimary, "/Account/bulk"), `{"type":"GET","request":[{"id":"`+tChild+`"},{"id":"nope"}]}`))
	items := bulk["response"].([]any)
	okItem, badItem := items[0].(map[string]any), items[1].(map[string]any)
	if bulk["@type"] != "BulkResult" || okItem["statusCode"] != 200.0 || okItem["Result"].(map[string]any)["accountId"] != tChild ||
		badItem["statusCode"] != 400.0 || badItem["errorMessage"] == "" || badItem["index"] != 1.0 || badItem["Result"] != nil {
		t.Fatalf("bulk answer %v", bulk)
	}
	sm.fails(sm.post(api(tPrimary, "/Account/bulk"), `{"type":"DELETE","request":[{"id":"x"}]}`), http.StatusBadRequest)
	sm.fails(sm.post(api(tPrimary, "/Account/bulk"), `{"type":"GET","request":[]}`), http.StatusBadRequest)
	var many []string
	for i := 0; i <= maxBulkIDs; i++ {
		many = append(many, fmt.Sprintf(`{"id":"a%d"}`, i))
	}
	sm.fails(sm.post(api(tPrimary, "/Account/bulk"), `{"type":"GET","request":[`+strings.Join(many, ",")+`]}`), http.StatusBadRequest)
}

func TestRoleObject(t *testing.T) {
	sm := newSim(t, testWorld())
	std := sm.ok(sm.get(api(tPrimary, "/Role/"+StandardUserRoleID)))
	privs := std["Privileges"].(map[string]any)
	first := privs["Privilege"].([]any)[0].(map[string]any)
	if std["accountId"] != "1" || std["name"] != "Standard User" || privs["@type"] != "Privileges" || first["@type"] != "" || first["name"] == "" {
		t.Fatalf("Standard User: %v", std)
	}
	all := sm.queryAll(tPrimary, "Role", ``)
	var builtin, custom int
	nonCanonical := false
	for _, r := range all {
		if r["accountId"] == "1" {
			builtin++
		} else {
			custom++
		}
		nonCanonical = nonCanonical || !canonicalUUID.MatchString(r["id"].(string))
	}
	if builtin != len(BuiltinRoles()) || custom != 1 || !nonCanonical {
		t.Fatalf("role query: %d built-in, %d custom, non-canonical present %v", builtin, custom, nonCanonical)
	}

	created := sm.ok(sm.post(api(tPrimary, "/Role"), `{"name":"Auditor","description":"reads logs","parentId":"`+StandardUserRoleID+`","Privileges":{"Privilege":[{"name":"VIEW_AUDIT_LOGS"}]}}`))
	id := created["id"].(string)
	if created["accountId"] != tPrimary || created["Description"] != "reads logs" || !canonicalUUID.MatchString(id) {
		t.Fatalf("created role %v", created)
	}
	updated := sm.ok(sm.post(api(tPrimary, "/Role/"+id), `{"id":"`+id+`","name":"Auditor 2","Description":"d2","Privileges":{"Privilege":[{"name":"API"},{"name":"VIEW_AUDIT_LOGS"}]}}`))
	if updated["name"] != "Auditor 2" || len(updated["Privileges"].(map[string]any)["Privilege"].([]any)) != 2 {
		t.Fatalf("updated role %v", updated)
	}
	sm.fails(sm.post(api(tPrimary, "/Role/"+id), `{"id":"other","name":"x"}`), http.StatusBadRequest)
	sm.fails(sm.post(api(tPrimary, "/Role/"+id), `{"name":"x","parentId":"`+id+`"}`), http.StatusBadRequest)
	sm.fails(sm.post(api(tPrimary, "/Role"), `{"Description":"no name"}`), http.StatusBadRequest)
	sm.fails(sm.post(api(tPrimary, "/Role"), `{"name":"x","parentId":"missing"}`), http.StatusBadRequest)
	sm.fails(sm.post(api(tPrimary, "/Role"), `{"name":"x","Privileges":{"Privilege":[{}]}}`), http.StatusBadRequest)
	sm.fails(sm.get(api(tChild, "/Role/"+id)), http.StatusBadRequest) // custom roles are per account

	// A role in use cannot be deleted; once unassigned it can.
	link := sm.ok(sm.post(api(tPrimary, "/AccountUserRole"), `{"userId":"`+tAdmin+`","roleId":"`+id+`"}`))
	sm.fails(sm.do(req{method: "DELETE", path: api(tPrimary, "/Role/"+id)}), http.StatusBadRequest)
	sm.ok(sm.do(req{method: "DELETE", path: api(tPrimary, "/AccountUserRole/"+link["id"].(string))}))
	sm.ok(sm.do(req{method: "DELETE", path: api(tPrimary, "/Role/"+id)}))
	sm.fails(sm.get(api(tPrimary, "/Role/"+id)), http.StatusBadRequest)

	bulk := sm.ok(sm.post(api(tPrimary, "/Role/bulk"), `{"type":"GET","request":[{"id":"`+SupportRoleID+`"},{"id":"`+id+`"}]}`))
	resp := bulk["response"].([]any)
	if resp[0].(map[string]any)["statusCode"] != 200.0 || resp[1].(map[string]any)["statusCode"] != 400.0 {
		t.Fatalf("role bulk %v", bulk)
	}
}

func TestAssignableRolesLowerCaseOnlyAndAssignableOnly(t *testing.T) {
	sm := newSim(t, testWorld())
	got := sm.ok(sm.get(api(tPrimary, "/getAssignableRoles")))
	roles := got["Role"].([]any)
	if got["@type"] != "" || roles[0].(map[string]any)["@type"] != "Role" {
		t.Fatalf("getAssignableRoles: %v", got)
	}
	var ids []string
	for _, r := range roles {
		ids = append(ids, r.(map[string]any)["id"].(string))
	}
	if slices.Contains(ids, NonCanonicalRoleID) {
		t.Fatalf("getAssignableRoles lists %s, which AccountUserRole refuses to assign", NonCanonicalRoleID)
	}
	if !slices.Contains(ids, StandardUserRoleID) || len(ids) != len(BuiltinRoles()) {
		t.Fatalf("assignable ids %v: want the assignable built-in roles and the custom role", ids)
	}

	r := sm.get(api(tPrimary, "/GetAssignableRoles"))
	if r.status != http.StatusBadRequest || !strings.Contains(string(r.body), "Unknown objectType") {
		t.Fatalf("CamelCase GetAssignableRoles answered %d %s, want 400 Unknown objectType", r.status, r.body)
	}
}

func TestAccountGroupObjects(t *testing.T) {
	sm := newSim(t, testWorld())
	got := sm.ok(sm.get(api(tPrimary, "/AccountGroup/grp-all")))
	res := got["Resources"].(map[string]any)
	item := res["Resource"].([]any)[0].(map[string]any)
	if got["defaultGroup"] != true || res["@type"] != "Resources" || item["@type"] != "Resource" || item["resourceId"] != StandardUserRoleID {
		t.Fatalf("GET group %v", got)
	}
	for _, g := range sm.queryAll(tPrimary, "AccountGroup", ``) {
		if _, has := g["Resources"]; has {
			t.Fatalf("query results carry Resources: %v", g)
		}
	}
	sm.t = t
	if eu := sm.queryAll(tPrimary, "AccountGroup", filter("EQUALS", "autoSubscribeAlertLevel", "error")); len(eu) != 1 || eu[0]["id"] != "grp-eu" {
		t.Fatalf("filter by alert level: %v", eu)
	}
	sm.t = t
	created := sm.ok(sm.post(api(tPrimary, "/AccountGroup"), `{"name":"APAC","Resources":{"Resource":[{"resourceId":"r1","resourceName":"Role one","objectType":"Role"}]}}`))
	id := created["id"].(string)
	if created["autoSubscribeAlertLevel"] != "none" || created["defaultGroup"] != false {
		t.Fatalf("created group %v", created)
	}
	if up := sm.ok(sm.post(api(tPrimary, "/AccountGroup/"+id), `{"name":"APAC-2","autoSubscribeAlertLevel":"warning"}`)); up["name"] != "APAC-2" || up["autoSubscribeAlertLevel"] != "warning" {
		t.Fatalf("updated group %v", up)
	}
	// The default group keeps its flag: renaming it without sending defaultGroup works, flipping it does not.
	if all := sm.ok(sm.post(api(tPrimary, "/AccountGroup/grp-all"), `{"name":"Everyone"}`)); all["defaultGroup"] != true || all["name"] != "Everyone" {
		t.Fatalf("renamed default group %v", all)
	}
	sm.fails(sm.post(api(tPrimary, "/AccountGroup/grp-all"), `{"name":"Everyone","defaultGroup":false}`), http.StatusBadRequest)
	sm.fails(sm.post(api(tPrimary, "/AccountGroup"), `{"name":"x","autoSubscribeAlertLevel":"loud"}`), http.StatusBadRequest)
	sm.fails(sm.post(api(tPrimary, "/AccountGroup"), `{"name":"x","defaultGroup":true}`), http.StatusBadRequest)
	sm.fails(sm.post(api(tPrimary, "/AccountGroup"), `{"name":"x","Resources":{"Resource":[{"resourceId":"r"}]}}`), http.StatusBadRequest)
	sm.fails(sm.post(api(tPrimary, "/AccountGroup"), `{}`), http.StatusBadRequest)
	sm.fails(sm.post(api(tPrimary, "/AccountGroup/nope"), `{"name":"x"}`), http.StatusBadRequest)
	bulk := sm.ok(sm.post(api(tPrimary, "/AccountGroup/bulk"), `{"type":"GET","request":[{"id":"grp-eu"}]}`))
	if bulk["response"].([]any)[0].(map[string]any)["Result"].(map[string]any)["name"] != "EU" {
		t.Fatalf("group bulk %v", bulk)
	}

	// AccountGroupAccount: the primary itself or a sub-account, once.
	link := sm.ok(sm.post(api(tPrimary, "/AccountGroupAccount"), `{"accountGroupId":"grp-eu","accountId":"`+tGrand+`"}`))
	if link["@type"] != "AccountGroupAccount" || link["id"] != linkID("grp-eu", tGrand) {
		t.Fatalf("group account link %v", link)
	}
	sm.fails(sm.post(api(tPrimary, "/AccountGroupAccount"), `{"accountGroupId":"grp-eu","accountId":"`+tGrand+`"}`), http.StatusBadRequest)
	sm.fails(sm.post(api(tPrimary, "/AccountGroupAccount"), `{"accountGroupId":"grp-eu","accountId":"`+tSingle+`"}`), http.StatusBadRequest)
	sm.fails(sm.post(api(tPrimary, "/AccountGroupAccount"), `{"accountGroupId":"grp-nope","accountId":"`+tChild+`"}`), http.StatusBadRequest)
	sm.fails(sm.post(api(tPrimary, "/AccountGroupAccount"), `{"accountGroupId":"grp-eu"}`), http.StatusBadRequest)
	if members := sm.queryAll(tPrimary, "AccountGroupAccount", filter("EQUALS", "accountGroupId", "grp-eu")); len(members) != 1 {
		t.Fatalf("grp-eu members %v", members)
	}
	sm.t = t
	sm.ok(sm.do(req{method: "DELETE", path: api(tPrimary, "/AccountGroupAccount/"+link["id"].(string))}))
	sm.fails(sm.do(req{method: "DELETE", path: api(tPrimary, "/AccountGroupAccount/"+link["id"].(string))}), http.StatusBadRequest)
}

func TestSSOConfig(t *testing.T) {
	sm := newSim(t, testWorld())
	got := sm.ok(sm.get(api(tPrimary, "/AccountSSOConfig/"+tPrimary)))
	if got["@type"] != "AccountSSOConfig" || got["enabled"] != true || got["certificate"].([]any)[0] != "TFMwLi4u" {
		t.Fatalf("GET sso %v", got)
	}
	up := sm.ok(sm.post(api(tPrimary, "/AccountSSOConfig/"+tChild), `{"enabled":true,"idpUrl":"https://idp","certificate":"QUJD","nameIdPolicy":"UNSPECIFIED"}`))
	if up["accountId"] != tChild || up["certificate"].([]any)[0] != "QUJD" || up["authnContext"] != "PPT" {
		t.Fatalf("updated sso %v", up)
	}
	sm.fails(sm.post(api(tPrimary, "/AccountSSOConfig/"+tChild), `{"nameIdPolicy":"PERSISTENT"}`), http.StatusBadRequest)
	sm.fails(sm.post(api(tPrimary, "/AccountSSOConfig/"+tChild), `{"certificate":5}`), http.StatusBadRequest)
	sm.fails(sm.post(api(tPrimary, "/AccountSSOConfig/"+tChild), `{"accountId":"`+tPrimary+`"}`), http.StatusBadRequest)
	sm.fails(sm.get(api(tPrimary, "/AccountSSOConfig/"+tSingle)), http.StatusBadRequest)
	sm.ok(sm.do(req{method: "DELETE", path: api(tPrimary, "/AccountSSOConfig/"+tChild)}))
	if off := sm.ok(sm.get(api(tPrimary, "/AccountSSOConfig/"+tChild))); off["enabled"] != false || off["accountId"] != tChild {
		t.Fatalf("sso after delete %v", off)
	}
	bulk := sm.ok(sm.post(api(tPrimary, "/AccountSSOConfig/bulk"), `{"type":"GET","request":[{"id":"`+tPrimary+`"}]}`))
	if bulk["response"].([]any)[0].(map[string]any)["statusCode"] != 200.0 {
		t.Fatalf("sso bulk %v", bulk)
	}
}

func TestAuditLog(t *testing.T) {
	sm := newSim(t, testWorld())
	logins := sm.queryAll(tPrimary, "AuditLog", `{"QueryFilter":{"expression":{"operator":"and","nestedExpression":[`+
		`{"operator":"EQUALS","property":"type","argument":["account"]},{"operator":"EQUALS","property":"action","argument":["ON_ENTRY"]}]}}}`)
	if len(logins) != 1 || logins[0]["userId"] != "Jane.Roe@Example.com" || logins[0]["@type"] != "AuditLog" {
		t.Fatalf("login events %v", logins)
	}
	sm.t = t
	if got := sm.ok(sm.get(api(tPrimary, "/AuditLog/doc-2"))); got["modifier"] != "AUTHENTICATION" {
		t.Fatalf("GET doc-2 %v", got)
	}
	sm.fails(sm.get(api(tPrimary, "/AuditLog/doc-404")), http.StatusBadRequest)
	bulk := sm.ok(sm.post(api(tPrimary, "/AuditLog/bulk"), `{"type":"GET","request":[{"id":"doc-1"},{"id":"doc-404"}]}`))
	if r := bulk["response"].([]any); r[0].(map[string]any)["statusCode"] != 200.0 || r[1].(map[string]any)["statusCode"] != 400.0 {
		t.Fatalf("audit bulk %v", bulk)
	}
	// Writes leave entries with what changed.
	sm.ok(sm.post(api(tPrimary, "/AccountUserRole"), `{"userId":"z@example.com","roleId":"`+SupportRoleID+`","notifyUser":false}`))
	adds := sm.queryAll(tPrimary, "AuditLog", filter("EQUALS", "action", "ADD"))
	props := adds[0]["AuditLogProperty"].([]any)
	if len(adds) != 1 || props[0].(map[string]any)["value"] != "z@example.com" {
		t.Fatalf("ADD entries %v", adds)
	}
}

func TestAdminPath(t *testing.T) {
	sm := newSim(t, testWorld())
	admin := func(method, path, body string) resp {
		return sm.do(req{method: method, path: "/__admin/" + path, body: body, noAuth: true})
	}
	if h := sm.ok(admin("GET", "health", "")); h["status"] != "ok" {
		t.Fatalf("health %v", h)
	}
	var st State
	if err := json.Unmarshal(admin("GET", "state", "").body, &st); err != nil || st.Accounts[tPrimary] == nil || len(st.Accounts[tPrimary].UserRoles) != 2 {
		t.Fatalf("state: %v", err)
	}
	sm.post(api(tPrimary, "/AccountUserRole/query"), ``)
	counters := map[string]RouteCounters{}
	if err := json.Unmarshal(admin("GET", "counters", "").body, &counters); err != nil || counters["POST /AccountUserRole/query"].Requests != 1 {
		t.Fatalf("counters %v (%v)", counters, err)
	}
	for k := range counters {
		if strings.Contains(k, "__admin") {
			t.Fatalf("admin requests were counted: %v", counters)
		}
	}
	sm.ok(admin("POST", "counters/reset", ""))
	counters = map[string]RouteCounters{}
	if err := json.Unmarshal(admin("GET", "counters", "").body, &counters); err != nil || len(counters) != 0 {
		t.Fatalf("counters after reset %v", counters)
	}
	put := sm.ok(admin("PUT", "faults", `{"latency":"0s","storm503":2}`))
	if put["storm503"] != 2.0 {
		t.Fatalf("faults after PUT %v", put)
	}
	sm.fails(sm.post(api(tPrimary, "/AccountUserRole/query"), ``), http.StatusServiceUnavailable)
	sm.ok(admin("GET", "health", "")) // admin is never faulted
	sm.fails(admin("PUT", "faults", `{"p500":2}`), http.StatusBadRequest)
	sm.fails(admin("PUT", "faults", `{`), http.StatusBadRequest)
	sm.fails(admin("GET", "nothing", ""), http.StatusNotFound)
}

func TestAfterHookSeesRouteAndMayMutate(t *testing.T) {
	sm := newSim(t, testWorld())
	var mu sync.Mutex
	var routes []string
	sm.s.SetAfterHook(func(route string) {
		mu.Lock()
		routes = append(routes, route)
		mu.Unlock()
		sm.s.Mutate(func(st *State) { st.Accounts[tPrimary].Account.Name = "changed by hook" })
	})
	sm.post(api(tPrimary, "/AccountUserRole/query"), ``)
	sm.get(api(tPrimary, "/Role/"+SupportRoleID))
	sm.get("/__admin/health")
	sm.s.SetAfterHook(nil)
	sm.get(api(tPrimary, "/Role/"+SupportRoleID))
	mu.Lock()
	defer mu.Unlock()
	if fmt.Sprint(routes) != "[POST /AccountUserRole/query GET /Role/{id}]" {
		t.Fatalf("hook saw %v", routes)
	}
	if sm.s.Snapshot().Accounts[tPrimary].Account.Name != "changed by hook" {
		t.Fatalf("the hook's Mutate did not apply")
	}
}

func TestLoadAndSnapshotAreDeepCopies(t *testing.T) {
	st := testWorld()
	s := New(Options{RateLimit: -1})
	s.Load(st)
	st.Accounts[tPrimary].UserRoles[1].Extra["futureFlag"] = "mutated"
	st.Accounts[tPrimary].Roles[0].Privileges[0].Name = "mutated"
	snap := s.Snapshot()
	if snap.Accounts[tPrimary].UserRoles[1].Extra["futureFlag"] != true || snap.Accounts[tPrimary].Roles[0].Privileges[0].Name != "VIEW_RESULT" {
		t.Fatalf("Load shared memory with the caller")
	}
	snap.Accounts[tPrimary].Groups[0].Resources[0].ResourceName = "mutated"
	snap.Credentials[0].Accounts[0] = "mutated"
	again := s.Snapshot()
	if again.Accounts[tPrimary].Groups[0].Resources[0].ResourceName != "Standard User" || again.Credentials[0].Accounts[0] != tPrimary {
		t.Fatalf("Snapshot shared memory with the server")
	}
	s.Load(nil)
	if empty := s.Snapshot(); len(empty.Accounts) != 0 || empty.Users == nil {
		t.Fatalf("Load(nil) left %d accounts", len(empty.Accounts))
	}
}

// The MFT part (helper C's handler) is mounted at /mft/ behind the same middleware.
func TestMFTIsMounted(t *testing.T) {
	st := testWorld()
	st.MFT = &MFTState{APIKeys: []string{"mft-key"}, CustomerID: 1}
	sm := newSim(t, st)
	get := func(key string) int {
		hr, _ := http.NewRequestWithContext(context.Background(), http.MethodGet, sm.srv.URL+"/mft/api/AdminRoles?includePermissions=true", nil)
		if key != "" {
			hr.Header.Set("ApiKey", key)
		}
		hr.Header.Set("Accept", "application/json")
		res, err := http.DefaultClient.Do(hr)
		if err != nil {
			t.Fatal(err)
		}
		_ = res.Body.Close()
		return res.StatusCode
	}
	if got := get("mft-key"); got != http.StatusOK {
		t.Fatalf("MFT with key: %d", got)
	}
	if got := get(""); got != http.StatusUnauthorized {
		t.Fatalf("MFT without key: %d", got)
	}
	if n := sm.s.mw.counters.snapshot()["GET /mft/api/AdminRoles"].Requests; n != 2 {
		t.Fatalf("MFT requests counted %d times, want 2", n)
	}
}

// Built-in role privileges follow Boomi's documented matrix: Standard User has no API Access, Dashboard,
// Account Administration or View Audit Logs; Support and Production Support have no Dashboard.
func TestBuiltinRolePrivilegesFollowTheDocumentedMatrix(t *testing.T) {
	has := func(r Role, code string) bool {
		return slices.ContainsFunc(r.Privileges, func(p Privilege) bool { return p.Name == code })
	}
	for _, r := range BuiltinRoles() {
		switch r.ID {
		case StandardUserRoleID:
			for _, not := range []string{"API", "DASHBOARD", "ACCOUNT_ADMIN", "VIEW_AUDIT_LOGS"} {
				if has(r, not) {
					t.Errorf("Standard User has %s", not)
				}
			}
			for _, want := range []string{"ATOM_MANAGEMENT", "BUILD", "ENV_MANAGEMENT", "EXECUTE", "VIEW_RESULT", "DEPLOY"} {
				if !has(r, want) {
					t.Errorf("Standard User lacks %s", want)
				}
			}
		case SupportRoleID, ProductionSupportRoleID:
			if has(r, "DASHBOARD") || !has(r, "EXECUTE") || !has(r, "VIEW_RESULT") {
				t.Errorf("%s privileges %v", r.Name, r.Privileges)
			}
		}
	}
}
