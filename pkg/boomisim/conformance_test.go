package boomisim

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"os"
	"sort"
	"strings"
	"testing"
	"time"
)

// accountGroupCreateBody is a complete AccountGroup create request, with one resource.
const accountGroupCreateBody = `{"name":"G","autoSubscribeAlertLevel":"warning","Resources":{"Resource":[{"resourceId":"r","resourceName":"R","objectType":"Role"}]}}`

// The conformance test holds the simulator to Boomi's published OpenAPI document (a structural subset in
// testdata, see its .md for provenance): every served route must be a documented operation with the same
// method, and every JSON answer must fit that operation's 200 response schema — no field the schema does
// not name (apart from "@type" and the deliberately injected InjectedUnknownFields), and the schema's
// types and enums respected.

type oaSchema struct {
	Ref        string               `json:"$ref"`
	Type       string               `json:"type"`
	Format     string               `json:"format"`
	Properties map[string]*oaSchema `json:"properties"`
	Items      *oaSchema            `json:"items"`
	Enum       []any                `json:"enum"`
	OneOf      []*oaSchema          `json:"oneOf"`
	AllOf      []*oaSchema          `json:"allOf"`
}

type oaMedia struct {
	Schema *oaSchema `json:"schema"`
}

type oaOperation struct {
	Responses map[string]struct {
		Content map[string]oaMedia `json:"content"`
	} `json:"responses"`
}

type oaSpec struct {
	Paths      map[string]map[string]oaOperation `json:"paths"`
	Components struct {
		Schemas map[string]*oaSchema `json:"schemas"`
	} `json:"components"`
}

func loadSpec(t *testing.T) *oaSpec {
	t.Helper()
	raw, err := os.ReadFile("testdata/boomi-platform-openapi.subset.json")
	if err != nil {
		t.Fatal(err)
	}
	var s oaSpec
	if err := json.Unmarshal(raw, &s); err != nil {
		t.Fatalf("spec does not parse: %v", err)
	}
	if len(s.Paths) == 0 || len(s.Components.Schemas) == 0 {
		t.Fatalf("spec has %d paths and %d schemas", len(s.Paths), len(s.Components.Schemas))
	}
	return &s
}

func (s *oaSpec) resolve(sc *oaSchema) *oaSchema {
	for sc != nil && sc.Ref != "" {
		sc = s.Components.Schemas[strings.TrimPrefix(sc.Ref, "#/components/schemas/")]
	}
	return sc
}

// specPathOf is the documented path a route answers.
func specPathOf(rt route) string {
	if rt.specPath != "" {
		return rt.specPath
	}
	return rt.pattern
}

// responseSchema is the JSON 200 schema of an operation (nil when it documents no body).
func (s *oaSpec) responseSchema(method, path string) *oaSchema {
	op, ok := s.Paths[path][strings.ToLower(method)]
	if !ok {
		return nil
	}
	return op.Responses["200"].Content["application/json"].Schema
}

var injected = func() map[string]bool {
	m := map[string]bool{}
	for _, f := range InjectedUnknownFields {
		m[f] = true
	}
	return m
}()

