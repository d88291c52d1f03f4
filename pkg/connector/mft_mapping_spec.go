package connector

import (
	"fmt"
	"slices"
	"strings"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/structpb"
)

// Reading a new SSO mapping from a resource profile or action arguments (the same keys: attribute_name,
// attribute_value, is_default, role_ids, organization_ids).

// mftMappingSpec is what a new mapping is made of.
type mftMappingSpec struct {
	attributeName   string
	attributeValue  string
	isDefault       bool
	roleIDs         []int32
	organizationIDs []int32
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
