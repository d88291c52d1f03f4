package connector

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
	"github.com/baton-boomi/baton-boomi/pkg/config"
)

const (
	validateAccount = "acme-AB12CD"
	validateToken   = "s3cr3t-token-value"
	validateUser    = "admin@acme.example"
)

// Messages as the simulator (pkg/boomisim/errors.go) words them.
const (
	simBadCredentials = "Invalid credentials: the user name or the API token is wrong, or the token was revoked."
	simTokensOff      = "API token authentication is not enabled for this account: switch on the Platform API Tokens feature under Settings > Account Information and Setup."
	simNoAPIAccess    = "The user does not have the API Access privilege required to use the Platform API; give one of the user's roles the API Access privilege."
	simNoAccountAdmin = "The user does not have the Account Administration (ACCOUNT_ADMIN) privilege required to read or change users, roles, account groups and SSO settings."
	simNoAccount      = "The authenticated user has no access to account \"acme-AB12CD\"; check the account id in the URL."
)

// answer is what the fake Boomi says to one of the two validation calls.
type answer struct {
	status  int
	message string
}

var ok200 = answer{status: http.StatusOK}

// fakeValidationBoomi answers GET /Account/{id} and POST /Role/query like Boomi (or the simulator) would.
func fakeValidationBoomi(t *testing.T, account, roles answer) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		base := "/api/rest/v1/" + validateAccount
		var a answer
		var body any
		switch {
		case r.Method == http.MethodGet && r.URL.Path == base+"/Account/"+validateAccount:
			a, body = account, map[string]any{"@type": "Account", "accountId": validateAccount, "name": "Acme", "status": "active"}
		case r.Method == http.MethodPost && r.URL.Path == base+"/Role/query":
			a, body = roles, map[string]any{"@type": "QueryResult", "numberOfResults": 0, "result": []any{}}
		default:
			a = answer{status: http.StatusNotFound, message: "unknown endpoint " + r.URL.Path}
		}
		w.Header().Set("Content-Type", "application/json")
		if a.status != http.StatusOK {
			w.WriteHeader(a.status)
			body = map[string]string{"@type": "Error", "message": a.message}
		}
		_ = json.NewEncoder(w).Encode(body)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func validatingConnector(t *testing.T, baseURL string, httpClient *http.Client) *Boomi {
	t.Helper()
	client, err := boomi.New(context.Background(), boomi.Config{
		BaseURL: baseURL, AccountID: validateAccount, Username: validateUser, APIToken: validateToken,
		RequestsPerSecond: -1, MaxRetries: 1, RetryInitialInterval: time.Millisecond, HTTPClient: httpClient,
	})
	require.NoError(t, err)
	return &Boomi{client: client}
}

func requireOneSentence(t *testing.T, err error) string {
	t.Helper()
	require.Error(t, err)
	msg := status.Convert(err).Message()
	require.NotContains(t, msg, "\n")
	require.NotContains(t, msg, validateToken, "the token must never appear in an error")
	return msg
}

