package connector

import (
	"context"
	"fmt"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/conductorone/baton-sdk/pkg/types/entitlement"
	rs "github.com/conductorone/baton-sdk/pkg/types/resource"

	"github.com/baton-boomi/baton-boomi/pkg/mft"
)

// mftOrganizationBuilder syncs MFT organizations; Grant/Revoke (mft_provisioning.go) change SSO mappings.
type mftOrganizationBuilder struct {
	reads mftReadsOf
	conn  *Boomi
}

func newMFTOrganizationBuilder(c *Boomi) *mftOrganizationBuilder {
	return &mftOrganizationBuilder{reads: c.mftReads, conn: c}
}

func (b *mftOrganizationBuilder) ResourceType(context.Context) *v2.ResourceType {
	return mftOrganizationResourceType
}

func (b *mftOrganizationBuilder) List(ctx context.Context, _ *v2.ResourceId, opts rs.SyncOpAttrs) ([]*v2.Resource, *rs.SyncOpResults, error) {
	return listMFT(ctx, b.reads, opts, "organizations", mftSyncReads.liveOrganizations, mftOrganizationResource)
}

func mftOrganizationResource(org mft.Organization) (*v2.Resource, error) {
	name := org.DisplayName()
	if name == "" {
		name = "MFT organization " + mftIDString(org.ID)
	}
	profile := map[string]any{
		"name":                   org.DisplayName(),
		"public_code":            mftDeref(org.PublicCode),
		"system_code":            mftDeref(org.SystemCode),
		"organization_type_id":   int64(org.OrganizationTypeID),
		"organization_status_id": int64(org.OrganizationStatusID),
		"tenant_id":              int64(org.TenantID),
	}
	opts := []rs.ResourceOption{}
	if d := mftDeref(org.Description); d != "" {
		opts = append(opts, rs.WithDescription(d))
		profile["description"] = d
	}
	if t, ok := parseMFTTime(org.CreatedDate); ok {
		opts = append(opts, rs.WithResourceCreatedAt(t))
	}
	r, err := rs.NewGroupResource(name, mftOrganizationResourceType, mftIDString(org.ID),
		[]rs.GroupTraitOption{rs.WithGroupProfile(profile)}, opts...)
	if err != nil {
		return nil, fmt.Errorf("building MFT organization %d: %w", org.ID, err)
	}
	return r, nil
}

// Entitlements: mft_organization:<id>:member, offered to SSO mappings only (as for roles).
func (b *mftOrganizationBuilder) Entitlements(_ context.Context, r *v2.Resource, _ rs.SyncOpAttrs) ([]*v2.Entitlement, *rs.SyncOpResults, error) {
	return []*v2.Entitlement{entitlement.NewAssignmentEntitlement(r, mftOrgMemberSlug,
		entitlement.WithGrantableTo(mftSSOMappingResourceType),
		entitlement.WithDisplayName(r.GetDisplayName()+" member (MFT organization)"),
		entitlement.WithDescription("Member of the MFT organization "+r.GetDisplayName()+"; an SSO mapping holding it adds matching users when MFT creates them at their first SSO sign-in"),
	)}, nil, nil
}

func (b *mftOrganizationBuilder) Grants(context.Context, *v2.Resource, rs.SyncOpAttrs) ([]*v2.Grant, *rs.SyncOpResults, error) {
	return nil, nil, nil
}

func (b *mftOrganizationBuilder) GrantsForResourceType(ctx context.Context, _ string, opts rs.SyncOpAttrs) ([]*v2.Grant, *rs.SyncOpResults, error) {
	return walkMFTGrants(ctx, b.reads, mftOrganizationGrantTarget, opts)
}

func mftDeref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
