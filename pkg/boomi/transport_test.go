package boomi

import (
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/baton-boomi/baton-boomi/pkg/defaults"
	"github.com/baton-boomi/baton-boomi/pkg/transport"
	"github.com/grpc-ecosystem/go-grpc-middleware/logging/zap/ctxzap"
	"github.com/stretchr/testify/require"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

func basic(user, pass string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+pass))
}

func TestAuthHeaderAddsTokenPrefixToPlainEmail(t *testing.T) {
	c, f := newFake(t, reply(200, `{"@type":"QueryResult","numberOfResults":0}`))
	_, err := c.QueryRoles(context.Background(), nil, "")
	require.NoError(t, err)
	require.Equal(t, basic("BOOMI_TOKEN.admin@example.com", testToken), f.all()[0].Auth)
}

func TestAuthHeaderKeepsAnExistingPrefixAndIsCaseSensitive(t *testing.T) {
	require.Equal(t, "BOOMI_TOKEN.admin@example.com", tokenUsername("BOOMI_TOKEN.admin@example.com"))
	require.Equal(t, "BOOMI_TOKEN.boomi_token.admin@example.com", tokenUsername("boomi_token.admin@example.com"))

	f := &fakeBoomi{steps: []http.HandlerFunc{reply(200, `{}`)}}
	srv := httptest.NewServer(f)
	defer srv.Close()
	c, err := New(context.Background(), Config{BaseURL: srv.URL, AccountID: testAccount,
		Username: " BOOMI_TOKEN.admin@example.com ", APIToken: testToken, HTTPClient: srv.Client()})
	require.NoError(t, err)
	_, err = c.GetAccountSSOConfig(context.Background())
	require.NoError(t, err)
	require.Equal(t, basic("BOOMI_TOKEN.admin@example.com", testToken), f.all()[0].Auth)
}

func TestURLIsHostRootPlusAPIPrefixAndAccount(t *testing.T) {
	for _, suffix := range []string{"", "/"} {
		f := &fakeBoomi{steps: []http.HandlerFunc{reply(200, `{}`)}}
		srv := httptest.NewServer(f)
		c, err := New(context.Background(), Config{BaseURL: srv.URL + suffix, AccountID: testAccount,
			Username: testUser, APIToken: testToken, HTTPClient: srv.Client()})
		require.NoError(t, err)
		_, err = c.GetRole(context.Background(), "r/1|x")
		require.NoError(t, err)
		require.Equal(t, "/api/rest/v1/acme-AB12CD/Role/r%2F1%7Cx", f.all()[0].Path, "base %q", srv.URL+suffix)
		srv.Close()
	}
}

func TestAPIBaseURLForEUHostAndDefault(t *testing.T) {
	eu, err := transport.ValidateBaseURL("https://api.platform.gb.boomi.com/")
	require.NoError(t, err)
	require.Equal(t, "https://api.platform.gb.boomi.com/api/rest/v1/acme-AB12CD", apiBaseURL(eu, testAccount).String())

	def, err := transport.ValidateBaseURL(defaults.PlatformBaseURL)
	require.NoError(t, err)
	require.Equal(t, "https://api.boomi.com/api/rest/v1/acc%2Fx", apiBaseURL(def, "acc/x").String(), "account id is escaped")
}

