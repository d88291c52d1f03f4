package connector

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/conductorone/baton-sdk/pkg/annotations"
	rs "github.com/conductorone/baton-sdk/pkg/types/resource"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/baton-boomi/baton-boomi/pkg/mft"
)

// Creating, deleting and re-defaulting SSO mappings: the resource create/delete capabilities of
// mft_sso_mapping and the writes behind the MFT actions.

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
	spec, err := mftMappingSpecFromProfile(rs.GetProfile(r))
	if err != nil {
		return nil, nil, err
	}
	created, err := b.writes.create(ctx, spec)
	if err != nil {
		return nil, nil, err
	}
	out, err := mftSSOMappingResource(created)
	return out, nil, err
}

// create refuses an empty attribute name and a duplicate attribute name/value before writing. A
// default mapping is created as such when there is no default yet; otherwise it is created plain and the
// flag is moved with one bulk update (set_default_sso_mapping), and if that fails the new mapping is
// deleted again so nothing is left half-made.
func (w mftMappingWriter) create(ctx context.Context, spec mftMappingSpec) (mft.SSOMapping, error) {
	if w.client == nil {
		return mft.SSOMapping{}, mftNotConfigured(" to create MFT SSO mappings")
	}
	if strings.TrimSpace(spec.attributeName) == "" {
		return mft.SSOMapping{}, status.Errorf(codes.InvalidArgument,
			"an MFT SSO mapping needs a non-empty %q: give the name of the identity-provider attribute (claim) to match", mftProfileAttributeName)
	}
	// createPlain releases the mappings' lock before the flag is moved: setDefault takes it itself.
	created, err := w.createPlain(ctx, spec)
	if err != nil {
		return mft.SSOMapping{}, err
	}
	if !spec.isDefault || created.IsDefault {
		return created, nil
	}
	if _, _, err := w.setDefault(ctx, created.ID); err != nil {
		if delErr := w.client.DeleteSSOMapping(ctx, created.ID); delErr != nil && !errors.Is(delErr, mft.ErrSSOMappingGone) {
			return mft.SSOMapping{}, fmt.Errorf("MFT SSO mapping %d was created but could not be made the default (%w), and deleting it again failed too (%s): "+
				"delete it in MFT or with --delete-resource %d --delete-resource-type %s",
				created.ID, err, delErr.Error(), created.ID, mftSSOMappingResourceType.GetId())
		}
		return mft.SSOMapping{}, fmt.Errorf("the new MFT SSO mapping could not be made the default, so it was deleted again: %w", err)
	}
	return w.client.GetSSOMapping(ctx, created.ID)
}

// createPlain creates the mapping under the mappings' lock after checking, on a fresh list, that
// no mapping has its attribute yet. It is created as the default only when there is no default yet.
func (w mftMappingWriter) createPlain(ctx context.Context, spec mftMappingSpec) (mft.SSOMapping, error) {
	unlock, err := provisioningLocks.lockMFTMappings(ctx)
	if err != nil {
		return mft.SSOMapping{}, err
	}
	defer unlock()
	existing, err := w.client.ListSSOMappings(ctx)
	if err != nil {
		return mft.SSOMapping{}, fmt.Errorf("reading the MFT SSO mappings before creating one: %w", err)
	}
	hasDefault := false
	for _, m := range existing {
		if sameMFTAttribute(m, spec.attributeName, spec.attributeValue) {
			return mft.SSOMapping{}, status.Errorf(codes.AlreadyExists,
				"MFT SSO mapping %d already maps attribute %q = %q; change that mapping instead of creating a second one", m.ID, m.Name(), m.Value())
		}
		hasDefault = hasDefault || m.IsDefault
	}
	created, err := w.client.CreateSSOMapping(ctx, mft.NewSSOMapping(spec.attributeName, spec.attributeValue,
		spec.isDefault && !hasDefault, spec.roleIDs, spec.organizationIDs))
	if err != nil && outcomeUnknown(err) {
		// The answer was lost: MFT may have created it. No mapping had this attribute before (checked
		// above, under the lock), so one that has it now is this call's — use it instead of failing and
		// having the retry refuse a "duplicate" the connector itself made.
		if found, ok := w.find(ctx, spec.attributeName, spec.attributeValue); ok {
			created, err = found, nil
		}
	}
	if err != nil {
		return mft.SSOMapping{}, fmt.Errorf("creating the MFT SSO mapping %q = %q: %w", spec.attributeName, spec.attributeValue, err)
	}
	return created, nil
}

