package accessreport

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	rs "github.com/conductorone/baton-sdk/pkg/types/resource"

	"github.com/baton-boomi/baton-boomi/internal/c1zread"
)

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func grantOf(entitlementID, principalType, principalID string) *v2.Grant {
	return v2.Grant_builder{
		Entitlement: v2.Entitlement_builder{Id: entitlementID}.Build(),
		Principal:   v2.Resource_builder{Id: v2.ResourceId_builder{ResourceType: principalType, Resource: principalID}.Build()}.Build(),
	}.Build()
}

// contents: role D (DEPLOY) attached to P1; role M (DEPLOY, ENV_MANAGEMENT, API); role X (DEPLOY) attached
// nowhere; P1 restricted, P2 open, T1 TEST. u1 holds D, u2 holds M and can bypass SSO, u3 holds X.
func contents(_ *testing.T) *c1zread.Contents {
	user := func(id string, bypass bool) *v2.Resource {
		return must(rs.NewUserResource(strings.ToUpper(id), &v2.ResourceType{Id: "user"}, id,
			[]rs.UserTraitOption{rs.WithUserProfile(map[string]interface{}{"can_bypass_sso": bypass})}))
	}
	env := func(id, class string, restricted bool) *v2.Resource {
		return must(rs.NewResource("Env "+id, &v2.ResourceType{Id: "environment"}, id,
			rs.WithResourceProfile(map[string]interface{}{"classification": class, "access_restricted": restricted})))
	}
	role := func(id string) *v2.Resource {
		return must(rs.NewResource("Role "+id, &v2.ResourceType{Id: "role"}, id))
	}
	return &c1zread.Contents{
		Resources: map[string][]*v2.Resource{
			"user":        {user("u1", false), user("u2", true), user("u3", false)},
			"role":        {role("D"), role("M"), role("X")},
			"environment": {env("P1", "PROD", true), env("P2", "PROD", false), env("T1", "TEST", true)},
		},
		Grants: []*v2.Grant{
			grantOf("role:D:assigned", "user", "u1"), grantOf("role:M:assigned", "user", "u2"), grantOf("role:X:assigned", "user", "u3"),
			grantOf("privilege:DEPLOY:has", "role", "D"), grantOf("privilege:DEPLOY:has", "role", "M"), grantOf("privilege:DEPLOY:has", "role", "X"),
			grantOf("privilege:ENV_MANAGEMENT:has", "role", "M"), grantOf("privilege:API:has", "role", "M"),
			grantOf("environment:P1:access", "role", "D"), grantOf("environment:T1:access", "role", "X"),
			// Expanded grants to users are ignored: the report follows roles.
			grantOf("privilege:DEPLOY:has", "user", "u1"),
		},
	}
}

func TestBuildReasonsPerRole(t *testing.T) {
	r := Build(contents(t))
	if len(r.ProdDeployers) != 2 {
		t.Fatalf("PROD environments %v, want P1 and P2", r.ProdDeployers)
	}
	got := map[string][]string{}
	for _, e := range r.ProdDeployers {
		for _, a := range e.Deployers {
			got[e.ID] = append(got[e.ID], a.UserID+"/"+a.RoleID+"/"+a.Basis)
		}
	}
	want := map[string][]string{
		"P1": {"u2/M/" + BasisEnvManagement, "u1/D/" + BasisAttached},
		"P2": {"u2/M/" + BasisOpen, "u1/D/" + BasisOpen, "u3/X/" + BasisOpen},
	}
	for id, w := range want {
		if strings.Join(got[id], ",") != strings.Join(w, ",") {
			t.Errorf("%s deployers %q, want %q", id, got[id], w)
		}
	}
	if len(r.APIAccess) != 1 || r.APIAccess[0].UserID != "u2" || !r.APIAccess[0].CanBypassSSO {
		t.Errorf("API access %v, want only u2 (who can bypass SSO)", r.APIAccess)
	}
	if len(r.AccountAdmins) != 0 {
		t.Errorf("account admins %v, want none", r.AccountAdmins)
	}
	// u2 is flagged but holds no Administrator role in this sync: the bypass list follows the role.
	if len(r.SSOBypass) != 0 {
		t.Errorf("SSO bypass %v, want none (nobody holds Administrator)", r.SSOBypass)
	}
}

func TestWriters(t *testing.T) {
	r := Build(contents(t))
	var csvOut, jsonOut, table bytes.Buffer
	if err := r.WriteCSV(&csvOut); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(csvOut.String()), "\n")
	if lines[0] != strings.Join(csvHeader, ",") || len(lines) != 1+5+1 {
		t.Errorf("CSV:\n%s", csvOut.String())
	}
	if err := r.WriteJSON(&jsonOut); err != nil {
		t.Fatal(err)
	}
	var back Report
	if err := json.Unmarshal(jsonOut.Bytes(), &back); err != nil || len(back.ProdDeployers) != 2 {
		t.Errorf("JSON does not round-trip: %v\n%s", err, jsonOut.String())
	}
	if err := r.WriteTable(&table, 1); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"Env P2"`, "open to every role", "... and 2 more rows", "YES", "3 users, 1 of them can bypass SSO"} {
		if !strings.Contains(table.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, table.String())
		}
	}
}
