package connector

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	config "github.com/conductorone/baton-sdk/pb/c1/config/v1"
	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/conductorone/baton-sdk/pkg/actions"
	"github.com/conductorone/baton-sdk/pkg/annotations"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/structpb"

	"github.com/baton-boomi/baton-boomi/pkg/mft"
)

// The global action set_default_sso_mapping: make one SSO mapping the default and clear the flag on the
// previous default, in ONE bulk update, so there is never a moment with two defaults or none. A tenant
// without the bulk update gets two single updates instead (setDefaultWithSingleUpdates).
//
//	--invoke-action set_default_sso_mapping --invoke-action-args '{"mapping_id":"123"}'
const (
	mftActionSetDefault      = "set_default_sso_mapping"
	mftArgMappingID          = "mapping_id"
	mftReturnChanged         = "changed"
	mftReturnPreviousDefault = "previous_default_ids"
)

var mftSetDefaultSchema = v2.BatonActionSchema_builder{
	Name:        mftActionSetDefault,
	DisplayName: "Set default MFT SSO mapping",
	Description: "Makes the given Boomi MFT SSO mapping the default one and clears the default flag of the previous default, in a single bulk update " +
		"(two single updates on a tenant without the bulk update). Does nothing when it already is the only default.",
	Arguments: []*config.Field{
		actionString(mftArgMappingID, "SSO mapping id", "The id of the MFT SSO mapping (mft_sso_mapping resource id) to make the default.", true),
	},
	ReturnTypes: []*config.Field{
		actionBool(mftReturnSuccess, "Success", ""),
		actionBool(mftReturnChanged, "Changed", "False when the mapping already was the only default (nothing was written)."),
		actionString(mftArgMappingID, "SSO mapping id", "The default mapping now.", false),
		actionStringList(mftReturnPreviousDefault, "Previous default", "The mappings whose default flag was cleared."),
	},
	ActionType: []v2.ActionType{v2.ActionType_ACTION_TYPE_DYNAMIC},
}.Build()

// GlobalActions registers the MFT global action when the MFT part is offered (see mftOffered).
func (c *Boomi) GlobalActions(ctx context.Context, registry actions.ActionRegistry) error {
	if !c.mftOffered() {
		return nil
	}
	return registerAction(ctx, registry, mftSetDefaultSchema, c.setDefaultMFTMappingAction)
}

func (c *Boomi) setDefaultMFTMappingAction(ctx context.Context, args *structpb.Struct) (*structpb.Struct, annotations.Annotations, error) {
	raw, ok := actions.GetStringArg(args, mftArgMappingID)
	if rid, isID := actions.GetResourceIDArg(args, mftArgMappingID); !ok && isID {
		raw = rid.GetResource()
	}
	if strings.TrimSpace(raw) == "" {
		return nil, nil, status.Errorf(codes.InvalidArgument,
			"%s needs the %q argument: the id of the MFT SSO mapping to make the default, e.g. {\"%s\":\"123\"}", mftActionSetDefault, mftArgMappingID, mftArgMappingID)
	}
	id, err := parseMFTID(raw, "MFT SSO mapping")
	if err != nil {
		return nil, nil, err
	}
	changed, previous, err := c.setDefaultMFTMapping(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	prev := make([]string, len(previous))
	for i, p := range previous {
		prev[i] = mftIDString(p)
	}
	return actions.NewReturnValues(true,
		actions.NewBoolReturnField(mftReturnChanged, changed),
		actions.NewStringReturnField(mftArgMappingID, mftIDString(id)),
		actions.NewStringListReturnField(mftReturnPreviousDefault, prev),
	), nil, nil
}

// setDefaultMFTMapping makes mapping id the only default with one bulk update of the mappings whose flag
// changes, through runMFTMappingWrite (fresh reads, conflict detection, verification). previous lists the
// mappings whose flag was cleared.
func (c *Boomi) setDefaultMFTMapping(ctx context.Context, id int32) (bool, []int32, error) {
	var previous []int32
	if c.mft == nil {
		return false, nil, status.Error(codes.FailedPrecondition, "Boomi MFT is not configured: pass --mft-base-url and --mft-api-key")
	}
	client := c.mft
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
