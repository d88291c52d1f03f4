package connector

import (
	"context"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/conductorone/baton-sdk/pkg/types/entitlement"
	rs "github.com/conductorone/baton-sdk/pkg/types/resource"
)

// mftGrantableBuilder syncs and provisions a type that SSO mappings hand out: MFT roles (mft_role,
// newMFTRoleBuilder) and MFT organizations (mft_organization, newMFTOrganizationBuilder). Both are listed
// from one MFT collection without its soft-deleted entries, have one entitlement offered to SSO mappings
// only, get their grants from the mappings' and the users' id lists (walkMFTGrants) and are provisioned by
// changing one mapping's id list (mftMappingWriter.grant and revoke). target says which of the two (its id
// lists, its entitlement), so one builder serves both.
type mftGrantableBuilder[T any] struct {
	reads  mftReadsOf
	writes mftMappingWriter
	target mftGrantTarget
	// live lists the type's items that are not soft-deleted (an mftSyncReads method); resource builds one.
	live     func(mftSyncReads, context.Context) ([]T, error)
	resource func(T) (*v2.Resource, error)
	// entitlementName and entitlementDescription word the entitlement of the resource displayed as name.
	entitlementName, entitlementDescription func(name string) string
}

func (b *mftGrantableBuilder[T]) ResourceType(context.Context) *v2.ResourceType { return b.target.rt }

// List emits the live items (AdminRoles and Organization also list soft-deleted ones, which are skipped).
func (b *mftGrantableBuilder[T]) List(ctx context.Context, _ *v2.ResourceId, opts rs.SyncOpAttrs) ([]*v2.Resource, *rs.SyncOpResults, error) {
	return listMFT(ctx, b.reads, opts, b.target.description, b.live, b.resource)
}

// Entitlements: the one entitlement (mft_role:<id>:assigned, mft_organization:<id>:member). Only SSO mappings
// are offered as grantees: MFT has no documented, safe way to change one user's roles or organizations (see
// docs/mft.md), so user grants are synced but not provisioned.
func (b *mftGrantableBuilder[T]) Entitlements(_ context.Context, r *v2.Resource, _ rs.SyncOpAttrs) ([]*v2.Entitlement, *rs.SyncOpResults, error) {
	return []*v2.Entitlement{entitlement.NewAssignmentEntitlement(r, b.target.slug,
		entitlement.WithGrantableTo(mftSSOMappingResourceType),
		entitlement.WithDisplayName(b.entitlementName(r.GetDisplayName())),
		entitlement.WithDescription(b.entitlementDescription(r.GetDisplayName())),
	)}, nil, nil
}

// Grants per resource are not used: the type carries TypeScopedGrants (GrantsForResourceType).
func (b *mftGrantableBuilder[T]) Grants(context.Context, *v2.Resource, rs.SyncOpAttrs) ([]*v2.Grant, *rs.SyncOpResults, error) {
	return nil, nil, nil
}

func (b *mftGrantableBuilder[T]) GrantsForResourceType(ctx context.Context, _ string, opts rs.SyncOpAttrs) ([]*v2.Grant, *rs.SyncOpResults, error) {
	return walkMFTGrants(ctx, b.reads, b.target, opts)
}
