package boomi

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

// A SubAccount view sends every request to the Partner base of the primary with overrideAccount, and
// creates links in the sub-account; the primary client keeps the Platform base and no override.
func TestSubAccountUsesThePartnerBaseWithOverride(t *testing.T) {
	var mu sync.Mutex
	var seen []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.Method+" "+r.URL.EscapedPath()+"?"+r.URL.RawQuery)
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.EscapedPath() {
		case "/partner/api/rest/v1/" + testAccount + "/AccountUserRole":
			_, _ = w.Write([]byte(`{"@type":"AccountUserRole","id":"x","accountId":"sub-QQ11RR","userId":"a@b.c","roleId":"r"}`))
		default:
			_, _ = w.Write([]byte(`{"@type":"QueryResult","numberOfResults":0}`))
		}
	}))
	t.Cleanup(srv.Close)
	c, err := New(context.Background(), Config{BaseURL: srv.URL, AccountID: testAccount, Username: testUser, APIToken: testToken,
		HTTPClient: srv.Client(), RequestsPerSecond: -1})
	require.NoError(t, err)

	sub := c.SubAccount("sub-QQ11RR")
	require.Equal(t, "sub-QQ11RR", sub.AccountID())
	require.Equal(t, testAccount, sub.Partner().AccountID(), "a sub-account view's Partner client is the primary's")
	_, err = sub.QueryAccountUserRoles(context.Background(), nil, "")
	require.NoError(t, err)
	created, err := sub.CreateAccountUserRole(context.Background(), AccountUserRole{UserID: "a@b.c", RoleID: "r"})
	require.NoError(t, err)
	require.Equal(t, "sub-QQ11RR", created.AccountID)
	_, err = c.QueryAccountUserRoles(context.Background(), nil, "")
	require.NoError(t, err)
	_, err = c.Partner().GetAccount(context.Background(), testAccount)
	require.NoError(t, err)

	require.Equal(t, []string{
		"POST /partner/api/rest/v1/" + testAccount + "/AccountUserRole/query?overrideAccount=sub-QQ11RR",
		"POST /partner/api/rest/v1/" + testAccount + "/AccountUserRole?overrideAccount=sub-QQ11RR",
		"POST /api/rest/v1/" + testAccount + "/AccountUserRole/query?",
		"GET /partner/api/rest/v1/" + testAccount + "/Account/" + testAccount + "?",
	}, seen)
}

// By default every sub-account view draws on the primary's pacer (Boomi counts Partner API requests against
// the primary); with OverrideAccountRateLimit each sub-account has its own.
func TestSubAccountPacing(t *testing.T) {
	newClient := func(perAccount bool) *Client {
		c, err := New(context.Background(), Config{BaseURL: "https://api.boomi.com", AccountID: testAccount, Username: testUser,
			APIToken: testToken, RequestsPerSecond: 5, OverrideAccountRateLimit: perAccount})
		require.NoError(t, err)
		return c
	}
	shared := newClient(false)
	require.Same(t, shared.SubAccount("a-1").transport, shared.SubAccount("b-2").transport)
	require.Same(t, shared.partner.shared, shared.SubAccount("a-1").transport)

	own := newClient(true)
	a, b := own.SubAccount("a-1").transport, own.SubAccount("b-2").transport
	require.NotSame(t, a, b)
	require.Same(t, a, own.SubAccount("a-1").transport, "one pacer per sub-account, reused")
	require.InDelta(t, 5.0, a.RequestsPerSecond(), 0)
}