// check validates v against sc and returns one line per violation, naming the JSON path.
func (s *oaSpec) check(where string, v any, sc *oaSchema) []string {
	sc = s.resolve(sc)
	if sc == nil {
		return []string{where + ": no schema"}
	}
	if len(sc.OneOf) > 0 {
		var first []string
		for i, alt := range sc.OneOf {
			errs := s.check(where, v, alt)
			if len(errs) == 0 {
				return nil
			}
			if i == 0 {
				first = errs
			}
		}
		return first
	}
	if len(sc.AllOf) > 0 {
		merged := &oaSchema{Type: "object", Properties: map[string]*oaSchema{}}
		for _, part := range sc.AllOf {
			for k, p := range s.resolve(part).Properties {
				merged.Properties[k] = p
			}
		}
		sc = merged
	}
	var errs []string
	if len(sc.Enum) > 0 && !enumHas(sc.Enum, v) {
		errs = append(errs, fmt.Sprintf("%s: %v is not one of %v", where, v, sc.Enum))
	}
	switch val := v.(type) {
	case map[string]any:
		if sc.Type != "" && sc.Type != "object" {
			return append(errs, fmt.Sprintf("%s: object where the schema has %s", where, sc.Type))
		}
		keys := make([]string, 0, len(val))
		for k := range val {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			switch prop, known := sc.Properties[k]; {
			case k == "@type":
				if _, ok := val[k].(string); !ok {
					errs = append(errs, where+".@type: not a string")
				}
			case injected[k]:
			case !known:
				errs = append(errs, fmt.Sprintf("%s.%s: not a property of the schema", where, k))
			default:
				errs = append(errs, s.check(where+"."+k, val[k], prop)...)
			}
		}
	case []any:
		if sc.Type != "array" {
			return append(errs, fmt.Sprintf("%s: array where the schema has %q", where, sc.Type))
		}
		for i, item := range val {
			errs = append(errs, s.check(fmt.Sprintf("%s[%d]", where, i), item, sc.Items)...)
		}
	case string:
		switch {
		case sc.Type != "string":
			errs = append(errs, fmt.Sprintf("%s: string where the schema has %q", where, sc.Type))
		case sc.Format == "date-time":
			if _, err := time.Parse(time.RFC3339, val); err != nil {
				errs = append(errs, fmt.Sprintf("%s: %q is not a date-time", where, val))
			}
		case sc.Format == "byte":
			if _, err := base64.StdEncoding.DecodeString(val); err != nil {
				errs = append(errs, fmt.Sprintf("%s: %q is not base64", where, val))
			}
		}
	case bool:
		if sc.Type != "boolean" {
			errs = append(errs, fmt.Sprintf("%s: boolean where the schema has %q", where, sc.Type))
		}
	case float64:
		if sc.Type != "integer" && sc.Type != "number" || sc.Type == "integer" && val != math.Trunc(val) {
			errs = append(errs, fmt.Sprintf("%s: number %v where the schema has %q", where, val, sc.Type))
		}
	case nil:
		errs = append(errs, where+": null")
	}
	return errs
}

func enumHas(enum []any, v any) bool {
	for _, e := range enum {
		if e == v {
			return true
		}
	}
	return false
}

func TestConformanceRoutesAreDocumented(t *testing.T) {
	spec := loadSpec(t)
	served := map[string]bool{}
	for _, rt := range servedRoutes {
		path := specPathOf(rt)
		if _, ok := spec.Paths[path][strings.ToLower(rt.method)]; !ok {
			t.Errorf("served route %s %s is not in Boomi's OpenAPI document", rt.method, path)
		}
		if rt.specPath != "" && !strings.EqualFold(rt.specPath, rt.pattern) {
			t.Errorf("alias %s may only differ from %s in letter case", rt.pattern, rt.specPath)
		}
		served[strings.ToLower(rt.method)+" "+path] = true
	}
	// The other way round: every documented operation of the identity and environment-access objects is
	// served, except the environment writes the connector never makes.
	notServed := map[string]bool{"post /Environment/{id}": true, "delete /Environment/{id}": true}
	for path, ops := range spec.Paths {
		for method := range ops {
			if !served[method+" "+path] && !notServed[method+" "+path] {
				t.Errorf("documented operation %s %s is not served", strings.ToUpper(method), path)
			}
		}
	}
}

