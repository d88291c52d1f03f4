package connector

import (
	"context"
	"fmt"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/conductorone/baton-sdk/pkg/types/entitlement"
	rs "github.com/conductorone/baton-sdk/pkg/types/resource"

	"github.com/baton-boomi/baton-boomi/pkg/mft"
)

// mftRoleBuilder syncs MFT roles; Grant/Revoke (mft_provisioning.go) change SSO mappings.
type mftRoleBuilder struct {
	reads mftReadsOf
	conn  *Boomi
}

func newMFTRoleBuilder(c *Boomi) *mftRoleBuilder { return &mftRoleBuilder{reads: c.mftReads, conn: c} }

func (b *mftRoleBuilder) ResourceType(context.Context) *v2.ResourceType { return mftRoleResourceType }

// List emits the live roles (AdminRoles also lists soft-deleted ones, which are skipped).
func (b *mftRoleBuilder) List(ctx context.Context, _ *v2.ResourceId, opts rs.SyncOpAttrs) ([]*v2.Resource, *rs.SyncOpResults, error) {
	return listMFT(ctx, b.reads, opts, "roles", mftSyncReads.liveRoles, mftRoleResource)
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

// Entitlements: mft_role:<id>:assigned. Only SSO mappings are offered as grantees: MFT has no documented,
// safe way to change one user's roles (see docs/mft.md), so user grants are synced but not provisioned.
func (b *mftRoleBuilder) Entitlements(_ context.Context, r *v2.Resource, _ rs.SyncOpAttrs) ([]*v2.Entitlement, *rs.SyncOpResults, error) {
	return []*v2.Entitlement{entitlement.NewAssignmentEntitlement(r, mftRoleAssignedSlug,
		entitlement.WithGrantableTo(mftSSOMappingResourceType),
		entitlement.WithDisplayName(r.GetDisplayName()+" (MFT role)"),
		entitlement.WithDescription("Holds the MFT role "+r.GetDisplayName()+"; an SSO mapping holding it gives it to matching users when MFT creates them at their first SSO sign-in"),
	)}, nil, nil
}

// Grants per resource are not used: the type carries TypeScopedGrants (GrantsForResourceType).
func (b *mftRoleBuilder) Grants(context.Context, *v2.Resource, rs.SyncOpAttrs) ([]*v2.Grant, *rs.SyncOpResults, error) {
	return nil, nil, nil
}

func (b *mftRoleBuilder) GrantsForResourceType(ctx context.Context, _ string, opts rs.SyncOpAttrs) ([]*v2.Grant, *rs.SyncOpResults, error) {
	return walkMFTGrants(ctx, b.reads, mftRoleGrantTarget, opts)
}
