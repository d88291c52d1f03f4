package connector

import (
	"context"
	"fmt"
	"strings"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	rs "github.com/conductorone/baton-sdk/pkg/types/resource"

	"github.com/baton-boomi/baton-boomi/pkg/mft"
)

// mftSSOMappingBuilder syncs SSO mappings (principals of MFT role and organization grants) and creates and
// deletes them (mft_sso_mapping_manage.go).
type mftSSOMappingBuilder struct {
	// client re-reads one mapping for a targeted sync (Get).
	client *mft.Client
	reads  mftReadsOf
	writes mftMappingWriter
}

func newMFTSSOMappingBuilder(c *Boomi) *mftSSOMappingBuilder {
	return &mftSSOMappingBuilder{client: c.mft, reads: c.mftReads, writes: mftMappingWriter{client: c.mft}}
}

func (b *mftSSOMappingBuilder) ResourceType(context.Context) *v2.ResourceType {
	return mftSSOMappingResourceType
}

func (b *mftSSOMappingBuilder) List(ctx context.Context, _ *v2.ResourceId, opts rs.SyncOpAttrs) ([]*v2.Resource, *rs.SyncOpResults, error) {
	return listMFT(ctx, b.reads, opts, "SSO mappings", mftSyncReads.mappings, mftSSOMappingResource)
}

func (b *mftSSOMappingBuilder) Entitlements(context.Context, *v2.Resource, rs.SyncOpAttrs) ([]*v2.Entitlement, *rs.SyncOpResults, error) {
	return nil, nil, nil
}

func (b *mftSSOMappingBuilder) Grants(context.Context, *v2.Resource, rs.SyncOpAttrs) ([]*v2.Grant, *rs.SyncOpResults, error) {
	return nil, nil, nil
}

// Profile keys of an mft_sso_mapping; Create reads the same keys.
const (
	mftProfileAttributeName   = "attribute_name"
	mftProfileAttributeValue  = "attribute_value"
	mftProfileIsDefault       = "is_default"
	mftProfileRoleIDs         = "role_ids"
	mftProfileOrganizationIDs = "organization_ids"
)

// mftSSOMappingResource maps a mapping. Its display name is "<attribute> = <value>", marked when default.
func mftSSOMappingResource(m mft.SSOMapping) (*v2.Resource, error) {
	name := m.Name() + " = " + m.Value()
	if m.IsDefault {
		name += " (default)"
	}
	profile := map[string]any{
		mftProfileAttributeName:   m.Name(),
		mftProfileAttributeValue:  m.Value(),
		mftProfileIsDefault:       m.IsDefault,
		mftProfileRoleIDs:         joinMFTIDs(m.RoleIDs),
		mftProfileOrganizationIDs: joinMFTIDs(m.OrganizationIDs),
		"created_by":              mftDeref(m.CreatedBy),
		"updated_by":              mftDeref(m.UpdatedBy),
	}
	opts := []rs.ResourceOption{
		rs.WithResourceProfile(profile),
		rs.WithDescription(fmt.Sprintf("Users MFT creates at their first SSO sign-in whose identity-provider attribute %q is %q "+
			"get this mapping's MFT roles and organizations", m.Name(), m.Value())),
	}
	if t, ok := parseMFTTime(m.CreatedDate); ok {
		opts = append(opts, rs.WithResourceCreatedAt(t))
	}
	r, err := rs.NewResource(name, mftSSOMappingResourceType, mftIDString(m.ID), opts...)
	if err != nil {
		return nil, fmt.Errorf("building MFT SSO mapping %d: %w", m.ID, err)
	}
	return r, nil
}

func joinMFTIDs(ids []int32) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = mftIDString(id)
	}
	return strings.Join(parts, ",")
}
