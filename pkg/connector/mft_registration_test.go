package connector

import (
	"context"
	"testing"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/conductorone/baton-sdk/pkg/connectorbuilder"
	"github.com/stretchr/testify/require"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
)

// The SDK accepts the MFT builders (type-scoped grants paired with their annotation, unique action types)
// and derives the capabilities the MFT part really has.
func TestMFTRegistrationAndCapabilities(t *testing.T) {
	ctx := context.Background()
	srv, err := connectorbuilder.NewConnector(ctx, &Boomi{})
	require.NoError(t, err)
	md, err := srv.GetMetadata(ctx, &v2.ConnectorServiceGetMetadataRequest{})
	require.NoError(t, err)

	caps := map[string][]v2.Capability{}
	for _, rc := range md.GetMetadata().GetCapabilities().GetResourceTypeCapabilities() {
		caps[rc.GetResourceType().GetId()] = rc.GetCapabilities()
	}
	require.Contains(t, caps["mft_user"], v2.Capability_CAPABILITY_SYNC)
	require.NotContains(t, caps["mft_user"], v2.Capability_CAPABILITY_PROVISION)
	require.Contains(t, caps["mft_role"], v2.Capability_CAPABILITY_PROVISION)
	require.Contains(t, caps["mft_organization"], v2.Capability_CAPABILITY_PROVISION)
	require.Contains(t, caps["mft_sso_mapping"], v2.Capability_CAPABILITY_RESOURCE_CREATE)
	require.Contains(t, caps["mft_sso_mapping"], v2.Capability_CAPABILITY_RESOURCE_DELETE)

	schemas, err := srv.ListActionSchemas(ctx, &v2.ListActionSchemasRequest{})
	require.NoError(t, err)
	names := []string{}
	for _, s := range schemas.GetSchemas() {
		names = append(names, s.GetName())
	}
	require.Contains(t, names, actionSetDefaultSSOMapping)
}

// With a Platform client but no MFT settings, the MFT part is not registered at all.
func TestMFTOffOnlyWithoutSettings(t *testing.T) {
	on := &Boomi{}
	require.Len(t, mftSyncers(on), 4, "capabilities describe the MFT part")
	e := newTestEnv(t, nil, withMFTTenant())
	require.Len(t, mftSyncers(e.conn), 4)
	off := &Boomi{client: newPlatformClientForTest(t)}
	require.Empty(t, mftSyncers(off))
}

func newPlatformClientForTest(t *testing.T) *boomi.Client {
	t.Helper()
	c, err := boomi.New(context.Background(), boomi.Config{BaseURL: "https://api.boomi.com", AccountID: "acct-1", Username: "a@b.c", APIToken: "t"})
	require.NoError(t, err)
	return c
}

// Mappings act only when MFT creates a user at the first SSO sign-in: no description may promise more.
func TestMFTDescriptionsSayMappingsActOnlyOnUserCreation(t *testing.T) {
	for _, rt := range []*v2.ResourceType{mftRoleResourceType, mftOrganizationResourceType, mftSSOMappingResourceType} {
		require.Contains(t, rt.GetDescription(), "first SSO sign-in", rt.GetId())
		require.NotContains(t, rt.GetDescription(), "at sign-in", rt.GetId())
	}
	require.Contains(t, mftSSOMappingResourceType.GetDescription(), "existing users are not changed")
	require.Contains(t, createSSOMappingSchema.GetDescription(), "existing users are not changed")
}
