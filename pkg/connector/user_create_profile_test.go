package connector

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// Every account-creation profile key, with empty, overlong, non-UTF-8, injection-looking and wrong-typed
// values: one InvalidArgument sentence naming the key, and no request to Boomi.
func TestCreateAccountRefusesEveryBadProfileValueWithoutARequest(t *testing.T) {
	bad := map[string]any{
		"overlong":     strings.Repeat("x", 400),
		"line break":   "value\nX-Injected: 1",
		"NUL":          "a\x00b",
		"number":       42.0,
		"boolean":      true,
		"list":         []any{"a", "b"},
		"object":       map[string]any{"a": "b"},
		"escape codes": "\x1b[2J",
	}
	for _, key := range []string{profileEmail, profileFirstName, profileLastName, profileRoleID, profileFederationID} {
		for kind, value := range bad {
			t.Run(key+"/"+kind, func(t *testing.T) {
				e := newTestEnv(t, provisioningFixture(), withNotifyUsers())
				profile := map[string]any{key: value}
				email := "bad.profile@acme.test"
				if key == profileEmail {
					email = ""
				}
				info := accountInfo(t, email, profile)
				_, _, _, err := newUserBuilder(e.conn).CreateAccount(e.ctx, info, cliCredentialOptions())
				require.Error(t, err)
				require.Equal(t, codes.InvalidArgument, status.Code(err), "%v", err)
				msg := status.Convert(err).Message()
				require.NotContains(t, msg, "\n")
				if kind != "overlong" || key != profileRoleID { // an overlong role id is refused as not canonical
					require.True(t, strings.Contains(msg, key) || strings.Contains(msg, "e-mail"), "the sentence names the key: %s", msg)
				}
				e.requireNoRequests()
			})
		}
	}
}

// Values that look like injections but are legal text pass the profile checks and are refused, if at
// all, by the rule of their key (the e-mail's syntax), never silently mangled.
func TestCreateAccountInjectionLookingValues(t *testing.T) {
	e := newTestEnv(t, provisioningFixture(), withNotifyUsers())
	for _, email := range []string{"' OR 1=1 --@acme.test", "<script>@acme.test", "a@acme.test; rm -rf /", "\"q\"@acme.test"} {
		_, _, _, err := newUserBuilder(e.conn).CreateAccount(e.ctx, accountInfo(t, email, nil), cliCredentialOptions())
		require.Error(t, err, email)
		require.Equal(t, codes.InvalidArgument, status.Code(err))
		require.Contains(t, status.Convert(err).Message(), "not a valid e-mail address")
	}
	e.requireNoRequests()
}

// A misspelt known key is refused naming the key it resembles, before any request: a lost federation_id
// would otherwise create a password user and send an invitation. Unknown keys that resemble nothing (the
// SDK's own "login") pass.
func TestCreateAccountRefusesANearMissProfileKey(t *testing.T) {
	for key, meant := range map[string]string{
		"federationId":  profileFederationID,
		"federation-id": profileFederationID,
		"federaton_id":  profileFederationID,
		"FirstName":     profileFirstName,
		"last name":     profileLastName,
		"roleid":        profileRoleID,
	} {
		t.Run(key, func(t *testing.T) {
			e := newTestEnv(t, provisioningFixture(), withNotifyUsers())
			info := accountInfo(t, "near.miss@acme.test", map[string]any{key: "x"})
			_, _, _, err := newUserBuilder(e.conn).CreateAccount(e.ctx, info, cliCredentialOptions())
			require.Error(t, err)
			require.Equal(t, codes.InvalidArgument, status.Code(err), "%v", err)
			msg := status.Convert(err).Message()
			require.Contains(t, msg, `"`+key+`"`)
			require.Contains(t, msg, `did you mean "`+meant+`"`)
			e.requireNoRequests()
		})
	}
	for _, key := range []string{"login", "department", "manager_email"} {
		require.Empty(t, nearProfileKey(key), key)
	}
}
