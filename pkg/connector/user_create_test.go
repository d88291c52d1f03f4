package connector

import (
	"testing"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/conductorone/baton-sdk/pkg/connectorbuilder"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/structpb"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

// accountInfo builds what the SDK's CLI sends for --create-account-email/--create-account-profile.
func accountInfo(t *testing.T, email string, profile map[string]any) *v2.AccountInfo {
	t.Helper()
	if profile == nil {
		profile = map[string]any{}
	}
	if email != "" {
		profile["email"] = email
	}
	p, err := structpb.NewStruct(profile)
	require.NoError(t, err)
	var emails []*v2.AccountInfo_Email
	if email != "" {
		emails = append(emails, v2.AccountInfo_Email_builder{Address: email, IsPrimary: true}.Build())
	}
	return v2.AccountInfo_builder{Emails: emails, Profile: p}.Build()
}

// cliCredentialOptions is what `baton-boomi --create-account-email` sends: a random-password request.
func cliCredentialOptions() *v2.LocalCredentialOptions {
	return v2.LocalCredentialOptions_builder{RandomPassword: v2.LocalCredentialOptions_RandomPassword_builder{Length: 20}.Build()}.Build()
}

func createdResource(t *testing.T, resp connectorbuilder.CreateAccountResponse) *v2.Resource {
	t.Helper()
	success, ok := resp.(*v2.CreateAccountResponse_SuccessResult)
	require.True(t, ok, "expected a SuccessResult, got %T", resp)
	require.NotNil(t, success.GetResource())
	return success.GetResource()
}

func TestCreateAccountPlainUserGetsStandardUserAndAnInvitation(t *testing.T) {
	e := newTestEnv(t, provisioningFixture(), withNotifyUsers())
	const email = "new.hire@acme.test"
	resp, plaintexts, _, err := newUserBuilder(e.conn).CreateAccount(e.ctx,
		accountInfo(t, email, map[string]any{"first_name": "New", "last_name": "Hire"}), cliCredentialOptions())
	require.NoError(t, err)
	require.Empty(t, plaintexts, "Boomi sets the password through its own e-mail; the connector returns none")
	res := createdResource(t, resp)
	require.Equal(t, userResourceType.GetId(), res.GetId().GetResourceType())
	require.Equal(t, email, res.GetId().GetResource())

	require.Equal(t, []string{boomi.StandardUserRoleID}, e.rolesOf(email))
	require.Empty(t, e.federationsOf(email))
	invites := e.invitationsFor(email)
	require.Len(t, invites, 1)
	require.Equal(t, "new-user", invites[0].Kind)
	u := e.sim.Snapshot().Users[email]
	require.NotNil(t, u)
	require.Equal(t, "New", u.FirstName)
	require.Equal(t, "Hire", u.LastName)
}

func TestCreateAccountWithCustomRoleAndNotifyOff(t *testing.T) {
	e := newTestEnv(t, provisioningFixture())
	const email = "analyst@acme.test"
	resp, _, _, err := newUserBuilder(e.conn).CreateAccount(e.ctx,
		accountInfo(t, email, map[string]any{"role_id": fxCustomRole}), cliCredentialOptions())
	require.NoError(t, err)
	createdResource(t, resp)
	require.Equal(t, []string{fxCustomRole}, e.rolesOf(email))
	require.Empty(t, e.invitationsFor(email), "notify-users off: no e-mail")
}

func TestCreateAccountTakesTheEmailFromTheLoginWhenNoAddressIsGiven(t *testing.T) {
	e := newTestEnv(t, provisioningFixture(), withNotifyUsers())
	info := v2.AccountInfo_builder{Login: "login.only@acme.test"}.Build()
	resp, _, _, err := newUserBuilder(e.conn).CreateAccount(e.ctx, info, nil)
	require.NoError(t, err)
	require.Equal(t, "login.only@acme.test", createdResource(t, resp).GetId().GetResource())
	require.Equal(t, []string{boomi.StandardUserRoleID}, e.rolesOf("login.only@acme.test"))
}

func TestCreateAccountSSOUserGetsFederationRecordAndNoEmail(t *testing.T) {
	e := newTestEnv(t, provisioningFixture(), withNotifyUsers())
	const email = "sso.user@acme.test"
	resp, _, _, err := newUserBuilder(e.conn).CreateAccount(e.ctx,
		accountInfo(t, email, map[string]any{"federation_id": "sso-user-7", "first_name": "Sso"}), cliCredentialOptions())
	require.NoError(t, err)
	require.Equal(t, email, createdResource(t, resp).GetId().GetResource())

	require.Equal(t, []string{boomi.StandardUserRoleID}, e.rolesOf(email))
	require.Equal(t, []string{"sso-user-7"}, e.federationsOf(email))
	require.Empty(t, e.invitationsFor(email), "SSO users get no Boomi e-mail (notifyUser false): their password lives in the IdP")
}

func TestCreateAccountForAnExistingUserReportsAlreadyExists(t *testing.T) {
	e := newTestEnv(t, provisioningFixture(), withNotifyUsers())
	resp, _, _, err := newUserBuilder(e.conn).CreateAccount(e.ctx,
		accountInfo(t, fxPlain, map[string]any{"role_id": fxCustomRole}), cliCredentialOptions())
	require.NoError(t, err)
	exists, ok := resp.(*v2.CreateAccountResponse_AlreadyExistsResult)
	require.True(t, ok, "expected AlreadyExistsResult, got %T", resp)
	require.Equal(t, fxPlain, exists.GetResource().GetId().GetResource())
	e.requireNoWrites()
	require.Equal(t, []string{boomi.StandardUserRoleID, boomisim.SupportRoleID}, e.rolesOf(fxPlain), "the existing user is left as it was")
}

func TestCreateAccountWithATakenFederationIDFailsBeforeWriting(t *testing.T) {
	e := newTestEnv(t, provisioningFixture(), withNotifyUsers())
	const email = "copycat@acme.test"
	_, _, _, err := newUserBuilder(e.conn).CreateAccount(e.ctx,
		accountInfo(t, email, map[string]any{"federation_id": "fed-1"}), cliCredentialOptions())
	require.Error(t, err)
	require.Equal(t, codes.AlreadyExists, status.Code(err))
	require.Contains(t, err.Error(), fxFederated)
	e.requireNoWrites()
	require.Empty(t, e.rolesOf(email))
	require.Equal(t, []string{"fed-1"}, e.federationsOf(fxFederated))
}

func TestCreateAccountRejectsBadInputBeforeAnyRequest(t *testing.T) {
	cases := map[string]*v2.AccountInfo{
		"invalid e-mail":          accountInfo(t, "not-an-email", nil),
		"display-name address":    accountInfo(t, "Jane Roe <jane@acme.test>", nil),
		"no e-mail at all":        v2.AccountInfo_builder{}.Build(),
		"non-canonical role":      accountInfo(t, "x@acme.test", map[string]any{"role_id": boomisim.NonCanonicalRoleID}),
		"SSO with Administrator":  accountInfo(t, "x@acme.test", map[string]any{"role_id": boomi.AdministratorRoleID, "federation_id": "x"}),
		"SSO with a custom role":  accountInfo(t, "x@acme.test", map[string]any{"role_id": fxCustomRole, "federation_id": "x"}),
		"role id that is no uuid": accountInfo(t, "x@acme.test", map[string]any{"role_id": "Administrator"}),
	}
	for name, info := range cases {
		t.Run(name, func(t *testing.T) {
			e := newTestEnv(t, provisioningFixture(), withNotifyUsers())
			_, _, _, err := newUserBuilder(e.conn).CreateAccount(e.ctx, info, cliCredentialOptions())
			require.Error(t, err)
			require.Equal(t, codes.InvalidArgument, status.Code(err), err.Error())
			e.requireNoRequests()
		})
	}
}

func TestCreateAccountWithAnUnknownRoleFailsBeforeWriting(t *testing.T) {
	e := newTestEnv(t, provisioningFixture(), withNotifyUsers())
	const email = "x@acme.test"
	_, _, _, err := newUserBuilder(e.conn).CreateAccount(e.ctx,
		accountInfo(t, email, map[string]any{"role_id": fxUnknownRole}), cliCredentialOptions())
	require.Error(t, err)
	require.Equal(t, codes.InvalidArgument, status.Code(err))
	require.Contains(t, err.Error(), fxUnknownRole)
	e.requireNoWrites()
	require.Empty(t, e.rolesOf(email))
}

func TestCreateAccountSSOFailureAfterTheUserWasAddedLeavesNothingBehind(t *testing.T) {
	e := newTestEnv(t, provisioningFixture(), withNotifyUsers())
	const email = "half.made@acme.test"
	e.sim.SetFaults(boomisim.Faults{Routes: map[string]boomisim.RouteFault{
		"POST /AccountUserFederation": {Count: 1, Status: 500},
	}})
	_, _, _, err := newUserBuilder(e.conn).CreateAccount(e.ctx,
		accountInfo(t, email, map[string]any{"federation_id": "half-1"}), cliCredentialOptions())
	require.Error(t, err)
	require.Equal(t, codes.Internal, status.Code(err), "the original error's code is kept: %v", err)
	require.Contains(t, err.Error(), "AccountUserFederation")
	require.Contains(t, err.Error(), "removed from the account again")

	require.Empty(t, e.rolesOf(email), "the role link (and with it the user) was removed again")
	require.Empty(t, e.federationsOf(email))
	require.Empty(t, e.invitationsFor(email))
	counters := e.sim.Counters()
	require.Equal(t, int64(1), counters["POST /AccountUserRole"].Requests)
	require.Equal(t, int64(1), counters["DELETE /AccountUserRole/{id}"].Requests)
}

func TestCreateAccountCapabilityDetailsPreferNoPassword(t *testing.T) {
	details, _, err := newUserBuilder(&Boomi{}).CreateAccountCapabilityDetails(t.Context())
	require.NoError(t, err)
	require.Equal(t, v2.CapabilityDetailCredentialOption_CAPABILITY_DETAIL_CREDENTIAL_OPTION_NO_PASSWORD, details.GetPreferredCredentialOption())
	require.ElementsMatch(t, []v2.CapabilityDetailCredentialOption{
		v2.CapabilityDetailCredentialOption_CAPABILITY_DETAIL_CREDENTIAL_OPTION_NO_PASSWORD,
		v2.CapabilityDetailCredentialOption_CAPABILITY_DETAIL_CREDENTIAL_OPTION_SSO,
	}, details.GetSupportedCredentialOptions())
}

func TestAccountCreationSchemaDeclaresTheProfileKeys(t *testing.T) {
	schema := accountCreationSchema()
	fields := schema.GetFieldMap()
	for _, key := range []string{"email", "first_name", "last_name", "role_id", "federation_id"} {
		require.Contains(t, fields, key)
		require.NotEmpty(t, fields[key].GetDescription(), key)
		require.NotNil(t, fields[key].GetStringField(), key)
	}
	require.True(t, fields["email"].GetRequired())
	require.False(t, fields["role_id"].GetRequired())
}

func TestCreateAccountMatchesAnExistingUserWhateverTheCase(t *testing.T) {
	e := newTestEnv(t, provisioningFixture(), withNotifyUsers())
	resp, _, _, err := newUserBuilder(e.conn).CreateAccount(e.ctx, accountInfo(t, "PLAIN@Acme.Test", nil), cliCredentialOptions())
	require.NoError(t, err)
	exists, ok := resp.(*v2.CreateAccountResponse_AlreadyExistsResult)
	require.True(t, ok, "expected AlreadyExistsResult, got %T", resp)
	require.Equal(t, fxPlain, exists.GetResource().GetId().GetResource(), "the resource carries Boomi's spelling of the id")
	e.requireNoWrites()
}

// Boomi creates the user but its answer is lost (a truncated body, or a dropped connection after the
// write): the connector reads again, finds the link it wrote and completes the creation — no second create,
// no removal, and so no second invitation e-mail when the SDK or the user tries again.
func TestCreateAccountWithALostAnswerCompletesWithoutADuplicate(t *testing.T) {
	for name, lose := range map[string]func(e *testEnv){
		"truncated body": func(e *testEnv) {
			e.sim.SetAfterHook(func(route string) {
				switch route {
				case "GET /getAssignableRoles": // the last read before the create
					e.sim.SetFaults(boomisim.Faults{PTruncate: 1})
				case "POST /AccountUserRole":
					e.sim.SetFaults(boomisim.Faults{})
				}
			})
		},
		"dropped after the write": func(e *testEnv) {
			e.sim.SetFaults(boomisim.Faults{Routes: map[string]boomisim.RouteFault{"POST /AccountUserRole": {Count: 1, Lost: true}}})
		},
	} {
		t.Run(name, func(t *testing.T) {
			e := newTestEnv(t, provisioningFixture(), withNotifyUsers())
			e.conn.notifyUsers = true
			const email = "lost.answer@acme.test"
			lose(e)
			resp, _, _, err := newUserBuilder(e.conn).CreateAccount(e.ctx, accountInfo(t, email, nil), cliCredentialOptions())
			require.NoError(t, err)
			created, ok := resp.(*v2.CreateAccountResponse_SuccessResult)
			require.True(t, ok, "expected SuccessResult, got %T", resp)
			require.Equal(t, email, created.GetResource().GetId().GetResource())
			require.Equal(t, []string{boomi.StandardUserRoleID}, e.rolesOf(email))
			require.Len(t, e.invitationsFor(email), 1, "one invitation e-mail")
			counters := e.sim.Counters()
			require.Equal(t, int64(1), counters["POST /AccountUserRole"].Requests, "a create with an unknown outcome is never repeated")
			require.Zero(t, counters["DELETE /AccountUserRole/{id}"].Requests)

			// The retry the SDK (or the user) makes finds the user: AlreadyExists, still one invitation.
			again, _, _, err := newUserBuilder(e.conn).CreateAccount(e.ctx, accountInfo(t, email, nil), cliCredentialOptions())
			require.NoError(t, err)
			require.IsType(t, &v2.CreateAccountResponse_AlreadyExistsResult{}, again)
			require.Len(t, e.invitationsFor(email), 1)
		})
	}
}

// A 500 to the create whose work did not happen: the re-read finds nothing, the error is returned and
// nothing is deleted.
func TestCreateAccountFailedWithoutAWriteUndoesNothing(t *testing.T) {
	e := newTestEnv(t, provisioningFixture(), withNotifyUsers())
	e.sim.SetFaults(boomisim.Faults{Routes: map[string]boomisim.RouteFault{"POST /AccountUserRole": {Count: 1, Status: 500}}})
	_, _, _, err := newUserBuilder(e.conn).CreateAccount(e.ctx, accountInfo(t, "not.made@acme.test", nil), cliCredentialOptions())
	require.Error(t, err)
	require.Contains(t, err.Error(), "HTTP 500")
	require.Empty(t, e.rolesOf("not.made@acme.test"))
	require.Zero(t, e.sim.Counters()["DELETE /AccountUserRole/{id}"].Requests)
}

// Boomi refuses the create (4xx): nothing was written, so nothing is undone.
func TestCreateAccountRefusedByBoomiUndoesNothing(t *testing.T) {
	e := newTestEnv(t, provisioningFixture(), withNotifyUsers())
	e.sim.SetFaults(boomisim.Faults{Routes: map[string]boomisim.RouteFault{"POST /AccountUserRole": {Count: 1, Status: 400}}})
	_, _, _, err := newUserBuilder(e.conn).CreateAccount(e.ctx, accountInfo(t, "refused@acme.test", nil), cliCredentialOptions())
	require.Equal(t, codes.InvalidArgument, status.Code(err))
	require.NotContains(t, err.Error(), "removed")
	require.Empty(t, e.rolesOf("refused@acme.test"))
	require.Zero(t, e.sim.Counters()["DELETE /AccountUserRole/{id}"].Requests)
}

// Federation ids are case-sensitive by default: "FED-1" is not "fed-1"; with the account's
// caseInsensitiveFederationId on, it is, and the create fails before any write.
func TestCreateAccountFederationIDCaseFollowsTheAccountSetting(t *testing.T) {
	e := newTestEnv(t, provisioningFixture(), withNotifyUsers())
	const email = "casey@acme.test"
	_, _, _, err := newUserBuilder(e.conn).CreateAccount(e.ctx,
		accountInfo(t, email, map[string]any{"federation_id": "FED-1"}), cliCredentialOptions())
	require.NoError(t, err, "case-sensitive account: FED-1 differs from fed-1")
	require.Equal(t, []string{"FED-1"}, e.federationsOf(email))

	e = newTestEnv(t, provisioningFixture(), withNotifyUsers())
	accountID := e.liveAccount().Account.AccountID
	e.sim.Mutate(func(st *boomisim.State) {
		st.Accounts[accountID].SSOConfig = &boomisim.AccountSSOConfig{AccountID: accountID, Enabled: true, CaseInsensitiveFederationID: true}
	})
	_, _, _, err = newUserBuilder(e.conn).CreateAccount(e.ctx,
		accountInfo(t, email, map[string]any{"federation_id": "FED-1"}), cliCredentialOptions())
	require.Equal(t, codes.AlreadyExists, status.Code(err), "case-insensitive account: %v", err)
	require.Contains(t, err.Error(), fxFederated)
	e.requireNoWrites()
	require.Empty(t, e.rolesOf(email))
}
