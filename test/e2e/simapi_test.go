package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/baton-boomi/baton-boomi/internal/syncexpect"
)

// The tests' own reads of the simulator's Platform API: only where the expectation must follow what the
// simulator serves (which roles a Role query returns, which are assignable). Counters are reset after
// these reads so they never mix with what the connector did.

// simCall sends one Platform API request as the dataset's admin and decodes the JSON answer into out.
func (e *simEnv) simCall(t *testing.T, method, path string, body any, out any) {
	t.Helper()
	var payload []byte
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		payload = b
	}
	e.simCallRaw(t, method, path, payload, "application/json", out)
}

type idOnly struct {
	ID string `json:"id"`
}

// simQueryAll runs "<object>/query" with an empty filter and follows queryMore to the end.
func (e *simEnv) simQueryAll(t *testing.T, object string) []idOnly {
	t.Helper()
	var all []idOnly
	var page struct {
		QueryToken string   `json:"queryToken"`
		Result     []idOnly `json:"result"`
	}
	e.simCall(t, "POST", "/"+object+"/query", map[string]any{"QueryFilter": map[string]any{}}, &page)
	all = append(all, page.Result...)
	for page.QueryToken != "" {
		token := page.QueryToken
		page.QueryToken, page.Result = "", nil
		e.simCallRaw(t, "POST", "/"+object+"/queryMore", []byte(token), "text/plain", &page)
		all = append(all, page.Result...)
	}
	return all
}

// simCallRaw sends one request with a raw body. A 503 from the simulator's rate limiter is waited out
// (the tests' own reads share the limiter with the connector).
func (e *simEnv) simCallRaw(t *testing.T, method, path string, body []byte, contentType string, out any) {
	t.Helper()
	user := e.Conn.Username
	if !strings.HasPrefix(user, "BOOMI_TOKEN.") {
		user = "BOOMI_TOKEN." + user
	}
	for attempt := 0; ; attempt++ {
		var rd io.Reader
		if body != nil {
			rd = bytes.NewReader(body)
		}
		req, err := http.NewRequestWithContext(context.Background(), method, e.HTTP.URL+"/api/rest/v1/"+e.Conn.AccountID+path, rd)
		if err != nil {
			t.Fatal(err)
		}
		req.SetBasicAuth(user, e.Conn.Token)
		req.Header.Set("Accept", "application/json")
		if body != nil {
			req.Header.Set("Content-Type", contentType)
		}
		resp, err := e.HTTP.Client().Do(req)
		if err != nil {
			t.Fatalf("%s %s: %v", method, path, err)
		}
		raw, _ := io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		if resp.StatusCode == http.StatusServiceUnavailable && attempt < 50 {
			time.Sleep(150 * time.Millisecond)
			continue
		}
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s %s: %d %s", method, path, resp.StatusCode, raw)
		}
		if out != nil {
			if err := json.Unmarshal(raw, out); err != nil {
				t.Fatalf("%s %s: decode: %v (%s)", method, path, err, raw)
			}
		}
		return
	}
}

// servedRoles reads the roles the simulator serves for the connected account, then resets the
// simulator's counters.
func (e *simEnv) servedRoles(t *testing.T) syncexpect.ServedRoles {
	t.Helper()
	var v syncexpect.ServedRoles
	for _, r := range e.simQueryAll(t, "Role") {
		v.Roles = append(v.Roles, r.ID)
	}
	var assignable struct {
		Role []idOnly `json:"Role"`
	}
	e.simCall(t, "GET", "/getAssignableRoles", nil, &assignable)
	for _, r := range assignable.Role {
		v.Assignable = append(v.Assignable, r.ID)
	}
	sort.Strings(v.Roles)
	sort.Strings(v.Assignable)
	e.Sim.ResetCounters()
	return v
}
