package connector

import (
	"context"
	"fmt"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/conductorone/baton-sdk/pkg/types/entitlement"
	"github.com/conductorone/baton-sdk/pkg/types/resource"

	"github.com/baton-boomi/baton-boomi/pkg/mft"
)

// mftOrganizationBuilder syncs MFT organizations; Grant/Revoke (mft_provisioning.go) change SSO mappings.
type mftOrganizationBuilder struct{ conn *Boomi }

func newMFTOrganizationBuilder(c *Boomi) *mftOrganizationBuilder {
	return &mftOrganizationBuilder{conn: c}
}

func (b *mftOrganizationBuilder) ResourceType(context.Context) *v2.ResourceType {
	return mftOrganizationResourceType
}

func (b *mftOrganizationBuilder) List(ctx context.Context, _ *v2.ResourceId, opts resource.SyncOpAttrs) ([]*v2.Resource, *resource.SyncOpResults, error) {
	return listMFT(ctx, "organizations", b.conn.mftReads(opts).liveOrganizations, mftOrganizationResource)
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
	opts := []resource.ResourceOption{}
	if d := mftDeref(org.Description); d != "" {
		opts = append(opts, resource.WithDescription(d))
		profile["description"] = d
	}
	if t, ok := parseMFTTime(org.CreatedDate); ok {
		opts = append(opts, resource.WithResourceCreatedAt(t))
	}
	r, err := resource.NewGroupResource(name, mftOrganizationResourceType, mftIDString(org.ID),
		[]resource.GroupTraitOption{resource.WithGroupProfile(profile)}, opts...)
	if err != nil {
		return nil, fmt.Errorf("building MFT organization %d: %w", org.ID, err)
	}
	return r, nil
}

// Entitlements: mft_organization:<id>:member, offered to SSO mappings only (as for roles).
func (b *mftOrganizationBuilder) Entitlements(_ context.Context, r *v2.Resource, _ resource.SyncOpAttrs) ([]*v2.Entitlement, *resource.SyncOpResults, error) {
	return []*v2.Entitlement{entitlement.NewAssignmentEntitlement(r, mftOrgMemberSlug,
		entitlement.WithGrantableTo(mftSSOMappingResourceType),
		entitlement.WithDisplayName(r.GetDisplayName()+" member (MFT organization)"),
		entitlement.WithDescription("Member of the MFT organization "+r.GetDisplayName()+"; an SSO mapping holding it adds matching users when MFT creates them at their first SSO sign-in"),
	)}, nil, nil
}

func (b *mftOrganizationBuilder) Grants(context.Context, *v2.Resource, resource.SyncOpAttrs) ([]*v2.Grant, *resource.SyncOpResults, error) {
	return nil, nil, nil
}

func (b *mftOrganizationBuilder) GrantsForResourceType(ctx context.Context, _ string, opts resource.SyncOpAttrs) ([]*v2.Grant, *resource.SyncOpResults, error) {
	return b.conn.walkMFTGrants(ctx, mftOrganizationGrantTarget, opts)
}

func mftDeref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
