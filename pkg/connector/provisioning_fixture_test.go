package connector

import (
	"strings"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/conductorone/baton-sdk/pkg/annotations"
	"google.golang.org/protobuf/proto"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

// A small, hand-made Boomi world for the provisioning tests (newTestEnv(t, provisioningFixture())), and the
// entitlements and grants those tests hand to Grant and Revoke.

const (
	fxAccount = "acme-PRIM01"
	fxAdmin   = "admin@acme.test"
	fxToken   = "tok-provisioning-tests"

	fxGroup       = "6f1c2a7e-9d0b-4c55-8e2a-1b2c3d4e5f60"
	fxCustomRole  = "0b8e6c1e-5d55-4b0e-9d0f-3f1b2f7a9c11" // canonical, custom, assignable
	fxUnknownRole = "11111111-2222-3333-4444-555555555555" // canonical, exists nowhere

	// Users of the fixture and what they hold.
	fxTwoRoles  = "two@acme.test"       // Production Support + Support (no Standard User)
	fxOneRole   = "one@acme.test"       // Support only
	fxSolo      = "solo@acme.test"      // Standard User only
	fxPlain     = "plain@acme.test"     // Standard User + Support
	fxBoss      = "boss@acme.test"      // Administrator
	fxFederated = "fed@acme.test"       // Standard User, federation id "fed-1"
	fxGroupOnly = "grouponly@acme.test" // no account role; Support in fxGroup
	fxStranger  = "stranger@acme.test"  // a platform user who is in no role of this account
)

func fxLink(user, role string) boomisim.AccountUserRole {
	return boomisim.AccountUserRole{ID: "aur-" + user + "-" + role, AccountID: fxAccount, UserID: user, RoleID: role}
}

func provisioningFixture() *boomisim.State {
	users := map[string]*boomisim.PlatformUser{}
	for _, u := range []string{fxAdmin, fxTwoRoles, fxOneRole, fxSolo, fxPlain, fxBoss, fxFederated, fxGroupOnly, fxStranger} {
		name := strings.SplitN(u, "@", 2)[0]
		users[u] = &boomisim.PlatformUser{Email: u, FirstName: name, LastName: "Tester", LoggedIn: true}
	}
	return &boomisim.State{
		Accounts: map[string]*boomisim.AccountState{
			fxAccount: {
				Account: boomisim.Account{AccountID: fxAccount, Name: "Acme", Status: "active"},
				Primary: true,
				UserRoles: []boomisim.AccountUserRole{
					fxLink(fxAdmin, boomi.AdministratorRoleID),
					fxLink(fxTwoRoles, boomisim.ProductionSupportRoleID),
					fxLink(fxTwoRoles, boomisim.SupportRoleID),
					fxLink(fxOneRole, boomisim.SupportRoleID),
					fxLink(fxSolo, boomi.StandardUserRoleID),
					fxLink(fxPlain, boomi.StandardUserRoleID),
					fxLink(fxPlain, boomisim.SupportRoleID),
					fxLink(fxBoss, boomi.AdministratorRoleID),
					fxLink(fxFederated, boomi.StandardUserRoleID),
				},
				Roles: []boomisim.Role{{
					ID: fxCustomRole, AccountID: fxAccount, Name: "Ops Reader", Description: "read-only ops",
					ParentID: boomi.StandardUserRoleID, Privileges: []boomisim.Privilege{{Name: "VIEW_RESULT"}},
				}},
				Groups: []boomisim.AccountGroup{{ID: fxGroup, AccountID: fxAccount, Name: "Partners"}},
				GroupUserRoles: []boomisim.AccountGroupUserRole{{
					ID: "agur-grouponly", AccountGroupID: fxGroup, UserID: fxGroupOnly, RoleID: boomisim.SupportRoleID,
				}},
				Federations: []boomisim.AccountUserFederation{{
					ID: "fed-rec-1", AccountID: fxAccount, UserID: fxFederated, FederationID: "fed-1",
				}},
			},
		},
		Users:       users,
		Credentials: []boomisim.Credential{{Email: fxAdmin, Token: fxToken, Accounts: []string{fxAccount}}},
	}
}

func userPrincipal(email string) *v2.Resource {
	return resourceStub(userResourceType, email)
}

func roleEntitlement(roleID string) *v2.Entitlement {
	return v2.Entitlement_builder{
		Id:       roleEntitlementID(roleID),
		Resource: resourceStub(roleResourceType, roleID),
		Slug:     roleAssignedSlug,
	}.Build()
}

func groupEntitlement(groupID, roleID string) *v2.Entitlement {
	return v2.Entitlement_builder{
		Id:       accountGroupEntitlementID(groupID, roleID),
		Resource: resourceStub(accountGroupResourceType, groupID),
		Slug:     roleID,
	}.Build()
}

// grantOf is the grant a sync would have produced, as the SDK hands it to Revoke.
func grantOf(ent *v2.Entitlement, principal *v2.Resource) *v2.Grant {
	return newGrantFor(ent, principal)
}

// hasAnnotation reports whether annos carries a message of msg's type.
func hasAnnotation(annos annotations.Annotations, msg proto.Message) bool {
	return annos.Contains(msg)
}
