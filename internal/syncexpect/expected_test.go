package syncexpect

import (
	"maps"
	"slices"
	"testing"

	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

// smallPrimary is a primary account "main" with one direct user-role link (u1, R1), one account group G
// whose user u2 holds R1 and R2, a sub-account "sub" in G, and a federation record for u1.
func smallPrimary() *boomisim.State {
	return &boomisim.State{Accounts: map[string]*boomisim.AccountState{
		"main": {
			Primary:   true,
			UserRoles: []boomisim.AccountUserRole{{UserID: "u1", RoleID: "R1", FirstName: "Ann", LastName: "One"}},
			Groups:    []boomisim.AccountGroup{{ID: "G"}},
			GroupUserRoles: []boomisim.AccountGroupUserRole{
				{AccountGroupID: "G", UserID: "u2", RoleID: "R1", FirstName: "Bo", LastName: "Two"},
				{AccountGroupID: "G", UserID: "u2", RoleID: "R2", FirstName: "Bo", LastName: "Two"},
				{AccountGroupID: "gone", UserID: "u3", RoleID: "R1"}, // a link to a group that does not exist
			},
			GroupAccounts: []boomisim.AccountGroupAccount{{AccountGroupID: "G", AccountID: "sub"}},
			Federations:   []boomisim.AccountUserFederation{{UserID: "u1", FederationID: "fed-1"}},
		},
		"sub": {ParentID: "main"},
	}}
}

func keys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }

func TestForAccountDerivesEveryItemAndTheExpandedGrants(t *testing.T) {
	exp := ForAccount(smallPrimary(), "main", ServedRoles{Roles: []string{"R1", "R2", "R3"}, Assignable: []string{"R1", "R2"}})

	for rt, want := range map[string][]string{
		User: {"u1", "u2"}, Role: {"R1", "R2", "R3"}, AccountGroup: {"G"}, Account: {"sub"},
	} {
		if got := keys(exp.Resources[rt]); !slices.Equal(got, want) {
			t.Errorf("%s resources %q, want %q", rt, got, want)
		}
	}
	wantEnts := []string{
		"account:sub:R1", "account:sub:R2", "account_group:G:R1", "account_group:G:R2",
		"role:R1:assigned", "role:R2:assigned", "role:R3:assigned",
	}
	if got := keys(exp.Entitlements); !slices.Equal(got, wantEnts) {
		t.Errorf("entitlements %q, want %q", got, wantEnts)
	}
	// The SDK expands account:sub:R → account_group:G, to every user holding R in G.
	wantGrants := []string{
		"account:sub:R1:account_group:G", "account:sub:R1:user:u2",
		"account:sub:R2:account_group:G", "account:sub:R2:user:u2",
		"account_group:G:R1:user:u2", "account_group:G:R2:user:u2",
		"role:R1:assigned:user:u1",
	}
	if got := keys(exp.Grants); !slices.Equal(got, wantGrants) {
		t.Errorf("grants %q, want %q", got, wantGrants)
	}
	if exp.FederationIDs["u1"] != "fed-1" || len(exp.FederationIDs) != 1 {
		t.Errorf("federation ids %v, want only u1 -> fed-1", exp.FederationIDs)
	}
	if exp.Names["u1"] != [2]string{"Ann", "One"} || exp.Names["u2"] != [2]string{"Bo", "Two"} {
		t.Errorf("names %v", exp.Names)
	}
}

// customRoleID is a custom role id in the canonical form, so the simulator lets the API assign it.
const customRoleID = "00000000-0000-4000-8000-0000000000c1"

func TestRolesInStateServesBuiltinsThenCustomRoles(t *testing.T) {
	st := smallPrimary()
	st.Accounts["main"].Roles = []boomisim.Role{{ID: customRoleID}}
	roles := RolesInState(st, "main")
	builtins := len(boomisim.BuiltinRoles())
	if len(roles.Roles) != builtins+1 || roles.Roles[builtins] != customRoleID {
		t.Fatalf("roles %q, want the %d built-ins followed by %s", roles.Roles, builtins, customRoleID)
	}
	want := slices.DeleteFunc(slices.Clone(roles.Roles), func(id string) bool { return id == boomisim.NonCanonicalRoleID })
	if !slices.Equal(roles.Assignable, want) {
		t.Errorf("assignable %q, want the roles without the non-canonical one, %q", roles.Assignable, want)
	}
}

func TestForAccountExpandsPrivilegeAndEnvironmentGrantsToDirectHolders(t *testing.T) {
	st := smallPrimary()
	main := st.Accounts["main"]
	main.Account.AccountID = "main"
	main.Roles = []boomisim.Role{{ID: "R1", Privileges: []boomisim.Privilege{{Name: "DEPLOY"}, {Name: "API"}}}}
	main.Environments = []boomisim.Environment{{ID: "E-prod", Classification: "PROD"}, {ID: "E-open", Classification: "PROD"}}
	main.EnvironmentRoles = []boomisim.EnvironmentRole{{EnvironmentID: "E-prod", RoleID: "R1"}}
	exp := ForAccount(st, "main", ServedRoles{Roles: []string{"R1", "R2"}, Assignable: []string{"R1"}})

	if got := keys(exp.Resources[Environment]); !slices.Equal(got, []string{"E-open", "E-prod"}) {
		t.Errorf("environments %q", got)
	}
	if got := keys(exp.Resources[Privilege]); !slices.Equal(got, []string{"API", "DEPLOY"}) {
		t.Errorf("privileges %q", got)
	}
	// u1 holds R1 directly; u2 holds it only through group G, which role:R1:assigned does not cover.
	for _, id := range []string{
		"privilege:DEPLOY:has:role:R1", "privilege:DEPLOY:has:user:u1", "privilege:API:has:user:u1",
		"environment:E-prod:access:role:R1", "environment:E-prod:access:user:u1",
	} {
		if !exp.Grants[id] {
			t.Errorf("grant %s missing", id)
		}
	}
	for _, id := range []string{"privilege:DEPLOY:has:user:u2", "environment:E-open:access:role:R1"} {
		if exp.Grants[id] {
			t.Errorf("grant %s must not be expected", id)
		}
	}
	if !exp.Entitlements["environment:E-open:access"] {
		t.Error("an environment without roles still has its entitlement")
	}
}