// conformanceWorld is testWorld with more than a page of every object in the primary account and unknown
// fields on every object type that can carry them.
func conformanceWorld() *State {
	st := testWorld()
	p := st.Accounts[tPrimary]
	for i := 0; i < 120; i++ {
		sub := fmt.Sprintf("sub-%03d", i)
		st.Accounts[sub] = &AccountState{Account: Account{AccountID: sub, Name: "Sub " + sub, Status: "trial",
			DateCreated: "2024-01-01T00:00:00Z", ExpirationDate: "2024-03-01T00:00:00Z", SupportLevel: "premier"}, ParentID: tPrimary}
		user := fmt.Sprintf("user%03d@example.com", i)
		st.Users[user] = &PlatformUser{Email: user, FirstName: "U", LastName: fmt.Sprint(i), LoggedIn: true}
		extra := unknownFieldValues(i)
		p.UserRoles = append(p.UserRoles, AccountUserRole{ID: linkID(tPrimary, user, SupportRoleID), AccountID: tPrimary,
			UserID: user, RoleID: SupportRoleID, FirstName: "U", LastName: fmt.Sprint(i), Extra: extra})
		p.Roles = append(p.Roles, Role{ID: fmt.Sprintf("00000000-0000-4000-8000-%012d", i), AccountID: tPrimary,
			Name: fmt.Sprint("Role ", i), Description: "d", ParentID: StandardUserRoleID, Privileges: []Privilege{{"API"}}, Extra: extra})
		group := fmt.Sprintf("grp-%03d", i)
		p.Groups = append(p.Groups, AccountGroup{ID: group, AccountID: tPrimary, Name: group, AutoSubscribeAlertLevel: "info",
			Resources: []Resource{{ResourceID: SupportRoleID, ResourceName: "Support", ObjectType: "Role"}}, Extra: extra})
		p.GroupAccounts = append(p.GroupAccounts, AccountGroupAccount{ID: linkID(group, sub), AccountGroupID: group, AccountID: sub})
		p.GroupUserRoles = append(p.GroupUserRoles, AccountGroupUserRole{ID: linkID(group, user, SupportRoleID), AccountGroupID: group,
			UserID: user, RoleID: SupportRoleID, FirstName: "U", LastName: fmt.Sprint(i), Extra: extra})
		p.Federations = append(p.Federations, AccountUserFederation{ID: linkID("fed", user, tPrimary), AccountID: tPrimary, UserID: user, FederationID: "fed-" + user})
		p.AuditLogs = append(p.AuditLogs, AuditLog{DocumentID: fmt.Sprintf("doc-x%03d", i), AccountID: tPrimary, ContainerID: tPrimary, UserID: user,
			Date: "2026-02-01T00:00:00Z", Type: "account", Action: "ON_ENTRY", Modifier: "SUCCESS", Level: "INFO", Source: "UI",
			Properties: []AuditLogProperty{{Name: "ip", Value: "10.0.0.1"}}})
		env := fmt.Sprintf("env-%03d", i)
		class := "PROD"
		if i%2 == 1 {
			class = "TEST"
		}
		p.Environments = append(p.Environments, Environment{ID: env, Name: "Env " + env, Classification: class})
		p.EnvironmentRoles = append(p.EnvironmentRoles, EnvironmentRole{ID: environmentRoleID(env, SupportRoleID), EnvironmentID: env, RoleID: SupportRoleID})
	}
	return st
}

// queryMoreSample runs a query and answers its second page.
func queryMoreSample(object string) func(sm *sim) resp {
	return func(sm *sim) resp {
		_, tok := sm.results(sm.ok(sm.post(api(tPrimary, "/"+object+"/query"), ``)))
		if tok == "" {
			sm.t.Fatalf("%s query has no second page; the conformance world needs more objects", object)
		}
		return sm.do(req{method: "POST", path: api(tPrimary, "/"+object+"/queryMore"), body: tok, contentType: "text/plain"})
	}
}

func post(rest, body string) func(sm *sim) resp {
	return func(sm *sim) resp { return sm.post(api(tPrimary, rest), body) }
}

func get(rest string) func(sm *sim) resp {
	return func(sm *sim) resp { return sm.get(api(tPrimary, rest)) }
}

func del(rest string) func(sm *sim) resp {
	return func(sm *sim) resp { return sm.do(req{method: "DELETE", path: api(tPrimary, rest)}) }
}

