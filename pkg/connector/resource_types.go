package connector

import (
	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/conductorone/baton-sdk/pkg/annotations"
)

// The Platform API resource types (docs/architecture.md#resource-model). The MFT types are mftUserResourceType and its siblings.
//
// role, account_group and account carry TypeScopedGrants: their grants come from one walk over a whole Boomi
// link object (AccountUserRole, AccountGroupUserRole, AccountGroupAccount) instead of one query per resource,
// because requests are the cost under Boomi's rate limit (docs/architecture.md#performance-model).
var (
	userResourceType = v2.ResourceType_builder{
		Id:          "user",
		DisplayName: "User",
		Description: "A Boomi platform user linked to the account (by a role or an account-group role)",
		Traits:      []v2.ResourceType_Trait{v2.ResourceType_TRAIT_USER},
		Annotations: annotations.New(&v2.SkipEntitlementsAndGrants{}, userPermissions),
	}.Build()

	roleResourceType = v2.ResourceType_builder{
		Id:          "role",
		DisplayName: "Role",
		Description: "A Boomi role, built-in or custom, assigned to users on the account",
		Traits:      []v2.ResourceType_Trait{v2.ResourceType_TRAIT_ROLE},
		Annotations: annotations.New(&v2.TypeScopedGrants{}, platformPermissions),
	}.Build()

	accountGroupResourceType = v2.ResourceType_builder{
		Id:          "account_group",
		DisplayName: "Account group",
		Description: "A Boomi account group of a primary account; users hold roles in it for all its accounts",
		Traits:      []v2.ResourceType_Trait{v2.ResourceType_TRAIT_GROUP},
		Annotations: annotations.New(&v2.TypeScopedGrants{}, platformPermissions),
	}.Build()

	accountResourceType = v2.ResourceType_builder{
		Id:          "account",
		DisplayName: "Account",
		Description: "A Boomi sub-account of the primary account, reached through account groups",
		Annotations: annotations.New(&v2.TypeScopedGrants{}, platformPermissions),
	}.Build()
)

// privilege and environment answer "who can do what, where" (docs/access-report.md). Their grants go to
// roles and expand to the roles' holders.
var (
	privilegeResourceType = v2.ResourceType_builder{
		Id:          "privilege",
		DisplayName: "Privilege",
		Description: "A Boomi privilege (API, DEPLOY, ACCOUNT_ADMIN, ...) carried by at least one synced role",
		Annotations: annotations.New(&v2.TypeScopedGrants{}, platformPermissions),
	}.Build()

	environmentResourceType = v2.ResourceType_builder{
		Id:          "environment",
		DisplayName: "Environment",
		Description: "A Boomi runtime environment (PROD or TEST) and the roles allowed to use it",
		Annotations: annotations.New(&v2.TypeScopedGrants{}, environmentPermissions),
	}.Build()
)
