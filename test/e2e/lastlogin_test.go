package e2e

import (
	"strings"
	"testing"
	"time"

	rs "github.com/conductorone/baton-sdk/pkg/types/resource"

	"github.com/baton-boomi/baton-boomi/internal/syncexpect"
	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

// loginDateLayout is Boomi's date format (docs/boomi-api.md#ids-and-dates).
const loginDateLayout = "2006-01-02T15:04:05Z"

// connectorLoginLookback mirrors the connector's documented window for --sync-last-login (pkg/connector
// last_login.go; docs/assumptions.md#last-login-lookback): only logins of the last 90 days are read.
const connectorLoginLookback = 90 * 24 * time.Hour

func userLastLogin(t *testing.T, _ *simEnv, got *c1zContents, user string) string {
	t.Helper()
	r := got.Resources[rtUser][user]
	if r == nil {
		t.Fatalf("user %q not synced", user)
	}
	ut, err := rs.GetUserTrait(r)
	if err != nil {
		t.Fatalf("user %q has no user trait: %v", user, err)
	}
	v, _ := rs.GetProfileStringValue(ut.GetProfile(), "last_login")
	return v
}

// TestSyncLastLogin: with --sync-last-login each user shows the newest successful login of the look-back
// window; the audit log is read page by page once; without the View Audit Logs privilege the sync still
// succeeds, with one warning and no last logins.
func TestSyncLastLogin(t *testing.T) {
	env := startSim(t, boomisim.DefaultSpec(150, 29), noRateLimit)
	// The generated logins are anchored in mid-2026; move them around "now" so the connector's window
	// (relative to the real clock) holds some and not others.
	now := time.Now().UTC().Truncate(time.Second)
	env.Sim.Mutate(func(st *boomisim.State) {
		acc := st.Accounts[env.Conn.AccountID]
		for i := range acc.AuditLogs {
			e := &acc.AuditLogs[i]
			if e.Type == "account" && e.Action == "ON_ENTRY" && e.Modifier == "SUCCESS" {
				age := time.Duration(i%120) * 24 * time.Hour // 0..119 days: some outside the window
				e.Date = now.Add(-age - time.Duration(i)*time.Minute).Format(loginDateLayout)
			}
		}
	})
	st := env.Sim.Snapshot()
	want := map[string]string{}
	logins := 0
	for _, e := range env.account(st).AuditLogs {
		if e.Type != "account" || e.Action != "ON_ENTRY" || e.Modifier != "SUCCESS" {
			continue
		}
		logins++
		d, err := time.Parse(loginDateLayout, e.Date)
		if err != nil || now.Sub(d) > connectorLoginLookback-time.Hour { // an hour of margin for the run itself
			continue
		}
		if cur, ok := want[e.UserID]; !ok || e.Date > cur {
			want[e.UserID] = e.Date
		}
	}
	if len(want) == 0 {
		t.Fatal("no login inside the window; the test proves nothing")
	}

	path := env.c1zPath("lastlogin")
	env.Sim.ResetCounters()
	env.mustSync(t, path, append([]string{"--sync-last-login"}, fastPacing...)...)
	got := readC1Z(t, path)
	auditPages := env.Sim.Counters()["POST /AuditLog/query"].Requests + env.Sim.Counters()["POST /AuditLog/queryMore"].Requests
	t.Logf("%d logins in the audit log, %d users with a login in the window, %d audit pages read", logins, len(want), auditPages)
	if maxPages := pagesFor(logins); auditPages < 1 || auditPages > maxPages {
		t.Errorf("%d audit-log pages read, want between 1 and %d (the whole login log once)", auditPages, maxPages)
	}
	bad := 0
	for user := range got.Resources[rtUser] {
		gotAt := userLastLogin(t, env, got, user)
		wantAt := ""
		if w, ok := want[user]; ok {
			d, _ := time.Parse(loginDateLayout, w)
			wantAt = d.UTC().Format(time.RFC3339)
		}
		if gotAt != wantAt && bad < 5 {
			bad++
			t.Errorf("user %s: last_login %q, want %q", user, gotAt, wantAt)
		}
	}

	t.Run("without-view-audit-logs", func(t *testing.T) {
		env.Sim.Mutate(func(st *boomisim.State) {
			for i := range st.Credentials {
				if st.Credentials[i].Email == env.Conn.Username {
					st.Credentials[i].NoAudit = true
				}
			}
		})
		path := env.c1zPath("noaudit")
		res := env.mustSync(t, path, append([]string{"--sync-last-login"}, fastPacing...)...)
		if !strings.Contains(res.Output, "View Audit Logs") {
			t.Errorf("no warning naming the missing View Audit Logs privilege:\n%s", res)
		}
		got := readC1Z(t, path)
		for user := range got.Resources[rtUser] {
			if at := userLastLogin(t, env, got, user); at != "" {
				t.Fatalf("user %s has last_login %q although the audit log could not be read", user, at)
			}
		}
		compareSync(t, syncexpect.ForAccount(env.Sim.Snapshot(), env.Conn.AccountID, env.servedRoles(t)), got, syncexpect.Platform)
	})
}