func TestNewValidatesItsInputWithActionableMessages(t *testing.T) {
	ok := Config{AccountID: testAccount, Username: testUser, APIToken: testToken}
	cases := []struct {
		edit func(*Config)
		want string
	}{
		{func(c *Config) { c.AccountID = " " }, "account id is empty: pass --boomi-account-id"},
		{func(c *Config) { c.Username = "" }, "e-mail is empty: pass --boomi-email"},
		{func(c *Config) { c.Username = "BOOMI_TOKEN." }, "e-mail is empty"},
		{func(c *Config) { c.APIToken = "" }, "API token is empty: pass --boomi-api-token"},
		{func(c *Config) { c.BaseURL = "http://api.boomi.com" }, "invalid --base-url: the base URL \"http://api.boomi.com\" uses plain http on a non-loopback host"},
		{func(c *Config) { c.BaseURL = "ftp://x" }, "invalid --base-url"},
	}
	for _, tc := range cases {
		cfg := ok
		tc.edit(&cfg)
		_, err := New(context.Background(), cfg)
		require.ErrorContains(t, err, tc.want)
		require.NotContains(t, err.Error(), testToken)
	}
	c, err := New(context.Background(), ok)
	require.NoError(t, err)
	require.Equal(t, testAccount, c.AccountID())
	require.Equal(t, float64(defaults.PlatformRequestsPerSecond), c.transport.RequestsPerSecond(), "paced at Boomi's documented 10/s by default")
}

func TestRequestsPerSecondIsPassedToThePacer(t *testing.T) {
	c, err := New(context.Background(), Config{AccountID: testAccount, Username: testUser, APIToken: testToken, RequestsPerSecond: 5})
	require.NoError(t, err)
	require.Equal(t, 5.0, c.transport.RequestsPerSecond())
	c, err = New(context.Background(), Config{AccountID: testAccount, Username: testUser, APIToken: testToken, RequestsPerSecond: -1})
	require.NoError(t, err)
	require.Equal(t, 0.0, c.transport.RequestsPerSecond())
}

func TestBothErrorBodyShapesAreDecoded(t *testing.T) {
	shapes := map[string]string{
		`{"@type":"Error","message":"Cannot modify default Boomi roles"}`: "Cannot modify default Boomi roles",
		`{"error":{"message":"Bad request syntax"}}`:                      "Bad request syntax",
		`{"error":"flat text"}`:                                           "flat text",
	}
	for body, want := range shapes {
		c, _ := newFake(t, reply(400, body))
		_, err := c.GetRole(context.Background(), "x")
		require.Equal(t, codes.InvalidArgument, status.Code(err))
		require.Equal(t, want, transport.VendorMessage(err))
		require.Equal(t, 400, transport.HTTPStatus(err))
		require.EqualError(t, err, "Boomi answered GET /api/rest/v1/acme-AB12CD/Role/x with HTTP 400: "+want)
	}
	require.Equal(t, "", decodeError(500, []byte(`<html>oops</html>`)))
	require.Equal(t, "", decodeError(500, []byte(`{"@type":"Error"}`)))
}

func TestStatusCodesMapToGRPCCodes(t *testing.T) {
	cases := map[int]codes.Code{
		400: codes.InvalidArgument, 401: codes.Unauthenticated, 403: codes.PermissionDenied,
		404: codes.NotFound, 409: codes.AlreadyExists, 410: codes.Unimplemented, 500: codes.Internal,
		502: codes.Unavailable, 503: codes.Unavailable, 504: codes.Unavailable,
	}
	for httpStatus, want := range cases {
		c, _ := newFake(t, reply(httpStatus, `{"@type":"Error","message":"m"}`))
		_, err := c.GetAccount(context.Background(), testAccount)
		require.Equal(t, want, status.Code(err), "HTTP %d", httpStatus)
	}
}

func TestIsIdempotentSeparatesCreatesFromReadsAndUpdates(t *testing.T) {
	require.True(t, isIdempotent(http.MethodPost, "/AccountUserRole/query"))
	require.True(t, isIdempotent(http.MethodPost, "/AccountUserRole/queryMore"))
	require.True(t, isIdempotent(http.MethodPost, "/Role/bulk"))
	require.True(t, isIdempotent(http.MethodPost, "/AccountUserFederation/abc"), "update replaces the object")
	require.True(t, isIdempotent(http.MethodGet, "/Role/x"))
	require.True(t, isIdempotent(http.MethodDelete, "/AccountUserRole/x"))
	require.False(t, isIdempotent(http.MethodPost, "/AccountUserRole"))
	require.False(t, isIdempotent(http.MethodPost, "/AccountGroupUserRole"))
	require.False(t, isIdempotent(http.MethodPost, "/AccountUserFederation"))
}

