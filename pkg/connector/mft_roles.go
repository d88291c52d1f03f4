package connector

import (
	"fmt"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	rs "github.com/conductorone/baton-sdk/pkg/types/resource"

	"github.com/baton-boomi/baton-boomi/pkg/mft"
)

// newMFTRoleBuilder syncs MFT roles; granting one to an SSO mapping adds it to the mapping's role ids.
func newMFTRoleBuilder(c *Boomi) *mftGrantableBuilder[mft.Role] {
	return &mftGrantableBuilder[mft.Role]{
		reads: c.mftReads, writes: mftMappingWriter{client: c.mft}, target: mftRoleGrantTarget,
		live: mftSyncReads.liveRoles, resource: mftRoleResource,
		entitlementName: func(name string) string { return name + " (MFT role)" },
		entitlementDescription: func(name string) string {
			return "Holds the MFT role " + name + "; an SSO mapping holding it gives it to matching users when MFT creates them at their first SSO sign-in"
		},
	}
}

func mftRoleResource(role mft.Role) (*v2.Resource, error) {
	name := role.Code()
	if name == "" {
		name = "MFT role " + mftIDString(role.ID)
	}
	profile := map[string]any{
		"code":             role.Code(),
		"description":      role.Description(),
		"system_role":      role.IsSystemRole,
		"hidden":           role.IsHidden,
		"permission_count": int64(len(role.Permissions)),
	}
	if role.Rank != nil {
		profile["rank"] = int64(*role.Rank)
	}
	opts := []rs.ResourceOption{}
	if d := role.Description(); d != "" {
		opts = append(opts, rs.WithDescription(d))
	}
	r, err := rs.NewRoleResource(name, mftRoleResourceType, mftIDString(role.ID),
		[]rs.RoleTraitOption{rs.WithRoleProfile(profile)}, opts...)
	if err != nil {
		return nil, fmt.Errorf("building MFT role %d: %w", role.ID, err)
	}
	return r, nil
}