// conformanceSamples is one successful request per served route (key: method + pattern).
var conformanceSamples = map[string]func(sm *sim) resp{
	"GET /Account/{id}":                     get("/Account/" + tChild),
	"POST /Account/query":                   post("/Account/query", ``),
	"POST /Account/queryMore":               queryMoreSample("Account"),
	"POST /Account/bulk":                    post("/Account/bulk", `{"type":"GET","request":[{"id":"`+tChild+`"},{"id":"missing"}]}`),
	"POST /AccountUserRole":                 post("/AccountUserRole", `{"userId":"new@example.com","roleId":"`+StandardUserRoleID+`","firstName":"N","lastName":"U","notifyUser":true}`),
	"POST /AccountUserRole/query":           post("/AccountUserRole/query", ``),
	"POST /AccountUserRole/queryMore":       queryMoreSample("AccountUserRole"),
	"DELETE /AccountUserRole/{id}":          del("/AccountUserRole/" + linkID(tPrimary, "user007@example.com", SupportRoleID)),
	"POST /Role":                            post("/Role", `{"name":"New","Description":"x","parentId":"`+StandardUserRoleID+`","Privileges":{"Privilege":[{"name":"API"}]}}`),
	"GET /Role/{id}":                        get("/Role/00000000-0000-4000-8000-000000000001"),
	"POST /Role/{id}":                       post("/Role/00000000-0000-4000-8000-000000000001", `{"name":"Renamed","Privileges":{"Privilege":[{"name":"DEPLOY"}]}}`),
	"DELETE /Role/{id}":                     del("/Role/0b8e6c1e-5d55-4b0e-9d0f-3f1b2f7a9c11"),
	"POST /Role/bulk":                       post("/Role/bulk", `{"type":"GET","request":[{"id":"`+SupportRoleID+`"},{"id":"00000000-0000-4000-8000-000000000002"}]}`),
	"POST /Role/query":                      post("/Role/query", `{"QueryFilter":{}}`),
	"POST /Role/queryMore":                  queryMoreSample("Role"),
	"GET /getAssignableRoles":               get("/getAssignableRoles"),
	"POST /AccountGroup":                    post("/AccountGroup", accountGroupCreateBody),
	"GET /AccountGroup/{id}":                get("/AccountGroup/grp-all"),
	"POST /AccountGroup/{id}":               post("/AccountGroup/grp-eu", `{"name":"EU-2"}`),
	"POST /AccountGroup/bulk":               post("/AccountGroup/bulk", `{"type":"GET","request":[{"id":"grp-001"}]}`),
	"POST /AccountGroup/query":              post("/AccountGroup/query", ``),
	"POST /AccountGroup/queryMore":          queryMoreSample("AccountGroup"),
	"POST /AccountGroupAccount":             post("/AccountGroupAccount", `{"accountGroupId":"grp-eu","accountId":"`+tGrand+`"}`),
	"POST /AccountGroupAccount/query":       post("/AccountGroupAccount/query", ``),
	"POST /AccountGroupAccount/queryMore":   queryMoreSample("AccountGroupAccount"),
	"DELETE /AccountGroupAccount/{id}":      del("/AccountGroupAccount/" + linkID("grp-all", tChild)),
	"POST /AccountGroupUserRole":            post("/AccountGroupUserRole", `{"accountGroupId":"grp-eu","userId":"Jane.Roe@Example.com","roleId":"`+SupportRoleID+`"}`),
	"POST /AccountGroupUserRole/query":      post("/AccountGroupUserRole/query", ``),
	"POST /AccountGroupUserRole/queryMore":  queryMoreSample("AccountGroupUserRole"),
	"DELETE /AccountGroupUserRole/{id}":     del("/AccountGroupUserRole/" + linkID("grp-all", tAdmin, AdministratorRoleID)),
	"POST /AccountUserFederation":           post("/AccountUserFederation", `{"accountId":"`+tPrimary+`","userId":"`+tAdmin+`","federationId":"FED-ADA"}`),
	"POST /AccountUserFederation/{id}":      post("/AccountUserFederation/"+linkID("FED-JANE", "Jane.Roe@Example.com", tPrimary), `{"federationId":"FED-JANE-2"}`),
	"DELETE /AccountUserFederation/{id}":    del("/AccountUserFederation/" + linkID("FED-JANE", "Jane.Roe@Example.com", tPrimary)),
	"POST /AccountUserFederation/query":     post("/AccountUserFederation/query", ``),
	"POST /AccountUserFederation/queryMore": queryMoreSample("AccountUserFederation"),
	"GET /AccountSSOConfig/{id}":            get("/AccountSSOConfig/" + tPrimary),
	"POST /AccountSSOConfig/{id}": post("/AccountSSOConfig/"+tPrimary, `{"enabled":true,"idpUrl":"https://idp","certificate":["QUJD"],"certInfo":"a~~b",`+
		`"fedIdFromNameId":false,"nameIdPolicy":"TRANSIENT","authnContext":"UNSPECIFIED","authnContextComparison":"MINIMUM","assertionEncryption":true,"caseInsensitiveFederationId":true}`),
	"DELETE /AccountSSOConfig/{id}":   del("/AccountSSOConfig/" + tPrimary),
	"POST /AccountSSOConfig/bulk":     post("/AccountSSOConfig/bulk", `{"type":"GET","request":[{"id":"`+tPrimary+`"},{"id":"`+tChild+`"}]}`),
	"GET /Environment/{id}":           get("/Environment/env-001"),
	"POST /Environment/bulk":          post("/Environment/bulk", `{"type":"GET","request":[{"id":"env-002"},{"id":"nope"}]}`),
	"POST /Environment/query":         post("/Environment/query", `{"QueryFilter":{"expression":{"operator":"EQUALS","property":"classification","argument":["PROD"]}}}`),
	"POST /Environment/queryMore":     queryMoreSample("Environment"),
	"POST /EnvironmentRole":           post("/EnvironmentRole", `{"environmentId":"env-003","roleId":"`+AdministratorRoleID+`"}`),
	"GET /EnvironmentRole/{id}":       get("/EnvironmentRole/" + environmentRoleID("env-004", SupportRoleID)),
	"DELETE /EnvironmentRole/{id}":    del("/EnvironmentRole/" + environmentRoleID("env-005", SupportRoleID)),
	"POST /EnvironmentRole/bulk":      post("/EnvironmentRole/bulk", `{"type":"GET","request":[{"id":"`+environmentRoleID("env-006", SupportRoleID)+`"}]}`),
	"POST /EnvironmentRole/query":     post("/EnvironmentRole/query", `{"QueryFilter":{"expression":{"operator":"NOT_EQUALS","property":"roleId","argument":["x"]}}}`),
	"POST /EnvironmentRole/queryMore": queryMoreSample("EnvironmentRole"),
	"GET /AuditLog/{id}":              get("/AuditLog/doc-x001"),
	"POST /AuditLog/bulk":             post("/AuditLog/bulk", `{"type":"GET","request":[{"id":"doc-1"},{"id":"nope"}]}`),
	"POST /AuditLog/query":            post("/AuditLog/query", ``),
	"POST /AuditLog/queryMore":        queryMoreSample("AuditLog"),
}

