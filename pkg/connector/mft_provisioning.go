package connector

import (
	"context"
	"fmt"
	"slices"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/conductorone/baton-sdk/pkg/annotations"
	"github.com/conductorone/baton-sdk/pkg/types/grant"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/baton-boomi/baton-boomi/pkg/mft"
)

// Provisioning of MFT roles and organizations. The principal must be an mft_sso_mapping: granting changes
// that mapping's roleIds (or organizationIds) and nothing else, through runMFTMappingWrite.
//
// MFT users are not provisioned: the reference documents reading a user (GET AdminUsers/{id}) and deleting
// one, but the update operation, its path and whether it replaces the whole user (password field included)
// are not documented (docs/boomi-api.md#mft-adminusers), so there is no safe way to change one user's roles. Such a request
// fails with Unimplemented before any write; give the access through an SSO mapping instead.

func (b *mftGrantableBuilder[T]) Grant(ctx context.Context, principal *v2.Resource, ent *v2.Entitlement) ([]*v2.Grant, annotations.Annotations, error) {
	return b.writes.grant(ctx, principal, ent, b.target)
}

func (b *mftGrantableBuilder[T]) Revoke(ctx context.Context, g *v2.Grant) (annotations.Annotations, error) {
	return b.writes.revoke(ctx, g, b.target)
}

// mappingPrincipal returns the SSO mapping id of a grant principal, or the error for any other principal.
func (w mftMappingWriter) mappingPrincipal(principal *v2.Resource, target mftGrantTarget) (int32, error) {
	if w.client == nil {
		return 0, mftNotConfigured(" to change MFT access")
	}
	pid := principal.GetId()
	switch pid.GetResourceType() {
	case mftSSOMappingResourceType.GetId():
		return parseMFTID(pid.GetResource(), "MFT SSO mapping")
	case mftUserResourceType.GetId():
		return 0, status.Errorf(codes.Unimplemented,
			"MFT %s cannot be changed on a single MFT user (user %s): the MFT API offers no documented, safe update of a user's roles and organizations; grant "+
				"them to an SSO mapping (principal type %s) that matches the user instead",
			target.description, pid.GetResource(), mftSSOMappingResourceType.GetId())
	default:
		return 0, status.Errorf(codes.InvalidArgument,
			"MFT %s can only be granted to an %s principal, not to a %q resource", target.description,
			mftSSOMappingResourceType.GetId(), pid.GetResourceType())
	}
}

// grant adds the role (or organization) of ent to the principal SSO mapping's id list.
func (w mftMappingWriter) grant(ctx context.Context, principal *v2.Resource, ent *v2.Entitlement, target mftGrantTarget) ([]*v2.Grant, annotations.Annotations, error) {
	id, mappingID, err := w.mappingChangeOf(principal, ent, target)
	if err != nil {
		return nil, nil, err
	}
	what := fmt.Sprintf("granting MFT %s %d to SSO mapping %d", target.rt.GetDisplayName(), id, mappingID)
	wrote, err := w.changeMappingIDs(ctx, what, mappingID, target, func(ids []int32) ([]int32, bool) {
		if slices.Contains(ids, id) {
			return nil, false
		}
		return append(slices.Clone(ids), id), true
	})
	if status.Code(err) == codes.NotFound {
		return nil, nil, status.Errorf(codes.NotFound, "%s: SSO mapping %d does not exist in Boomi MFT; sync again to see the current mappings", what, mappingID)
	}
	if err != nil {
		return nil, nil, err
	}
	g := grant.NewGrant(mftResourceStub(target.rt, id), target.slug, mftResourceID(mftSSOMappingResourceType, mappingID))
	if !wrote {
		return []*v2.Grant{g}, annotations.New(&v2.GrantAlreadyExists{}), nil
	}
	return []*v2.Grant{g}, nil, nil
}

// revoke removes the role (or organization) of g from its principal SSO mapping's id list.
func (w mftMappingWriter) revoke(ctx context.Context, g *v2.Grant, target mftGrantTarget) (annotations.Annotations, error) {
	id, mappingID, err := w.mappingChangeOf(g.GetPrincipal(), g.GetEntitlement(), target)
	if err != nil {
		return nil, err
	}
	what := fmt.Sprintf("revoking MFT %s %d from SSO mapping %d", target.rt.GetDisplayName(), id, mappingID)
	wrote, err := w.changeMappingIDs(ctx, what, mappingID, target, func(ids []int32) ([]int32, bool) {
		if !slices.Contains(ids, id) {
			return nil, false
		}
		return slices.DeleteFunc(slices.Clone(ids), func(x int32) bool { return x == id }), true
	})
	if status.Code(err) == codes.NotFound && !wrote {
		// The mapping itself is gone: nothing grants this access any more.
		return annotations.New(&v2.GrantAlreadyRevoked{}), nil
	}
	if err != nil {
		return nil, err
	}
	if !wrote {
		return annotations.New(&v2.GrantAlreadyRevoked{}), nil
	}
	return nil, nil
}

// mappingChangeOf reads what a grant or revoke names, from the ids alone and before any request: the MFT id
// behind the entitlement and the principal SSO mapping.
func (w mftMappingWriter) mappingChangeOf(principal *v2.Resource, ent *v2.Entitlement, target mftGrantTarget) (int32, int32, error) {
	id, err := mftEntitlementTarget(ent, target.rt, target.slug)
	if err != nil {
		return 0, 0, err
	}
	mappingID, err := w.mappingPrincipal(principal, target)
	if err != nil {
		return 0, 0, err
	}
	return id, mappingID, nil
}

// changeMappingIDs sets one mapping's id list of target's kind to what change makes of it, through
// runMFTMappingWrite; change answers false when the list already is as intended (nothing is written).
// wrote reports whether this call wrote anything.
func (w mftMappingWriter) changeMappingIDs(ctx context.Context, what string, mappingID int32, target mftGrantTarget, change func(ids []int32) ([]int32, bool)) (bool, error) {
	return runMFTMappingWrite(ctx, mftMappingWrite{
		what:  what,
		read:  readOneMFTMapping(w.client, mappingID),
		write: writeOneMFTMapping(w.client),
		plan: func(cur []mft.SSOMapping) ([]mft.SSOMapping, error) {
			ids, ok := change(target.ofMapping(cur[0]))
			if !ok {
				return nil, nil
			}
			desired := cur[0].Clone()
			target.setOnMapping(&desired, ids)
			return []mft.SSOMapping{desired}, nil
		},
	})
}
