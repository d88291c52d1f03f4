package connector

import (
	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/conductorone/baton-sdk/pkg/annotations"
)

// The Boomi MFT resource types (docs/architecture.md#resource-model). They exist only when --mft-base-url and --mft-api-key are set.
//
// mft_role and mft_organization carry TypeScopedGrants: one walk over the SSO mappings and the users gives
// the grants of every role and organization at once, instead of reading every user once per role.
var (
	mftUserResourceType = v2.ResourceType_builder{
		Id:          "mft_user",
		DisplayName: "MFT user",
		Description: "A Boomi MFT (managed file transfer) user, with its enabled/active status, failed sign-in attempts, ban and last login",
		Traits:      []v2.ResourceType_Trait{v2.ResourceType_TRAIT_USER},
		Annotations: annotations.New(&v2.SkipEntitlementsAndGrants{}, mftUserPermissions),
	}.Build()

	mftRoleResourceType = v2.ResourceType_builder{
		Id:          "mft_role",
		DisplayName: "MFT role",
		Description: "A Boomi MFT administrative role, held by MFT users and given by SSO mappings to users MFT creates at their first SSO sign-in",
		Traits:      []v2.ResourceType_Trait{v2.ResourceType_TRAIT_ROLE},
		Annotations: annotations.New(&v2.TypeScopedGrants{}, mftRolePermissions),
	}.Build()

	mftOrganizationResourceType = v2.ResourceType_builder{
		Id:          "mft_organization",
		DisplayName: "MFT organization",
		Description: "A Boomi MFT organization, with MFT users as members and SSO mappings that add users MFT creates at their first SSO sign-in",
		Traits:      []v2.ResourceType_Trait{v2.ResourceType_TRAIT_GROUP},
		Annotations: annotations.New(&v2.TypeScopedGrants{}, mftOrgPermissions),
	}.Build()

	mftSSOMappingResourceType = v2.ResourceType_builder{
		Id:          "mft_sso_mapping",
		DisplayName: "MFT SSO mapping",
		Description: "A Boomi MFT SSO attribute mapping: when MFT creates a user at the first SSO sign-in, a user whose " +
			"identity-provider attribute has this value gets the mapping's MFT roles and organizations (existing users are not changed)",
		Annotations: annotations.New(&v2.SkipEntitlementsAndGrants{}, mftSSOMappingPermissions),
	}.Build()
)
