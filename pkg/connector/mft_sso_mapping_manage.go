package connector

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	config "github.com/conductorone/baton-sdk/pb/c1/config/v1"
	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/conductorone/baton-sdk/pkg/actions"
	"github.com/conductorone/baton-sdk/pkg/annotations"
	"github.com/conductorone/baton-sdk/pkg/types/resource"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/structpb"

	"github.com/baton-boomi/baton-boomi/pkg/mft"
)

// Creating and deleting SSO mappings (resource create/delete capabilities of mft_sso_mapping).

// mftMappingSpec is what a new mapping is made of.
type mftMappingSpec struct {
	attributeName   string
	attributeValue  string
	isDefault       bool
	roleIDs         []int32
	organizationIDs []int32
}

// sameMFTAttribute decides whether two mappings match the same sign-ins: attribute name and value compared
// case-insensitively after trimming, the way identity-provider claims are usually matched (UNCONFIRMED(mft-duplicate-mapping-case):
// MFT does not document its comparison; being stricter than MFT only refuses a near-duplicate).
func sameMFTAttribute(m mft.SSOMapping, name, value string) bool {
	return strings.EqualFold(strings.TrimSpace(m.Name()), strings.TrimSpace(name)) &&
		strings.EqualFold(strings.TrimSpace(m.Value()), strings.TrimSpace(value))
}

// Create makes a mapping from the resource's profile: attribute_name (required), attribute_value,
// is_default (bool), role_ids and organization_ids (lists of ids, or comma-separated strings).
func (b *mftSSOMappingBuilder) Create(ctx context.Context, r *v2.Resource) (*v2.Resource, annotations.Annotations, error) {
	spec, err := mftMappingSpecFromProfile(resource.GetProfile(r))
	if err != nil {
		return nil, nil, err
	}
	created, err := b.conn.createMFTMapping(ctx, spec)
	if err != nil {
		return nil, nil, err
	}
	out, err := mftSSOMappingResource(created)
	return out, nil, err
}

// createMFTMapping refuses an empty attribute name and a duplicate attribute name/value before writing. A
// default mapping is created as such when there is no default yet; otherwise it is created plain and the
// flag is moved with one bulk update (set_default_sso_mapping), and if that fails the new mapping is
// deleted again so nothing is left half-made.
func (c *Boomi) createMFTMapping(ctx context.Context, spec mftMappingSpec) (mft.SSOMapping, error) {
	if c.mft == nil {
		return mft.SSOMapping{}, status.Error(codes.FailedPrecondition, "Boomi MFT is not configured: pass --mft-base-url and --mft-api-key to create MFT SSO mappings")
	}
	if strings.TrimSpace(spec.attributeName) == "" {
		return mft.SSOMapping{}, status.Errorf(codes.InvalidArgument,
			"an MFT SSO mapping needs a non-empty %q: give the name of the identity-provider attribute (claim) to match", mftProfileAttributeName)
	}
	unlock, err := provisioningLocks.lockMFTMappings(ctx)
	if err != nil {
		return mft.SSOMapping{}, err
	}
	existing, err := c.mft.ListSSOMappings(ctx)
	if err != nil {
		unlock()
		return mft.SSOMapping{}, fmt.Errorf("reading the MFT SSO mappings before creating one: %w", err)
	}
	hasDefault := false
	for _, m := range existing {
		if sameMFTAttribute(m, spec.attributeName, spec.attributeValue) {
			unlock()
			return mft.SSOMapping{}, status.Errorf(codes.AlreadyExists,
				"MFT SSO mapping %d already maps attribute %q = %q; change that mapping instead of creating a second one", m.ID, m.Name(), m.Value())
		}
		hasDefault = hasDefault || m.IsDefault
	}
	created, err := c.mft.CreateSSOMapping(ctx, mft.NewSSOMapping(spec.attributeName, spec.attributeValue,
		spec.isDefault && !hasDefault, spec.roleIDs, spec.organizationIDs))
	if err != nil && outcomeUnknown(err) {
		// The answer was lost: MFT may have created it. No mapping had this attribute before (checked
		// above, under the lock), so one that has it now is this call's — use it instead of failing and
		// having the retry refuse a "duplicate" the connector itself made.
		if found, ok := c.findMFTMapping(ctx, spec.attributeName, spec.attributeValue); ok {
			created, err = found, nil
		}
	}
	unlock() // setDefaultMFTMapping takes the lock itself
	if err != nil {
		return mft.SSOMapping{}, fmt.Errorf("creating the MFT SSO mapping %q = %q: %w", spec.attributeName, spec.attributeValue, err)
	}
	if !spec.isDefault || created.IsDefault {
		return created, nil
	}
	if _, _, err := c.setDefaultMFTMapping(ctx, created.ID); err != nil {
		if delErr := c.mft.DeleteSSOMapping(ctx, created.ID); delErr != nil && !errors.Is(delErr, mft.ErrSSOMappingGone) {
			return mft.SSOMapping{}, fmt.Errorf("MFT SSO mapping %d was created but could not be made the default (%w), and deleting it again failed too (%s): "+
				"delete it in MFT or with --delete-resource %d --delete-resource-type %s",
				created.ID, err, delErr.Error(), created.ID, mftSSOMappingResourceType.GetId())
		}
		return mft.SSOMapping{}, fmt.Errorf("the new MFT SSO mapping could not be made the default, so it was deleted again: %w", err)
	}
	return c.mft.GetSSOMapping(ctx, created.ID)
}

