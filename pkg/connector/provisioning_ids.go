package connector

import (
	"strings"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/conductorone/baton-sdk/pkg/types/grant"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// principalUserID returns the Boomi user id of a grant principal. Only users can hold Boomi roles.
func principalUserID(principal *v2.Resource) (string, error) {
	id := principal.GetId()
	if id.GetResourceType() != userResourceType.GetId() || strings.TrimSpace(id.GetResource()) == "" {
		return "", status.Errorf(codes.InvalidArgument,
			"only Boomi users can receive Boomi roles, but the principal is %q of type %q; pick a principal of type %q",
			id.GetResource(), id.GetResourceType(), userResourceType.GetId())
	}
	return id.GetResource(), nil
}

// sameRole compares Boomi role ids; they are UUIDs, whose hex digits may come back in either case.
func sameRole(a, b string) bool {
	return strings.EqualFold(a, b)
}

// newGrantFor builds the grant that now exists, with the SDK's id convention
// <entitlementId>:<principalType>:<principalId>.
func newGrantFor(ent *v2.Entitlement, principal *v2.Resource) *v2.Grant {
	return v2.Grant_builder{
		Id:          grant.NewGrantID(principal, ent),
		Entitlement: ent,
		Principal:   principal,
	}.Build()
}