func TestQueryIsRetriedAfterADroppedConnectionButCreateIsNot(t *testing.T) {
	c, f := newFake(t, dropConnection, reply(200, `{"result":[{"id":"1"}]}`))
	page, err := c.QueryAccountUserRoles(context.Background(), nil, "")
	require.NoError(t, err)
	require.Len(t, page.Items, 1)
	require.Len(t, f.all(), 2)

	c, f = newFake(t, dropConnection, reply(200, `{"id":"1"}`))
	_, err = c.CreateAccountUserRole(context.Background(), AccountUserRole{UserID: "u@x.com", RoleID: StandardUserRoleID})
	require.Equal(t, codes.Unavailable, status.Code(err))
	require.Contains(t, err.Error(), "may have been processed")
	require.Len(t, f.all(), 1, "a create with an unknown outcome is not repeated")
}

func TestQueryIsRetriedOn503ThenSucceedsAndStatsCountIt(t *testing.T) {
	busy := reply(503, `{"@type":"Error","message":"rate limit"}`)
	c, f := newFake(t, busy, busy, reply(200, `{"result":[{"id":"r1","name":"A"}]}`))
	page, err := c.QueryRoles(context.Background(), nil, "")
	require.NoError(t, err)
	require.Equal(t, "A", page.Items[0].Name)
	require.Len(t, f.all(), 3)
	st := c.Stats()
	require.EqualValues(t, 3, st.Requests)
	require.EqualValues(t, 2, st.Retries)
	require.EqualValues(t, 2, st.ByStatus[503])
}

func TestSecretsAreRedactedFromBoomiErrors(t *testing.T) {
	echo := func(w http.ResponseWriter, r *http.Request) {
		reply(401, `{"@type":"Error","message":"rejected `+r.Header.Get("Authorization")+` / `+testToken+`"}`)(w, r)
	}
	c, _ := newFake(t, echo)
	_, err := c.QueryAccounts(context.Background(), nil, "")
	require.Equal(t, codes.Unauthenticated, status.Code(err))
	require.NotContains(t, err.Error(), testToken)
	require.NotContains(t, err.Error(), base64.StdEncoding.EncodeToString([]byte("BOOMI_TOKEN."+testUser+":"+testToken)))
	require.Contains(t, err.Error(), "rejected Basic [REDACTED] / [REDACTED]")
}

// With the SDK's own HTTP client (no HTTPClient given) and debug logging, no log line carries the token.
func TestTokenNeverAppearsInLogs(t *testing.T) {
	f := &fakeBoomi{steps: []http.HandlerFunc{reply(503, `{}`), reply(401, `{"@type":"Error","message":"bad"}`)}}
	srv := httptest.NewServer(f)
	defer srv.Close()
	core, logs := observer.New(zapcore.DebugLevel)
	ctx := ctxzap.ToContext(context.Background(), zap.New(core))
	c, err := New(ctx, Config{BaseURL: srv.URL, AccountID: testAccount, Username: testUser, APIToken: testToken,
		RequestsPerSecond: -1, RetryInitialInterval: 1})
	require.NoError(t, err)
	_, err = c.QueryAccountUserRoles(ctx, nil, "")
	require.Equal(t, codes.Unauthenticated, status.Code(err))
	require.GreaterOrEqual(t, logs.Len(), 2)
	secretForms := []string{testToken, base64.StdEncoding.EncodeToString([]byte("BOOMI_TOKEN." + testUser + ":" + testToken))}
	for _, entry := range logs.All() {
		line := entry.Message + fmt.Sprint(entry.ContextMap())
		for _, s := range secretForms {
			require.NotContains(t, line, s)
		}
	}
}