// findMFTMapping re-reads the mappings and returns the one that maps name = value, if any.
func (c *Boomi) findMFTMapping(ctx context.Context, name, value string) (mft.SSOMapping, bool) {
	all, err := c.mft.ListSSOMappings(ctx)
	if err != nil {
		return mft.SSOMapping{}, false
	}
	for _, m := range all {
		if sameMFTAttribute(m, name, value) {
			return m, true
		}
	}
	return mft.SSOMapping{}, false
}

// Delete removes a mapping. Deleting one that is already gone — the mapping list, the one documented read,
// no longer shows it — succeeds with ResourceDoesNotExist; a tenant without the delete operation is
// Unimplemented (see mft.Client.DeleteSSOMapping), never a successful delete.
func (b *mftSSOMappingBuilder) Delete(ctx context.Context, id *v2.ResourceId, _ *v2.ResourceId) (annotations.Annotations, error) {
	if b.conn.mft == nil {
		return nil, status.Error(codes.FailedPrecondition, "Boomi MFT is not configured: pass --mft-base-url and --mft-api-key to delete MFT SSO mappings")
	}
	if id.GetResourceType() != mftSSOMappingResourceType.GetId() {
		return nil, status.Errorf(codes.InvalidArgument, "resource type %q cannot be deleted by the MFT SSO mapping builder", id.GetResourceType())
	}
	mappingID, err := parseMFTID(id.GetResource(), "MFT SSO mapping")
	if err != nil {
		return nil, err
	}
	unlock, err := provisioningLocks.lockMFTMappings(ctx)
	if err != nil {
		return nil, err
	}
	defer unlock()
	err = b.conn.mft.DeleteSSOMapping(ctx, mappingID)
	if errors.Is(err, mft.ErrSSOMappingGone) {
		return annotations.New(&v2.ResourceDoesNotExist{}), nil
	}
	if err != nil {
		return nil, fmt.Errorf("deleting MFT SSO mapping %d: %w", mappingID, err)
	}
	return nil, nil
}

