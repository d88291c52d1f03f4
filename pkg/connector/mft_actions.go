package connector

import (
	"context"
	"strings"

	config "github.com/conductorone/baton-sdk/pb/c1/config/v1"
	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/conductorone/baton-sdk/pkg/actions"
	"github.com/conductorone/baton-sdk/pkg/annotations"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/structpb"
)

// The MFT actions, each a command-line door to a mapping write (mftMappingWriter.setDefault and create):
//
//	--invoke-action set_default_sso_mapping --invoke-action-args '{"mapping_id":"123"}'
//	--invoke-action create_sso_mapping --invoke-action-resource-type mft_sso_mapping
//	--invoke-action-args '{"attribute_name":"groups","attribute_value":"mft-ops","role_ids":["101"]}'
//
// set_default_sso_mapping is global: it makes one SSO mapping the default and clears the flag on the
// previous default, in ONE bulk update, so there is never a moment with two defaults or none (a tenant
// without the bulk update gets two single updates instead, setDefaultWithSingleUpdates).
// create_sso_mapping is the same creation as the resource's Create, because the SDK's CLI has
// --delete-resource but no flag for resource creation.
const (
	actionSetDefaultSSOMapping = "set_default_sso_mapping"
	actionCreateSSOMapping     = "create_sso_mapping"

	argMappingID = "mapping_id"

	returnMappingID          = "mapping_id"
	returnPreviousDefaultIDs = "previous_default_ids"
)

var setDefaultSSOMappingSchema = v2.BatonActionSchema_builder{
	Name:        actionSetDefaultSSOMapping,
	DisplayName: "Set default MFT SSO mapping",
	Description: "Makes the given Boomi MFT SSO mapping the default one and clears the default flag of the previous default, in a single bulk update " +
		"(two single updates on a tenant without the bulk update). Does nothing when it already is the only default.",
	Arguments: []*config.Field{
		actionString(argMappingID, "SSO mapping id", "The id of the MFT SSO mapping (mft_sso_mapping resource id) to make the default.", true),
	},
	ReturnTypes: []*config.Field{
		successReturn(""),
		changedReturn("False when the mapping already was the only default (nothing was written)."),
		actionString(returnMappingID, "SSO mapping id", "The default mapping now.", false),
		actionStringList(returnPreviousDefaultIDs, "Previous default", "The mappings whose default flag was cleared."),
	},
	ActionType: []v2.ActionType{v2.ActionType_ACTION_TYPE_DYNAMIC},
}.Build()

var createSSOMappingSchema = v2.BatonActionSchema_builder{
	Name:        actionCreateSSOMapping,
	DisplayName: "Create MFT SSO mapping",
	Description: "Creates a Boomi MFT SSO attribute mapping: users MFT creates at their first SSO sign-in whose identity-provider " +
		"attribute has the given value get the listed MFT roles and organizations; existing users are not changed. " +
		"Refuses an empty attribute name and a second mapping for the same attribute name and value.",
	Arguments: []*config.Field{
		actionString(mftProfileAttributeName, "Attribute name", "The identity-provider attribute (claim) to match.", true),
		actionString(mftProfileAttributeValue, "Attribute value", "The value that selects this mapping.", false),
		actionBool(mftProfileIsDefault, "Default", "Make this the default mapping (the previous default is cleared in the same update)."),
		actionStringList(mftProfileRoleIDs, "MFT role ids", "MFT role ids the mapping gives."),
		actionStringList(mftProfileOrganizationIDs, "MFT organization ids", "MFT organization ids the mapping gives."),
	},
	ReturnTypes: []*config.Field{
		successReturn(""),
		actionString(returnMappingID, "Mapping id", "The id of the new mapping.", false),
	},
	ActionType: []v2.ActionType{v2.ActionType_ACTION_TYPE_RESOURCE_CREATE},
}.Build()

// GlobalActions registers the MFT global action when the MFT part is offered (see mftOffered).
func (c *Boomi) GlobalActions(ctx context.Context, registry actions.ActionRegistry) error {
	if !c.mftOffered() {
		return nil
	}
	return registerAction(ctx, registry, setDefaultSSOMappingSchema, mftMappingWriter{client: c.mft}.setDefaultAction)
}

// ResourceActions registers create_sso_mapping on mft_sso_mapping.
func (b *mftSSOMappingBuilder) ResourceActions(ctx context.Context, registry actions.ActionRegistry) error {
	return registerAction(ctx, registry, createSSOMappingSchema, b.createAction)
}

// setDefaultAction is set_default_sso_mapping: the mapping_id argument, then setDefault.
func (w mftMappingWriter) setDefaultAction(ctx context.Context, args *structpb.Struct) (*structpb.Struct, annotations.Annotations, error) {
	raw, _ := readIDArgument(args, argMappingID)
	if strings.TrimSpace(raw) == "" {
		return nil, nil, status.Errorf(codes.InvalidArgument,
			"%s needs the %q argument: the id of the MFT SSO mapping to make the default, e.g. {\"%s\":\"123\"}", actionSetDefaultSSOMapping, argMappingID, argMappingID)
	}
	id, err := parseMFTID(raw, "MFT SSO mapping")
	if err != nil {
		return nil, nil, err
	}
	changed, previous, err := w.setDefault(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	prev := make([]string, len(previous))
	for i, p := range previous {
		prev[i] = mftIDString(p)
	}
	return changedResult(changed,
		actions.NewStringReturnField(returnMappingID, mftIDString(id)),
		actions.NewStringListReturnField(returnPreviousDefaultIDs, prev),
	)
}

func (b *mftSSOMappingBuilder) createAction(ctx context.Context, args *structpb.Struct) (*structpb.Struct, annotations.Annotations, error) {
	spec, err := mftMappingSpecFromProfile(args)
	if err != nil {
		return nil, nil, err
	}
	created, err := b.writes.create(ctx, spec)
	if err != nil {
		return nil, nil, err
	}
	return actions.NewReturnValues(true, actions.NewStringReturnField(returnMappingID, mftIDString(created.ID))), nil, nil
}
