package connector

import (
	"testing"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

func TestSingleSlugEntitlementReadersKeepTheirIDsAndSentences(t *testing.T) {
	ent := func(id string) *v2.Entitlement { return v2.Entitlement_builder{Id: id}.Build() }

	roleID, err := roleIDFromEntitlement(ent("role:r-1:assigned"))
	require.NoError(t, err)
	require.Equal(t, "r-1", roleID)
	envID, err := environmentFromEntitlement(ent("environment:e-1:access"))
	require.NoError(t, err)
	require.Equal(t, "e-1", envID)

	_, err = roleIDFromEntitlement(ent("role:r-1:member"))
	require.Equal(t, codes.InvalidArgument, status.Code(err))
	require.Equal(t, `entitlement id "role:r-1:member" names the unknown role entitlement "member"; Boomi roles have only "assigned"`,
		status.Convert(err).Message())
	_, err = environmentFromEntitlement(ent("environment:e-1:assigned"))
	require.Equal(t, `entitlement id "environment:e-1:assigned" names the unknown environment entitlement "assigned"; Boomi environments have only "access"`,
		status.Convert(err).Message())

	_, err = roleIDFromEntitlement(ent("environment:e-1:access"))
	require.Equal(t, codes.InvalidArgument, status.Code(err), "another type's entitlement is refused")
}