// mftMappingSpecFromProfile reads the create profile.
func mftMappingSpecFromProfile(p *structpb.Struct) (mftMappingSpec, error) {
	if p == nil {
		return mftMappingSpec{}, status.Errorf(codes.InvalidArgument,
			"creating an MFT SSO mapping needs a profile with at least %q", mftProfileAttributeName)
	}
	fields := p.GetFields()
	spec := mftMappingSpec{
		attributeName:  fields[mftProfileAttributeName].GetStringValue(),
		attributeValue: fields[mftProfileAttributeValue].GetStringValue(),
		isDefault:      fields[mftProfileIsDefault].GetBoolValue(),
	}
	var err error
	if spec.roleIDs, err = mftIDsFromValue(fields[mftProfileRoleIDs], mftProfileRoleIDs); err != nil {
		return spec, err
	}
	if spec.organizationIDs, err = mftIDsFromValue(fields[mftProfileOrganizationIDs], mftProfileOrganizationIDs); err != nil {
		return spec, err
	}
	return spec, nil
}

// mftIDsFromValue reads ids given as a list (of numbers or strings) or as one comma-separated string.
func mftIDsFromValue(v *structpb.Value, key string) ([]int32, error) {
	if v == nil {
		return nil, nil
	}
	var raw []string
	switch k := v.GetKind().(type) {
	case *structpb.Value_NullValue:
		return nil, nil
	case *structpb.Value_StringValue:
		raw = strings.Split(k.StringValue, ",")
	case *structpb.Value_NumberValue:
		raw = []string{fmt.Sprint(int64(k.NumberValue))}
	case *structpb.Value_ListValue:
		for _, item := range k.ListValue.GetValues() {
			switch ik := item.GetKind().(type) {
			case *structpb.Value_NumberValue:
				raw = append(raw, fmt.Sprint(int64(ik.NumberValue)))
			case *structpb.Value_StringValue:
				raw = append(raw, ik.StringValue)
			default:
				return nil, status.Errorf(codes.InvalidArgument, "%q must list MFT ids as numbers or strings", key)
			}
		}
	default:
		return nil, status.Errorf(codes.InvalidArgument, "%q must be a list of MFT ids or a comma-separated string", key)
	}
	var ids []int32
	for _, s := range raw {
		if strings.TrimSpace(s) == "" {
			continue
		}
		id, err := parseMFTID(s, key)
		if err != nil {
			return nil, err
		}
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	return ids, nil
}

// The create_sso_mapping resource action: the same creation as Create, reachable from the command line
// (the SDK's CLI has --delete-resource but no flag for resource creation):
//
//	--invoke-action create_sso_mapping --invoke-action-resource-type mft_sso_mapping
//	--invoke-action-args '{"attribute_name":"groups","attribute_value":"mft-ops","role_ids":["101"]}'
const (
	mftActionCreateMapping = "create_sso_mapping"
	mftReturnMappingID     = "mapping_id"
	mftReturnSuccess       = "success"
)

var mftCreateMappingSchema = v2.BatonActionSchema_builder{
	Name:        mftActionCreateMapping,
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
		actionBool(mftReturnSuccess, "Success", ""),
		actionString(mftReturnMappingID, "Mapping id", "The id of the new mapping.", false),
	},
	ActionType: []v2.ActionType{v2.ActionType_ACTION_TYPE_RESOURCE_CREATE},
}.Build()

// ResourceActions registers create_sso_mapping on mft_sso_mapping.
func (b *mftSSOMappingBuilder) ResourceActions(ctx context.Context, registry actions.ActionRegistry) error {
	return registerAction(ctx, registry, mftCreateMappingSchema, b.createAction)
}

func (b *mftSSOMappingBuilder) createAction(ctx context.Context, args *structpb.Struct) (*structpb.Struct, annotations.Annotations, error) {
	spec, err := mftMappingSpecFromProfile(args)
	if err != nil {
		return nil, nil, err
	}
	created, err := b.conn.createMFTMapping(ctx, spec)
	if err != nil {
		return nil, nil, err
	}
	return actions.NewReturnValues(true, actions.NewStringReturnField(mftReturnMappingID, mftIDString(created.ID))), nil, nil
}