// find re-reads the mappings and returns the one that maps name = value, if any.
func (w mftMappingWriter) find(ctx context.Context, name, value string) (mft.SSOMapping, bool) {
	all, err := w.client.ListSSOMappings(ctx)
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
	return b.writes.delete(ctx, id)
}

// delete is Delete's write: under the mappings' lock, one DELETE.
func (w mftMappingWriter) delete(ctx context.Context, id *v2.ResourceId) (annotations.Annotations, error) {
	if w.client == nil {
		return nil, mftNotConfigured(" to delete MFT SSO mappings")
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
	err = w.client.DeleteSSOMapping(ctx, mappingID)
	if errors.Is(err, mft.ErrSSOMappingGone) {
		return annotations.New(&v2.ResourceDoesNotExist{}), nil
	}
	if err != nil {
		return nil, fmt.Errorf("deleting MFT SSO mapping %d: %w", mappingID, err)
	}
	return nil, nil
}

// setDefault makes mapping id the only default with one bulk update of the mappings whose flag
// changes, through runMFTMappingWrite (fresh reads, conflict detection, verification). previous lists the
// mappings whose flag was cleared.
func (w mftMappingWriter) setDefault(ctx context.Context, id int32) (bool, []int32, error) {
	var previous []int32
	if w.client == nil {
		return false, nil, mftNotConfigured("")
	}
	client := w.client
	changed, err := runMFTMappingWrite(ctx, mftMappingWrite{
		what: fmt.Sprintf("making MFT SSO mapping %d the default", id),
		read: client.ListSSOMappings,
		plan: func(cur []mft.SSOMapping) ([]mft.SSOMapping, error) {
			i := slices.IndexFunc(cur, func(m mft.SSOMapping) bool { return m.ID == id })
			if i < 0 {
				return nil, status.Errorf(codes.NotFound, "MFT SSO mapping %d does not exist; sync again to see the current mappings", id)
			}
			var desired []mft.SSOMapping
			if !cur[i].IsDefault {
				m := cur[i].Clone()
				m.IsDefault = true
				desired = append(desired, m)
			}
			for _, m := range cur {
				if m.ID != id && m.IsDefault {
					cleared := m.Clone()
					cleared.IsDefault = false
					desired = append(desired, cleared)
				}
			}
			return desired, nil
		},
		write: func(ctx context.Context, desired []mft.SSOMapping) error {
			// The plan is also run to verify the result, so the cleared ids are taken from what is written.
			previous = previous[:0]
			for _, m := range desired {
				if m.ID != id {
					previous = append(previous, m.ID)
				}
			}
			_, err := client.BulkUpdateSSOMappings(ctx, desired)
			if status.Code(err) == codes.Unimplemented {
				return setDefaultWithSingleUpdates(ctx, client, id, desired, err)
			}
			return err
		},
	})
	if !changed {
		previous = nil
	}
	return changed, previous, err
}

// setDefaultWithSingleUpdates is the fallback for a tenant without the bulk update: first clear the old
// default(s), then set the new one, one update each. Between the two steps no mapping is the default, so a
// user created by a first SSO sign-in at that moment gets no default roles; the error says so if the second
// step fails.
func setDefaultWithSingleUpdates(ctx context.Context, client *mft.Client, id int32, desired []mft.SSOMapping, bulkErr error) error {
	ordered := slices.Clone(desired)
	slices.SortStableFunc(ordered, func(a, b mft.SSOMapping) int {
		return cmp.Compare(b2i(a.ID == id), b2i(b.ID == id)) // the new default last
	})
	for i, m := range ordered {
		if _, err := client.UpdateSSOMapping(ctx, m); err != nil {
			if i > 0 {
				return fmt.Errorf("the MFT tenant has no bulk update (%s), so the default was moved with single updates; "+
					"%d of %d were written before updating mapping %d failed, and the tenant may have no default mapping now: %w",
					bulkErr.Error(), i, len(ordered), m.ID, err)
			}
			return fmt.Errorf("the MFT tenant has no bulk update (%s), and the single update of mapping %d failed too: %w",
				bulkErr.Error(), m.ID, err)
		}
	}
	return nil
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