func TestConformanceResponsesMatchSchemas(t *testing.T) {
	spec := loadSpec(t)
	for _, rt := range servedRoutes {
		key := rt.method + " " + rt.pattern
		t.Run(key, func(t *testing.T) {
			sample, ok := conformanceSamples[key]
			if !ok {
				t.Fatalf("no conformance sample for %s; add one to conformanceSamples", key)
			}
			sm := newSim(t, conformanceWorld())
			r := sample(sm)
			if r.status != http.StatusOK {
				t.Fatalf("sample answered %d: %s", r.status, r.body)
			}
			sc := spec.responseSchema(rt.method, specPathOf(rt))
			if sc == nil {
				if len(r.body) != 0 {
					t.Fatalf("the spec documents no body, the simulator sent %s", r.body)
				}
				return
			}
			var v any
			if err := json.Unmarshal(r.body, &v); err != nil {
				t.Fatalf("answer is not JSON: %v", err)
			}
			if m, ok := v.(map[string]any); !ok || m["@type"] == nil {
				t.Fatalf("answer has no root @type: %.200s", r.body)
			}
			for _, e := range spec.check(strings.TrimPrefix(specPathOf(rt), "/"), v, sc) {
				t.Error(e)
			}
		})
	}
}

// The generated dataset (A2's generator) must conform too: every object of every queryable type.
func TestConformanceGeneratedDataset(t *testing.T) {
	spec := loadSpec(t)
	st := Generate(DefaultSpec(300, 7))
	conn := AdminConnection(st)
	s := New(Options{RateLimit: -1})
	s.Load(st)
	sm := &sim{t: t, s: s}
	sm.srv = newTestServer(t, s)
	for _, object := range []string{"Account", "AccountUserRole", "Role", "AccountGroup", "AccountGroupAccount",
		"AccountGroupUserRole", "AccountUserFederation", "AuditLog", "Environment", "EnvironmentRole"} {
		sc := spec.responseSchema("POST", "/"+object+"/query")
		tok, pages, items := "", 0, 0
		for first := true; first || tok != ""; first = false {
			r := req{method: "POST", path: api(conn.AccountID, "/"+object+"/query"), user: tokenUserPrefix + conn.Username, token: conn.Token}
			if !first {
				r.path, r.body, r.contentType = api(conn.AccountID, "/"+object+"/queryMore"), tok, "text/plain"
			}
			res := sm.do(r)
			var v map[string]any
			if res.status != http.StatusOK || json.Unmarshal(res.body, &v) != nil {
				t.Fatalf("%s page %d: %d %.200s", object, pages, res.status, res.body)
			}
			for _, e := range spec.check(object, v, sc) {
				t.Error(e)
			}
			tok, _ = v["queryToken"].(string)
			pages++
			if list, ok := v["result"].([]any); ok {
				items += len(list)
			}
		}
		if items == 0 {
			t.Errorf("%s: the generated dataset gave no objects to check", object)
		}
	}
}