func TestValidateExplainsEachRefusal(t *testing.T) {
	cases := []struct {
		name           string
		account, roles answer
		code           codes.Code
		mustMention    []string
	}{
		{"wrong e-mail or token", answer{401, simBadCredentials}, ok200, codes.Unauthenticated,
			[]string{"--boomi-email", "--boomi-api-token"}},
		{"API token feature off", answer{401, simTokensOff}, ok200, codes.FailedPrecondition,
			[]string{"Platform API Tokens feature", validateAccount}},
		{"account id of someone else", answer{403, simNoAccount}, ok200, codes.PermissionDenied,
			[]string{"--boomi-account-id", validateAccount}},
		{"missing API Access", answer{403, simNoAPIAccess}, ok200, codes.PermissionDenied,
			[]string{"API Access privilege"}},
		{"missing Account Administrator", ok200, answer{403, simNoAccountAdmin}, codes.PermissionDenied,
			[]string{"Account Administrator", "Administrator role"}},
		{"unknown 401 text", answer{401, "Computer says no"}, ok200, codes.Unauthenticated,
			[]string{"Computer says no", "--boomi-email", "--boomi-api-token", "Platform API Tokens feature"}},
		{"missing privilege answered 400", ok200, answer{400, "The authenticated user does not have access rights to this functionality"}, codes.PermissionDenied,
			[]string{"lacks a privilege", "Administrator role", validateAccount}},
		{"missing Account Administrator answered 400", ok200, answer{400, simNoAccountAdmin}, codes.PermissionDenied,
			[]string{"Account Administrator", "Administrator role"}},
		{"unauthorized access answered 400", answer{400, "An error occurred as a result of missing credentials or unauthorized access"}, ok200, codes.PermissionDenied,
			[]string{"lacks a privilege"}},
		{"bad credentials answered 403", answer{403, "Incorrect user name and password combination."}, ok200, codes.Unauthenticated,
			[]string{"--boomi-email", "--boomi-api-token"}},
		{"unknown 403 text", answer{403, "Forbidden by policy"}, ok200, codes.PermissionDenied,
			[]string{"Forbidden by policy", "--boomi-account-id", "API Access", "Account Administrator"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := fakeValidationBoomi(t, tc.account, tc.roles)
			_, err := validatingConnector(t, srv.URL, nil).Validate(context.Background())
			msg := requireOneSentence(t, err)
			require.Equal(t, tc.code, status.Code(err), msg)
			for _, want := range tc.mustMention {
				require.Contains(t, msg, want)
			}
		})
	}
}

func TestValidateSucceedsWithAnAdministratorsToken(t *testing.T) {
	srv := fakeValidationBoomi(t, ok200, ok200)
	_, err := validatingConnector(t, srv.URL, nil).Validate(context.Background())
	require.NoError(t, err)
}

func TestValidateExplainsATLSFailure(t *testing.T) {
	srv := httptest.NewTLSServer(http.NotFoundHandler())
	t.Cleanup(srv.Close)
	// A client that does not trust the test server's certificate: what a wrong host or a TLS-intercepting
	// proxy looks like.
	_, err := validatingConnector(t, srv.URL, &http.Client{Timeout: 5 * time.Second}).Validate(context.Background())
	msg := requireOneSentence(t, err)
	require.Equal(t, codes.FailedPrecondition, status.Code(err))
	require.Contains(t, msg, "could not be reached")
	require.Contains(t, msg, "--base-url")
	require.Contains(t, msg, "certificate")
}

