package boomisim

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

// These tests run the ops layer and a generated world through the real Server, as a client would.

type simClient struct {
	t    *testing.T
	srv  *httptest.Server
	conn Connection
	http *http.Client
}

func newSimClient(t *testing.T, s *Server, st *State) *simClient {
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return &simClient{t: t, srv: srv, conn: AdminConnection(st), http: &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}}
}

// post sends body to path under the admin's account base and returns status and body.
func (c *simClient) post(path, contentType, body string) (int, []byte) {
	c.t.Helper()
	return c.send("POST", path, contentType, body)
}

func (c *simClient) send(method, path, contentType, body string) (int, []byte) {
	c.t.Helper()
	req, err := http.NewRequestWithContext(context.Background(), method, c.srv.URL+"/api/rest/v1/"+c.conn.AccountID+path, strings.NewReader(body))
	if err != nil {
		c.t.Fatal(err)
	}
	req.SetBasicAuth("BOOMI_TOKEN."+c.conn.Username, c.conn.Token)
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("Accept", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	return resp.StatusCode, data
}

type queryPage struct {
	Type       string           `json:"@type"`
	Count      int              `json:"numberOfResults"`
	QueryToken string           `json:"queryToken"`
	Result     []map[string]any `json:"result"`
}

// readAll pages through object's query with the generated admin and returns every result.
func (c *simClient) readAll(object string) []map[string]any {
	c.t.Helper()
	status, body := c.post("/"+object+"/query", "application/json", `{"QueryFilter":{}}`)
	var all []map[string]any
	for {
		if status != http.StatusOK {
			c.t.Fatalf("%s page: status %d body %s", object, status, body)
		}
		var page queryPage
		if err := json.Unmarshal(body, &page); err != nil {
			c.t.Fatalf("%s page: %v", object, err)
		}
		all = append(all, page.Result...)
		if page.QueryToken == "" {
			return all
		}
		status, body = c.post("/"+object+"/queryMore", "text/plain", page.QueryToken)
	}
}

func TestGeneratedWorldServesThroughTheAPI(t *testing.T) {
	st := Generate(DefaultSpec(250, 7))
	s := New(Options{RateLimit: -1})
	s.Load(st)
	c := newSimClient(t, s, st)
	main := st.Accounts[c.conn.AccountID]

	links := c.readAll("AccountUserRole")
	if len(links) != len(main.UserRoles) {
		t.Fatalf("read %d AccountUserRole links, the world has %d", len(links), len(main.UserRoles))
	}
	injected := 0
	for _, l := range links {
		for _, name := range InjectedUnknownFields {
			if _, ok := l[name]; ok {
				injected++
			}
		}
	}
	if injected == 0 {
		t.Error("no injected unknown field reached the client")
	}
	if groups := c.readAll("AccountGroup"); len(groups) != len(main.Groups) {
		t.Errorf("read %d groups, the world has %d", len(groups), len(main.Groups))
	}
	if feds := c.readAll("AccountUserFederation"); len(feds) != len(main.Federations) {
		t.Errorf("read %d federation records, the world has %d", len(feds), len(main.Federations))
	}
	if subs := c.readAll("Account"); len(subs) != len(st.Accounts)-1 {
		t.Errorf("Account query returned %d sub-accounts, the world has %d", len(subs), len(st.Accounts)-1)
	}

	// Pages: ceil(n/100) requests for the links, all counted on the two routes.
	pages := (len(main.UserRoles) + 99) / 100
	counts := s.Counters()
	if got := counts["POST /AccountUserRole/query"].Requests + counts["POST /AccountUserRole/queryMore"].Requests; got != int64(pages) {
		t.Errorf("counted %d AccountUserRole page requests, want %d", got, pages)
	}
}

func TestServerFaultsAndCountersFromGo(t *testing.T) {
	st := Generate(DefaultSpec(20, 3))
	s := New(Options{RateLimit: -1, FaultSeed: 5})
	s.Load(st)
	c := newSimClient(t, s, st)

	s.SetFaults(Faults{Routes: map[string]RouteFault{"POST /AccountUserRole/query": {Count: 2, Status: http.StatusGatewayTimeout}}})
	for i, want := range []int{504, 504, 200} {
		if status, body := c.post("/AccountUserRole/query", "application/json", `{}`); status != want {
			t.Fatalf("request %d: status %d body %s, want %d", i+1, status, body, want)
		}
	}
	if status, _ := c.post("/Role/query", "application/json", `{}`); status != http.StatusOK {
		t.Errorf("other route: status %d", status)
	}
	if left := s.Faults().Routes; len(left) != 0 {
		t.Errorf("route faults left: %v", left)
	}
	counts := s.Counters()
	if got := counts["POST /AccountUserRole/query"]; got != (RouteCounters{Requests: 3, Faults: 2}) {
		t.Errorf("query counters %+v", got)
	}
	if got := counts["POST /Role/query"]; got != (RouteCounters{Requests: 1}) {
		t.Errorf("role counters %+v", got)
	}

	// The admin path is neither counted nor faulted.
	s.SetFaults(Faults{P500: 1})
	req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, c.srv.URL+"/__admin/counters", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := c.http.Do(req)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("admin counters: %v %v", resp, err)
	}
	var overHTTP map[string]RouteCounters
	if err := json.NewDecoder(resp.Body).Decode(&overHTTP); err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if len(overHTTP) != 2 || overHTTP["POST /Role/query"] != counts["POST /Role/query"] {
		t.Errorf("admin counters %v, want the two API routes only", overHTTP)
	}

	s.ResetCounters()
	if n := len(s.Counters()); n != 0 {
		t.Errorf("%d routes after reset", n)
	}
}

