package connector

import (
	"testing"
	"time"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/conductorone/baton-sdk/pkg/actions"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/structpb"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
)

// ssoArgs builds action arguments with the user as C1 sends it (a resource id).
func ssoArgs(t *testing.T, user, federationID string) *structpb.Struct {
	t.Helper()
	m := map[string]any{
		"user_id": map[string]any{"resource_type_id": "user", "resource_id": user},
	}
	if federationID != "" {
		m["federation_id"] = federationID
	}
	s, err := structpb.NewStruct(m)
	require.NoError(t, err)
	return s
}

func boolField(t *testing.T, rv *structpb.Struct, key string) bool {
	t.Helper()
	v, ok := actions.GetBoolArg(rv, key)
	require.True(t, ok, "return value %q missing in %v", key, rv)
	return v
}

func TestEnableSSOCreatesTheRecordThenWritesNothingTheSecondTime(t *testing.T) {
	e := newTestEnv(t, provisioningFixture(), withNotifyUsers())
	users := newUserBuilder(e.conn)
	rv, _, err := users.enableSSO(e.ctx, ssoArgs(t, fxPlain, "plain-sso"))
	require.NoError(t, err)
	require.True(t, boolField(t, rv, "success"))
	require.True(t, boolField(t, rv, "changed"))
	_, warned := actions.GetStringArg(rv, "warning")
	require.False(t, warned, "a Standard User gets no warning")
	require.Equal(t, []string{"plain-sso"}, e.federationsOf(fxPlain))

	e.sim.ResetCounters()
	rv, _, err = users.enableSSO(e.ctx, ssoArgs(t, fxPlain, "plain-sso"))
	require.NoError(t, err)
	require.False(t, boolField(t, rv, "changed"))
	e.requireNoWrites()
}

func TestEnableSSOUpdatesAnExistingFederationID(t *testing.T) {
	e := newTestEnv(t, provisioningFixture(), withNotifyUsers())
	rv, _, err := newUserBuilder(e.conn).enableSSO(e.ctx, ssoArgs(t, fxFederated, "fed-2"))
	require.NoError(t, err)
	require.True(t, boolField(t, rv, "changed"))
	require.Equal(t, []string{"fed-2"}, e.federationsOf(fxFederated), "updated in place, not a second record")
}

func TestEnableSSOWithAFederationIDOfAnotherUserFailsAndWritesNothing(t *testing.T) {
	e := newTestEnv(t, provisioningFixture(), withNotifyUsers())
	_, _, err := newUserBuilder(e.conn).enableSSO(e.ctx, ssoArgs(t, fxPlain, "fed-1"))
	require.Error(t, err)
	require.Equal(t, codes.AlreadyExists, status.Code(err))
	require.Contains(t, err.Error(), fxFederated)
	e.requireNoWrites()
	require.Empty(t, e.federationsOf(fxPlain))
	require.Equal(t, []string{"fed-1"}, e.federationsOf(fxFederated))
}

func TestEnableSSOForAnAdministratorSucceedsWithAWarning(t *testing.T) {
	e := newTestEnv(t, provisioningFixture(), withNotifyUsers())
	rv, _, err := newUserBuilder(e.conn).enableSSO(e.ctx, ssoArgs(t, fxBoss, "boss-sso"))
	require.NoError(t, err)
	require.True(t, boolField(t, rv, "success"))
	warning, ok := actions.GetStringArg(rv, "warning")
	require.True(t, ok)
	require.Contains(t, warning, "Administrator")
	require.Equal(t, []string{"boss-sso"}, e.federationsOf(fxBoss))
}

func TestEnableSSOForAUserNotInTheAccountFails(t *testing.T) {
	e := newTestEnv(t, provisioningFixture(), withNotifyUsers())
	_, _, err := newUserBuilder(e.conn).enableSSO(e.ctx, ssoArgs(t, fxStranger, "s-1"))
	require.Equal(t, codes.NotFound, status.Code(err))
	e.requireNoWrites()
	require.Empty(t, e.federationsOf(fxStranger))
}