// The checker itself must catch what it is there to catch.
func TestConformanceCheckerCatchesViolations(t *testing.T) {
	spec := loadSpec(t)
	account := &oaSchema{Ref: "#/components/schemas/Account"}
	cases := []struct {
		name string
		v    string
		want string
	}{
		{"unknown field", `{"@type":"Account","accountId":"a","bogus":1}`, "bogus: not a property"},
		{"enum", `{"status":"sleeping"}`, "is not one of"},
		{"type", `{"widgetAccount":"yes"}`, "string where the schema has \"boolean\""},
		{"nested unknown", `{"licensing":{"standard":{"purchased":1,"spare":2}}}`, "spare: not a property"},
		{"integer", `{"molecule":{"used":1.5}}`, "number 1.5"},
		{"date", `{"@type":"AuditLog","date":"yesterday"}`, "not a date-time"},
		{"null", `{"name":null}`, "null"},
	}
	for _, tc := range cases {
		var v any
		if err := json.Unmarshal([]byte(tc.v), &v); err != nil {
			t.Fatal(err)
		}
		sc := account
		if strings.Contains(tc.v, "AuditLog") {
			sc = &oaSchema{Ref: "#/components/schemas/AuditLog"}
		}
		errs := strings.Join(spec.check("x", v, sc), "\n")
		if !strings.Contains(errs, tc.want) {
			t.Errorf("%s: violations %q do not mention %q", tc.name, errs, tc.want)
		}
	}
	if errs := spec.check("x", map[string]any{"@type": "Account", "accountId": "a", InjectedUnknownFields[0]: true}, account); len(errs) != 0 {
		t.Errorf("injected unknown fields are exempt, got %v", errs)
	}
}
