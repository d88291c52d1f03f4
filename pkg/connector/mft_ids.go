package connector

import (
	"strconv"
	"strings"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// MFT identifiers (docs/architecture.md#resource-model): every MFT resource id is the decimal MFT id. Entitlements:
//
//	mft_role:<id>:assigned
//	mft_organization:<id>:member
//
// Grant ids follow the SDK default "<entitlementId>:<principalType>:<principalId>".
const (
	mftRoleAssignedSlug = "assigned"
	mftOrgMemberSlug    = "member"
)

func mftIDString(id int32) string { return strconv.FormatInt(int64(id), 10) }

// parseMFTID reads a decimal MFT id; what names the object for the error sentence.
func parseMFTID(raw, what string) (int32, error) {
	id, err := strconv.ParseInt(strings.TrimSpace(raw), 10, 32)
	if err != nil || id <= 0 {
		return 0, status.Errorf(codes.InvalidArgument, "%q is not a valid %s id; MFT ids are positive integers", raw, what)
	}
	return int32(id), nil
}

// mftEntitlementTarget returns the MFT id in "<type>:<id>:<slug>" after checking type and slug. It reads only
// the entitlement id, never the entitlement's resource fields.
func mftEntitlementTarget(ent *v2.Entitlement, rt *v2.ResourceType, wantSlug string) (int32, error) {
	rawID, slug, err := splitEntitlementID(ent.GetId(), rt.GetId())
	if err != nil {
		return 0, err
	}
	if slug != wantSlug {
		return 0, status.Errorf(codes.InvalidArgument,
			"entitlement id %q names the unknown %s entitlement %q; %s has only %q", ent.GetId(), rt.GetId(), slug, rt.GetId(), wantSlug)
	}
	return parseMFTID(rawID, rt.GetDisplayName())
}

// mftResourceID and mftResourceStub are resourceIDOf and resourceStub for a numeric MFT id.
func mftResourceID(rt *v2.ResourceType, id int32) *v2.ResourceId {
	return resourceIDOf(rt, mftIDString(id))
}

func mftResourceStub(rt *v2.ResourceType, id int32) *v2.Resource {
	return resourceStub(rt, mftIDString(id))
}