func TestValidateExplainsAnUnreachableHost(t *testing.T) {
	ln, err := (&net.ListenConfig{}).Listen(t.Context(), "tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close()) // nothing listens there any more: connection refused
	_, err = validatingConnector(t, "http://"+addr, nil).Validate(context.Background())
	msg := requireOneSentence(t, err)
	require.Equal(t, codes.FailedPrecondition, status.Code(err))
	require.Contains(t, msg, "could not be reached")
	require.Contains(t, msg, "refused")
}

func TestNewRefusesPlainHTTPToARemoteHost(t *testing.T) {
	_, _, err := New(context.Background(), &config.Boomi{
		AccountId: validateAccount, Username: validateUser, ApiToken: validateToken, BaseUrl: "http://api.boomi.com",
	}, nil)
	require.Error(t, err)
	require.Contains(t, err.Error(), "https")
	require.NotContains(t, err.Error(), validateToken)
}

func TestNewWithoutCredentialsNamesTheFlagsAndTheSimulator(t *testing.T) {
	_, _, err := New(context.Background(), &config.Boomi{}, nil)
	require.EqualError(t, err, config.ErrMissingCredentials)
}

func TestValidationCausesAreSpecificBeforeGeneric(t *testing.T) {
	// Every table entry must be reachable: no earlier entry of the same status may match its first pattern.
	for i, c := range validationCauses {
		for _, earlier := range validationCauses[:i] {
			if earlier.httpStatus != c.httpStatus {
				continue
			}
			for _, p := range earlier.patterns {
				require.False(t, strings.Contains(c.patterns[0], p), "cause %d is shadowed by an earlier one", i)
			}
		}
	}
}

// The same refusals, from the simulator itself: the patterns in validationCauses must recognise its texts.
func TestValidateAgainstTheSimulatorsRefusals(t *testing.T) {
	cases := []struct {
		name        string
		change      func(cred *boomisim.Credential, conn *boomisim.Connection)
		code        codes.Code
		mustMention string
	}{
		{"wrong token", func(_ *boomisim.Credential, conn *boomisim.Connection) { conn.Token = "not-the-token" },
			codes.Unauthenticated, "--boomi-api-token"},
		{"tokens off", func(cred *boomisim.Credential, _ *boomisim.Connection) { cred.TokensOff = true },
			codes.FailedPrecondition, "Platform API Tokens feature"},
		{"another account", func(_ *boomisim.Credential, conn *boomisim.Connection) { conn.AccountID = "someone-else-XY12ZZ" },
			codes.PermissionDenied, "--boomi-account-id"},
		{"no API access", func(cred *boomisim.Credential, _ *boomisim.Connection) { cred.NoAPI = true },
			codes.PermissionDenied, "API Access privilege"},
		{"no account admin", func(cred *boomisim.Credential, _ *boomisim.Connection) { cred.NoAdmin = true },
			codes.PermissionDenied, "Account Administrator privilege"},
	}
	for _, privilegeStatus := range []int{403, 400} {
		for _, tc := range cases {
			t.Run(fmt.Sprintf("%s/privilege-%d", tc.name, privilegeStatus), func(t *testing.T) {
				if privilegeStatus == 400 && tc.code == codes.PermissionDenied && strings.Contains(tc.mustMention, "privilege") {
					tc.mustMention = "lacks" // the 400 text names no privilege: the sentence says one is missing
				}
				validateAgainstSimulator(t, boomisim.Options{RateLimit: -1, PrivilegeErrorStatus: privilegeStatus}, tc.change, tc.code, tc.mustMention)
			})
		}
	}
}

func validateAgainstSimulator(t *testing.T, opts boomisim.Options, change func(*boomisim.Credential, *boomisim.Connection), code codes.Code, mustMention string) {
	t.Helper()
	st := boomisim.Generate(boomisim.DefaultSpec(20, 3))
	conn := boomisim.AdminConnection(st)
	change(&st.Credentials[0], &conn)
	e := newTestEnv(t, st, withSimOptions(opts), withMaxRetries(1), withConnection(func(c *boomisim.Connection) { *c = conn }))
	_, err := e.conn.Validate(context.Background())
	require.Error(t, err)
	msg := status.Convert(err).Message()
	require.Equal(t, code, status.Code(err), msg)
	require.Contains(t, msg, mustMention)
	require.NotContains(t, msg, conn.Token)
}

// A wrong --base-url (nothing listens there) is reported after one connection attempt, not after the
// transport's half-minute of backoff: the dialer sees exactly one dial, with the default retry settings.
func TestValidateFailsFastOnARefusedConnection(t *testing.T) {
	ln, err := (&net.ListenConfig{}).Listen(context.Background(), "tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close())
	var dials atomic.Int64
	dialer := &net.Dialer{}
	httpClient := &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, network, address string) (net.Conn, error) {
		dials.Add(1)
		return dialer.DialContext(ctx, network, address)
	}}}
	client, err := boomi.New(context.Background(), boomi.Config{
		BaseURL: "http://" + addr, AccountID: validateAccount, Username: validateUser, APIToken: validateToken,
		RequestsPerSecond: -1, HTTPClient: httpClient, // default retries: 6, from 500 ms
	})
	require.NoError(t, err)
	_, err = (&Boomi{client: client}).Validate(context.Background())
	msg := requireOneSentence(t, err)
	require.Equal(t, codes.FailedPrecondition, status.Code(err), "not Unavailable: the SDK must not retry Validate either")
	require.Contains(t, msg, "refused")
	require.EqualValues(t, 1, dials.Load())
}
