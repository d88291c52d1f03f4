package connector

import (
	"fmt"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	rs "github.com/conductorone/baton-sdk/pkg/types/resource"

	"github.com/baton-boomi/baton-boomi/pkg/mft"
)

// newMFTOrganizationBuilder syncs MFT organizations; granting one to an SSO mapping adds it to the mapping's
// organization ids.
func newMFTOrganizationBuilder(c *Boomi) *mftGrantableBuilder[mft.Organization] {
	return &mftGrantableBuilder[mft.Organization]{
		reads: c.mftReads, writes: mftMappingWriter{client: c.mft}, target: mftOrganizationGrantTarget,
		live: mftSyncReads.liveOrganizations, resource: mftOrganizationResource,
		entitlementName: func(name string) string { return name + " member (MFT organization)" },
		entitlementDescription: func(name string) string {
			return "Member of the MFT organization " + name + "; an SSO mapping holding it adds matching users when MFT creates them at their first SSO sign-in"
		},
	}
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

func mftDeref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
