package connector

import (
	"context"
	"fmt"
	"strings"

	config "github.com/conductorone/baton-sdk/pb/c1/config/v1"
	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/conductorone/baton-sdk/pkg/actions"
	"github.com/conductorone/baton-sdk/pkg/annotations"
	"github.com/grpc-ecosystem/go-grpc-middleware/logging/zap/ctxzap"
	"go.uber.org/zap"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/structpb"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
)

// Resource actions on Boomi users. Boomi has no API to lock, unlock, enable or disable a user (an
// administrator unlocks users in the Boomi UI), so the only per-user switch offered is SSO: the user's
// AccountUserFederation record.
const (
	actionEnableSSO  = "enable_sso"
	actionDisableSSO = "disable_sso"

	argUserID       = "user_id"
	argFederationID = "federation_id"

	returnUserID       = "user_id"
	returnFederationID = "federation_id"
	returnWarning      = "warning"
)

func userIDArgument(description string) *config.Field {
	return config.Field_builder{
		Name:        argUserID,
		DisplayName: "User",
		Description: description,
		IsRequired:  true,
		ResourceIdField: config.ResourceIdField_builder{
			Rules: config.ResourceIDRules_builder{AllowedResourceTypeIds: []string{userResourceType.GetId()}}.Build(),
		}.Build(),
	}.Build()
}

var enableSSOSchema = v2.BatonActionSchema_builder{
	Name:        actionEnableSSO,
	DisplayName: "Enable SSO",
	Description: "Sets the user's SSO federation id in the Boomi account (creates or updates the AccountUserFederation record). " +
		"The id must be unique in the account. Users holding Administrator can still sign in with a password.",
	Arguments: []*config.Field{
		userIDArgument("The Boomi user (login e-mail) to switch to SSO."),
		actionString(argFederationID, "Federation id",
			"The id your identity provider sends for this user; unique within the Boomi account.", true),
	},
	ReturnTypes: []*config.Field{
		successReturn("Whether the user now has this federation id."),
		changedReturn("False when the user already had this federation id (nothing was written)."),
		actionString(returnUserID, "User", "The Boomi user id.", false),
		actionString(returnFederationID, "Federation id", "The user's federation id now.", false),
		actionString(returnWarning, "Warning", "Set when SSO does not fully apply, e.g. the user holds Administrator, which bypasses SSO.", false),
	},
	// One action per resource type may carry a given non-dynamic type; SSO on is a profile change.
	ActionType: []v2.ActionType{v2.ActionType_ACTION_TYPE_ACCOUNT_UPDATE_PROFILE},
}.Build()

var disableSSOSchema = v2.BatonActionSchema_builder{
	Name:        actionDisableSSO,
	DisplayName: "Disable SSO",
	Description: "Removes the user's SSO federation id from the Boomi account (deletes the AccountUserFederation record). " +
		"Does nothing when the user has none. The user then signs in with a Boomi password (reset through Boomi's sign-in page).",
	Arguments: []*config.Field{
		userIDArgument("The Boomi user (login e-mail) to take off SSO."),
	},
	ReturnTypes: []*config.Field{
		successReturn("Whether the user now has no federation id."),
		changedReturn("False when the user had no federation id (nothing was written)."),
		actionString(returnUserID, "User", "The Boomi user id.", false),
	},
	// ACCOUNT_UPDATE_PROFILE is taken by enable_sso (one per resource type), so this one is dynamic.
	ActionType: []v2.ActionType{v2.ActionType_ACTION_TYPE_DYNAMIC},
}.Build()

// ResourceActions registers enable_sso and disable_sso on the user resource type.
func (u *userBuilder) ResourceActions(ctx context.Context, registry actions.ActionRegistry) error {
	if err := registerAction(ctx, registry, enableSSOSchema, u.enableSSO); err != nil {
		return err
	}
	return registerAction(ctx, registry, disableSSOSchema, u.disableSSO)
}

func (u *userBuilder) enableSSO(ctx context.Context, args *structpb.Struct) (*structpb.Struct, annotations.Annotations, error) {
	userID, err := userIDFromArgs(args)
	if err != nil {
		return nil, nil, err
	}
	federationID, _ := actions.GetStringArg(args, argFederationID)
	federationID = strings.TrimSpace(federationID)
	if federationID == "" {
		return nil, nil, status.Errorf(codes.InvalidArgument,
			"%s needs a non-empty %q argument; pass the id your identity provider sends for %s", actionEnableSSO, argFederationID, userID)
	}
	c := u.client
	unlock, links, err := lockUserAndRead(ctx, c, userID, accountUserRolesOf)
	if err != nil {
		return nil, nil, err
	}
	defer unlock()

	if len(links) == 0 {
		return nil, nil, status.Errorf(codes.NotFound,
			"%s is not a user of Boomi account %s; create the user first (--create-account-email) and then enable SSO", userID, c.AccountID())
	}
	own, err := checkFederationIDFree(ctx, c, userID, federationID)
	if err != nil {
		return nil, nil, err
	}
	changed := own == nil || own.FederationID != federationID
	if err := writeFederation(ctx, c, userID, federationID, own); err != nil {
		return nil, nil, err
	}
	fields := []actions.ReturnField{
		actions.NewStringReturnField(returnUserID, userID),
		actions.NewStringReturnField(returnFederationID, federationID),
	}
	if holdsRole(links, boomi.AdministratorRoleID) {
		warning := fmt.Sprintf("%s holds the Administrator role, which bypasses SSO in Boomi: the user can still sign in with a password; remove Administrator if SSO must be enforced", userID)
		ctxzap.Extract(ctx).Warn("SSO enabled for a user who holds Administrator, which bypasses SSO",
			zap.String("user_id", userID))
		fields = append(fields, actions.NewStringReturnField(returnWarning, warning))
	}
	return changedResult(changed, fields...)
}

func (u *userBuilder) disableSSO(ctx context.Context, args *structpb.Struct) (*structpb.Struct, annotations.Annotations, error) {
	userID, err := userIDFromArgs(args)
	if err != nil {
		return nil, nil, err
	}
	c := u.client
	unlock, recs, err := lockUserAndRead(ctx, c, userID, userFederationsOf)
	if err != nil {
		return nil, nil, err
	}
	defer unlock()

	for _, r := range recs {
		if err := c.DeleteAccountUserFederation(ctx, r.ID); err != nil {
			return nil, nil, fmt.Errorf("removing the federation id of %s: %w", userID, err)
		}
	}
	return changedResult(len(recs) > 0, actions.NewStringReturnField(returnUserID, userID))
}

// userIDFromArgs reads the user argument. C1 sends a resource id ({"resource_type_id":"user",
// "resource_id":"jane@example.com"}); on the command line a plain string is accepted as well.
func userIDFromArgs(args *structpb.Struct) (string, error) {
	raw, rid := readIDArgument(args, argUserID)
	if rid != nil && rid.GetResourceType() != userResourceType.GetId() {
		return "", status.Errorf(codes.InvalidArgument,
			"%q must name a resource of type %q, not %q", argUserID, userResourceType.GetId(), rid.GetResourceType())
	}
	if id := strings.TrimSpace(raw); id != "" {
		return id, nil
	}
	return "", status.Errorf(codes.InvalidArgument,
		"the %q argument is missing; pass the Boomi user id, e.g. --invoke-action-args '{\"%s\":\"jane@example.com\"}'", argUserID, argUserID)
}