func TestServerRateLimitPerAccount(t *testing.T) {
	st := Generate(DefaultSpec(20, 3))
	s := New(Options{RateLimit: 2, Burst: 2})
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	s.mw.limiter.now = func() time.Time { return now }
	s.Load(st)
	c := newSimClient(t, s, st)

	var statuses []int
	for range 3 {
		status, _ := c.post("/Role/query", "application/json", `{}`)
		statuses = append(statuses, status)
	}
	if statuses[0] != 200 || statuses[1] != 200 || statuses[2] != 503 {
		t.Fatalf("statuses %v, want 200 200 503", statuses)
	}
	now = now.Add(500 * time.Millisecond)
	if status, body := c.post("/Role/query", "application/json", `{}`); status != http.StatusOK {
		t.Fatalf("after 1/rate: status %d body %s", status, body)
	}
	if got := s.Counters()["POST /Role/query"]; got != (RouteCounters{Requests: 4, Throttled: 1}) {
		t.Errorf("counters %+v", got)
	}
}

// TestGeneratedLinkIDsMatchTheServers: deleting a generated link and creating it again through the API gives
// back the generated id, so generated and API-made links are indistinguishable.
func TestGeneratedLinkIDsMatchTheServers(t *testing.T) {
	st := Generate(DefaultSpec(300, 11))
	s := New(Options{RateLimit: -1})
	s.Load(st)
	c := newSimClient(t, s, st)
	main := st.Accounts[c.conn.AccountID]

	// A direct role of a user who holds several (deleting a last role would remove the user).
	var ur AccountUserRole
	for _, l := range main.UserRoles {
		if len(rolesOf(main, l.UserID)) > 1 && l.RoleID != NonCanonicalRoleID && l.UserID != c.conn.Username {
			ur = l
			break
		}
	}
	gur, ga, fed := main.GroupUserRoles[0], main.GroupAccounts[0], main.Federations[0]
	for _, tc := range []struct{ object, id, body string }{
		{"AccountUserRole", ur.ID, fmt.Sprintf(`{"accountId":%q,"userId":%q,"roleId":%q,"notifyUser":false}`, ur.AccountID, ur.UserID, ur.RoleID)},
		{"AccountGroupUserRole", gur.ID, fmt.Sprintf(`{"accountGroupId":%q,"userId":%q,"roleId":%q,"notifyUser":false}`, gur.AccountGroupID, gur.UserID, gur.RoleID)},
		{"AccountGroupAccount", ga.ID, fmt.Sprintf(`{"accountGroupId":%q,"accountId":%q}`, ga.AccountGroupID, ga.AccountID)},
		{"AccountUserFederation", fed.ID, fmt.Sprintf(`{"accountId":%q,"userId":%q,"federationId":%q}`, fed.AccountID, fed.UserID, fed.FederationID)},
	} {
		if status, body := c.send("DELETE", "/"+tc.object+"/"+url.PathEscape(tc.id), "application/json", ""); status != http.StatusOK {
			t.Fatalf("DELETE %s %s: %d %s", tc.object, tc.id, status, body)
		}
		status, body := c.post("/"+tc.object, "application/json", tc.body)
		var created struct {
			ID string `json:"id"`
		}
		if err := json.Unmarshal(body, &created); status != http.StatusOK || err != nil {
			t.Fatalf("re-create %s: %d %s", tc.object, status, body)
		}
		if created.ID != tc.id {
			t.Errorf("%s: generated id %q, the server gives the same link id %q", tc.object, tc.id, created.ID)
		}
	}
}
