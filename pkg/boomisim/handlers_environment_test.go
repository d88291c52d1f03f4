package boomisim

import (
	"net/http"
	"strings"
	"testing"
)

// envWorld is testWorld with two environments, one of them restricted to Administrator, and credentials
// that lack the runtime or environment-management privileges.
func envWorld() *State {
	st := testWorld()
	p := st.Accounts[tPrimary]
	p.Environments = []Environment{{ID: "env-prod", Name: "Production", Classification: "PROD"}, {ID: "env-test", Name: "Test", Classification: "TEST"}}
	p.EnvironmentRoles = []EnvironmentRole{{ID: environmentRoleID("env-prod", AdministratorRoleID), EnvironmentID: "env-prod", RoleID: AdministratorRoleID}}
	st.Credentials = append(st.Credentials,
		Credential{Email: "noruntime@example.com", Token: "tok-noruntime", Accounts: []string{tPrimary}, NoRuntimeRead: true},
		Credential{Email: "noenv@example.com", Token: "tok-noenv", Accounts: []string{tPrimary}, NoEnvManagement: true})
	return st
}

func TestEnvironmentRoleLifecycle(t *testing.T) {
	sm := newSim(t, envWorld())
	path := api(tPrimary, "/EnvironmentRole")
	body := `{"environmentId":"env-test","roleId":"` + SupportRoleID + `"}`
	created := sm.ok(sm.post(path, body))
	id := created["id"].(string)
	if created["environmentId"] != "env-test" || created["roleId"] != SupportRoleID || id == "" {
		t.Fatalf("created %v", created)
	}
	if msg := sm.fails(sm.post(path, body), http.StatusBadRequest); !strings.Contains(msg, "already attached") {
		t.Errorf("duplicate: %q", msg)
	}
	if got := sm.ok(sm.get(api(tPrimary, "/EnvironmentRole/"+id))); got["id"] != id {
		t.Errorf("GET %v", got)
	}
	links := sm.queryAll(tPrimary, "EnvironmentRole", `{"QueryFilter":{"expression":{"operator":"EQUALS","property":"environmentId","argument":["env-test"]}}}`)
	if len(links) != 1 || links[0]["roleId"] != SupportRoleID {
		t.Errorf("query by environment: %v", links)
	}
	sm.fails(sm.post(api(tPrimary, "/EnvironmentRole/query"), `{"QueryFilter":{"expression":{"operator":"LIKE","property":"roleId","argument":["%"]}}}`), http.StatusBadRequest)
	sm.ok(sm.do(req{method: "DELETE", path: api(tPrimary, "/EnvironmentRole/"+id)}))
	sm.fails(sm.do(req{method: "DELETE", path: api(tPrimary, "/EnvironmentRole/"+id)}), http.StatusBadRequest)
	if n := len(sm.s.Snapshot().Accounts[tPrimary].EnvironmentRoles); n != 1 {
		t.Errorf("%d links left, want the original 1", n)
	}
}

func TestEnvironmentRoleCreateNeedsExistingEnvironmentAndRole(t *testing.T) {
	sm := newSim(t, envWorld())
	path := api(tPrimary, "/EnvironmentRole")
	if msg := sm.fails(sm.post(path, `{"environmentId":"nope","roleId":"`+SupportRoleID+`"}`), http.StatusBadRequest); !strings.Contains(msg, "Environment \"nope\"") {
		t.Errorf("unknown environment: %q", msg)
	}
	if msg := sm.fails(sm.post(path, `{"environmentId":"env-test","roleId":"nope"}`), http.StatusBadRequest); !strings.Contains(msg, "Role \"nope\"") {
		t.Errorf("unknown role: %q", msg)
	}
	sm.fails(sm.post(path, `{"roleId":"x"}`), http.StatusBadRequest)
}

func TestEnvironmentPrivilegesAndFeature(t *testing.T) {
	sm := newSim(t, envWorld())
	create := func(user, token string) resp {
		return sm.do(req{method: "POST", path: api(tPrimary, "/EnvironmentRole"), user: tokenUserPrefix + user, token: token,
			body: `{"environmentId":"env-test","roleId":"` + SupportRoleID + `"}`})
	}
	query := func(user, token string) resp {
		return sm.do(req{method: "POST", path: api(tPrimary, "/Environment/query"), user: tokenUserPrefix + user, token: token})
	}
	if msg := sm.fails(query("noruntime@example.com", "tok-noruntime"), http.StatusForbidden); !strings.Contains(msg, "ATOM_MANAGEMENT") {
		t.Errorf("no runtime read: %q", msg)
	}
	if r := query("noenv@example.com", "tok-noenv"); r.status != http.StatusOK {
		t.Errorf("reading environments needs no ENV_MANAGEMENT: %d %s", r.status, r.body)
	}
	if msg := sm.fails(create("noenv@example.com", "tok-noenv"), http.StatusForbidden); !strings.Contains(msg, "ENV_MANAGEMENT") {
		t.Errorf("no env management: %q", msg)
	}
	sm.s.Mutate(func(st *State) { st.Accounts[tPrimary].EnvironmentRolesOff = true })
	if msg := sm.fails(create(tAdmin, tToken), http.StatusForbidden); !strings.Contains(msg, "cannot restrict environments") {
		t.Errorf("feature off: %q", msg)
	}
	if n := len(sm.s.Snapshot().Accounts[tPrimary].EnvironmentRoles); n != 1 {
		t.Errorf("refused writes changed the links: %d", n)
	}
}

func TestRoleDeleteDetachesItFromEnvironments(t *testing.T) {
	st := envWorld()
	custom := st.Accounts[tPrimary].Roles[0].ID
	st.Accounts[tPrimary].EnvironmentRoles = append(st.Accounts[tPrimary].EnvironmentRoles,
		EnvironmentRole{ID: environmentRoleID("env-test", custom), EnvironmentID: "env-test", RoleID: custom})
	sm := newSim(t, st)
	sm.ok(sm.do(req{method: "DELETE", path: api(tPrimary, "/Role/"+custom)}))
	for _, l := range sm.s.Snapshot().Accounts[tPrimary].EnvironmentRoles {
		if l.RoleID == custom {
			t.Fatalf("link %v survived its role", l)
		}
	}
}

func TestGeneratedEnvironments(t *testing.T) {
	st := Generate(DefaultSpec(200, 3))
	main := st.Accounts[AdminConnection(st).AccountID]
	classes := map[string]int{}
	linked := map[string]int{}
	for _, e := range main.Environments {
		classes[e.Classification]++
	}
	for _, l := range main.EnvironmentRoles {
		linked[l.EnvironmentID]++
	}
	if classes["PROD"] != 2 || classes["TEST"] != 2 {
		t.Errorf("classifications %v, want 2 PROD and 2 TEST", classes)
	}
	unrestricted := 0
	for _, e := range main.Environments {
		if linked[e.ID] == 0 {
			unrestricted++
		}
	}
	if unrestricted != 1 {
		t.Errorf("%d environments without roles, want exactly one (Production DR)", unrestricted)
	}
}