func TestEnableSSORequiresAFederationID(t *testing.T) {
	e := newTestEnv(t, provisioningFixture(), withNotifyUsers())
	_, _, err := newUserBuilder(e.conn).enableSSO(e.ctx, ssoArgs(t, fxPlain, ""))
	require.Equal(t, codes.InvalidArgument, status.Code(err))
	e.requireNoRequests()
}

func TestDisableSSODeletesTheRecordThenWritesNothing(t *testing.T) {
	e := newTestEnv(t, provisioningFixture(), withNotifyUsers())
	users := newUserBuilder(e.conn)
	rv, _, err := users.disableSSO(e.ctx, ssoArgs(t, fxFederated, ""))
	require.NoError(t, err)
	require.True(t, boolField(t, rv, "changed"))
	require.Empty(t, e.federationsOf(fxFederated))
	require.Equal(t, []string{boomi.StandardUserRoleID}, e.rolesOf(fxFederated), "the user keeps its roles")

	e.sim.ResetCounters()
	rv, _, err = users.disableSSO(e.ctx, ssoArgs(t, fxFederated, ""))
	require.NoError(t, err)
	require.False(t, boolField(t, rv, "changed"))
	e.requireNoWrites()
}

func TestUserIDArgumentAcceptsAPlainStringFromTheCommandLine(t *testing.T) {
	args, err := structpb.NewStruct(map[string]any{"user_id": " jane@acme.test "})
	require.NoError(t, err)
	id, err := userIDFromArgs(args)
	require.NoError(t, err)
	require.Equal(t, "jane@acme.test", id)

	wrongType, err := structpb.NewStruct(map[string]any{"user_id": map[string]any{"resource_type_id": "role", "resource_id": "x"}})
	require.NoError(t, err)
	_, err = userIDFromArgs(wrongType)
	require.Equal(t, codes.InvalidArgument, status.Code(err))

	_, err = userIDFromArgs(&structpb.Struct{})
	require.Equal(t, codes.InvalidArgument, status.Code(err))
}

// Through the SDK's action manager, the way --invoke-action and C1 reach the handlers.
func TestSSOActionsAreRegisteredOnTheUserTypeAndInvokable(t *testing.T) {
	e := newTestEnv(t, provisioningFixture(), withNotifyUsers())
	manager := actions.NewActionManager(e.ctx)
	registry, err := manager.GetTypeRegistry(e.ctx, userResourceType.GetId())
	require.NoError(t, err)
	require.NoError(t, newUserBuilder(e.conn).ResourceActions(e.ctx, registry))

	schemas, _, err := manager.ListActionSchemas(e.ctx, userResourceType.GetId())
	require.NoError(t, err)
	names := map[string]*v2.BatonActionSchema{}
	for _, s := range schemas {
		names[s.GetName()] = s
	}
	require.Len(t, names, 2)
	require.Contains(t, names, "enable_sso")
	require.Contains(t, names, "disable_sso")
	require.NotEmpty(t, names["enable_sso"].GetDescription())
	require.NotEmpty(t, names["enable_sso"].GetActionType())

	// The wait bounds a hang, it asserts nothing about speed: the handler's outcome is what is checked.
	_, st, rv, _, err := manager.InvokeActionWithWait(e.ctx, "enable_sso", userResourceType.GetId(), ssoArgs(t, fxSolo, "solo-sso"), time.Minute)
	require.NoError(t, err)
	require.Equal(t, v2.BatonActionStatus_BATON_ACTION_STATUS_COMPLETE, st, "result: %v", rv)
	require.Equal(t, []string{"solo-sso"}, e.federationsOf(fxSolo))

	_, st, _, _, err = manager.InvokeActionWithWait(e.ctx, "disable_sso", userResourceType.GetId(), ssoArgs(t, fxSolo, ""), time.Minute)
	require.NoError(t, err)
	require.Equal(t, v2.BatonActionStatus_BATON_ACTION_STATUS_COMPLETE, st)
	require.Empty(t, e.federationsOf(fxSolo))
}
