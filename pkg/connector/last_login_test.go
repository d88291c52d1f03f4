package connector

import (
	"fmt"
	"testing"
	"time"

	"github.com/grpc-ecosystem/go-grpc-middleware/logging/zap/ctxzap"
	"github.com/stretchr/testify/require"
	"go.uber.org/zap"
	"go.uber.org/zap/zaptest/observer"

	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

// pinNow puts "now" just after the dataset's login events so they fall inside the lookback window.
func pinNow(t *testing.T, at time.Time) {
	prev := now
	now = func() time.Time { return at }
	t.Cleanup(func() { now = prev })
}

func newestLogins(st *boomisim.State, accountID string) map[string]time.Time {
	out := map[string]time.Time{}
	for _, a := range st.Accounts[accountID].AuditLogs {
		if a.Type != "account" || a.Action != "ON_ENTRY" || a.Modifier != "SUCCESS" {
			continue
		}
		t := parseLoginTime(a.Date)
		if t.After(out[a.UserID]) {
			out[a.UserID] = t
		}
	}
	return out
}

func TestLastLoginIsTheNewestSuccessfulLogin(t *testing.T) {
	st := boomisim.Generate(syncTestSpec())
	admin := boomisim.AdminConnection(st)
	want := newestLogins(st, admin.AccountID)
	require.NotEmpty(t, want)
	var latest time.Time
	for _, v := range want {
		if v.After(latest) {
			latest = v
		}
	}
	pinNow(t, latest.Add(24*time.Hour))

	e := newTestEnv(t, st)
	e.conn.syncLastLogin = true
	users := e.listAll(newUserBuilder(e.conn))
	withLogin := 0
	for _, u := range users {
		p := userProfile(t, u)
		w, ok := want[u.GetId().GetResource()]
		if !ok {
			require.NotContains(t, p, "last_login")
			continue
		}
		if w.Before(now().Add(-lastLoginLookback)) {
			continue
		}
		withLogin++
		require.Equal(t, w.UTC().Format(time.RFC3339), p["last_login"], "last login of %s", u.GetId().GetResource())
	}
	require.Positive(t, withLogin)
}

// Boomi may refuse a missing privilege with 403 or with 400 (its API-errors page lists "unauthorized
// access" under 400): both are one warning, and the sync goes on.
func TestLastLoginWithoutAuditPrivilegeWarnsAndSyncGoesOn(t *testing.T) {
	for _, privilegeStatus := range []int{403, 400} {
		t.Run(fmt.Sprint(privilegeStatus), func(t *testing.T) {
			lastLoginWithoutAuditPrivilege(t, privilegeStatus)
		})
	}
}

func lastLoginWithoutAuditPrivilege(t *testing.T, privilegeStatus int) {
	st := boomisim.Generate(syncTestSpec())
	st.Credentials[0].NoAudit = true
	e := newTestEnv(t, st, withSimOptions(boomisim.Options{RateLimit: -1, PrivilegeErrorStatus: privilegeStatus}))
	e.conn.syncLastLogin = true
	core, logs := observer.New(zap.WarnLevel)
	e.ctx = ctxzap.ToContext(e.ctx, zap.New(core))

	users := e.listAll(newUserBuilder(e.conn))
	require.NotEmpty(t, users)
	for _, u := range users {
		require.NotContains(t, userProfile(t, u), "last_login")
	}
	require.Equal(t, int64(1), e.requests("POST /AuditLog/query"), "one refused request, then the walk moves on")
	warnings := logs.FilterMessageSnippet("View Audit Logs").All()
	require.Len(t, warnings, 1, "exactly one warning names the missing privilege")
	require.Contains(t, fmt.Sprint(warnings[0].ContextMap()["error"]), fmt.Sprintf("HTTP %d", privilegeStatus))
}

// A 400 that is not about privileges (a bad filter, say) is a real error: the walk fails, it is not
// silently turned into "no last logins".
func TestLastLoginOtherBadRequestFailsTheWalk(t *testing.T) {
	st := boomisim.Generate(syncTestSpec())
	e := newTestEnv(t, st)
	e.conn.syncLastLogin = true
	e.sim.SetFaults(boomisim.Faults{Routes: map[string]boomisim.RouteFault{"POST /AuditLog/query": {Count: 1, Status: 400}}})
	_, _, err := newUserBuilder(e.conn).List(e.ctx, nil, e.opts(""))
	require.Error(t, err)
	require.Contains(t, err.Error(), "AuditLog/query")
}
