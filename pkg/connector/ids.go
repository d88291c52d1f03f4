package connector

import (
	"strings"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
)

// Identifiers (docs/architecture.md#resource-model). Resource ids are Boomi's own ids, unchanged:
//   user          Boomi userId (the login e-mail) exactly as returned
//   role          Boomi role id
//   account_group account group id
//   account       sub-account id
// Entitlement ids follow the SDK's "<resourceType>:<resourceId>:<slug>":
//   role:<roleId>:assigned
//   account_group:<groupId>:<roleId>
//   account:<accountId>:<roleId>
// Boomi ids contain no ':' (UUIDs, account ids like acme-AB12CD, e-mails), so the last ':' separates the
// slug; the parsers below still split from the right and check the resource type, so a stray ':' in a
// resource id cannot shift the role id.

// roleAssignedSlug is the entitlement slug of holding a global role.
const roleAssignedSlug = "assigned"

func roleEntitlementID(roleID string) string {
	return roleResourceType.GetId() + ":" + roleID + ":" + roleAssignedSlug
}

func accountGroupEntitlementID(groupID, roleID string) string {
	return accountGroupResourceType.GetId() + ":" + groupID + ":" + roleID
}

// splitEntitlementID splits "<type>:<resource>:<slug>" for the expected type into the resource id and the
// slug, or fails with one sentence.
func splitEntitlementID(entitlementID, wantType string) (string, string, error) {
	prefix := wantType + ":"
	rest, ok := strings.CutPrefix(entitlementID, prefix)
	cut := strings.LastIndex(rest, ":")
	if !ok || cut <= 0 || cut == len(rest)-1 {
		return "", "", status.Errorf(codes.InvalidArgument,
			"entitlement id %q is not a Boomi %s entitlement (expected %s<id>:<slug>); pick an entitlement of a %s resource",
			entitlementID, wantType, prefix, wantType)
	}
	return rest[:cut], rest[cut+1:], nil
}

// The entitlement readers of Grant and Revoke. They read only the entitlement id, never the parent or
// resource fields, which the platform may omit on Grant/Revoke.

// roleIDFromEntitlement returns the role id of "role:<roleId>:assigned".
func roleIDFromEntitlement(ent *v2.Entitlement) (string, error) {
	return singleSlugEntitlement(ent, roleResourceType, roleAssignedSlug, "role")
}

// singleSlugEntitlement returns the resource id of "<type>:<id>:<slug>" for a type that has one
// entitlement, wantSlug. noun names the type in the refusal: "role" gives "…; Boomi roles have only …".
func singleSlugEntitlement(ent *v2.Entitlement, rt *v2.ResourceType, wantSlug, noun string) (string, error) {
	id, slug, err := splitEntitlementID(ent.GetId(), rt.GetId())
	if err != nil {
		return "", err
	}
	if slug != wantSlug {
		return "", status.Errorf(codes.InvalidArgument,
			"entitlement id %q names the unknown %s entitlement %q; Boomi %ss have only %q", ent.GetId(), noun, slug, noun, wantSlug)
	}
	return id, nil
}

// groupRoleFromEntitlement returns the group and role ids of "account_group:<groupId>:<roleId>".
func groupRoleFromEntitlement(ent *v2.Entitlement) (string, string, error) {
	return splitEntitlementID(ent.GetId(), accountGroupResourceType.GetId())
}

// accountRoleFromEntitlement returns the account and role ids of "account:<accountId>:<roleId>".
func accountRoleFromEntitlement(ent *v2.Entitlement) (string, string, error) {
	return splitEntitlementID(ent.GetId(), accountResourceType.GetId())
}

// roleIsAssignable tells whether Boomi lets the API assign this role: ids that are not canonical
// 8-4-4-4-12 hex UUIDs cannot be (docs/architecture.md#resource-model); their entitlements carry EntitlementImmutable.
func roleIsAssignable(roleID string) bool {
	return boomi.IsCanonicalRoleID(roleID)
}

// checkRoleAssignable refuses a grant of a role the API cannot assign, before any request to Boomi.
func checkRoleAssignable(roleID string) error {
	if roleIsAssignable(roleID) {
		return nil
	}
	return status.Errorf(codes.InvalidArgument,
		"role %q cannot be assigned through the Boomi API because its id is not a canonical UUID; assign it in the Boomi UI instead", roleID)
}

// resourceIDOf builds a ResourceId without the error path of rs.NewResourceID (ids here are strings).
func resourceIDOf(rt *v2.ResourceType, id string) *v2.ResourceId {
	return v2.ResourceId_builder{ResourceType: rt.GetId(), Resource: id}.Build()
}

// resourceStub is a resource that carries only its id: enough for grant.NewGrant when a type-scoped walk
// emits grants for resources it has not loaded.
func resourceStub(rt *v2.ResourceType, id string) *v2.Resource {
	return v2.Resource_builder{Id: resourceIDOf(rt, id)}.Build()
}
