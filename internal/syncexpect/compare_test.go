package syncexpect

import (
	"strings"
	"testing"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"

	"github.com/baton-boomi/baton-boomi/internal/c1zread"
)

func problems(r Report) string { return strings.Join(r.Problems, "; ") }

func TestCompareAcceptsOnlyTheCompleteContents(t *testing.T) {
	exp := ForAccount(smallPrimary(), "main", ServedRoles{Roles: []string{"R1", "R2"}, Assignable: []string{"R1", "R2"}})
	if r := Compare(exp, Perfect(exp), Platform); !r.OK || r.Counts["grants"] != [2]int{len(exp.Grants), len(exp.Grants)} {
		t.Fatalf("complete contents rejected or miscounted: %v %v", r.Problems, r.Counts)
	}
	for name, tc := range map[string]struct {
		breakIt func(c *c1zread.Contents)
		want    string
	}{
		"missing grant": {func(c *c1zread.Contents) { c.Grants = c.Grants[1:] }, "grants: 1 missing"},
		"duplicated user": {func(c *c1zread.Contents) { c.Resources[User] = append(c.Resources[User], c.Resources[User][0]) },
			"user resources: 1 written more than once"},
		"extra entitlement": {func(c *c1zread.Contents) {
			c.Entitlements = append(c.Entitlements, v2.Entitlement_builder{Id: "role:nope:assigned"}.Build())
		}, "entitlements: 1 extra"},
		"grant id reused": {func(c *c1zread.Contents) {
			c.Grants[1] = v2.Grant_builder{Id: c.Grants[0].GetId(), Entitlement: c.Grants[1].GetEntitlement(), Principal: c.Grants[1].GetPrincipal()}.Build()
		}, "grant ids: 1 used by more than one grant"},
		"unknown type": {func(c *c1zread.Contents) {
			c.Resources["team"] = []*v2.Resource{v2.Resource_builder{Id: v2.ResourceId_builder{ResourceType: "team", Resource: "t"}.Build()}.Build()}
		}, `unexpected resource type "team"`},
	} {
		c := Perfect(exp)
		tc.breakIt(c)
		if r := Compare(exp, c, Platform); r.OK || !strings.Contains(problems(r), tc.want) {
			t.Errorf("%s: want a problem %q, got %q", name, tc.want, problems(r))
		}
	}
}

func TestCompareHoldsEachScopeToItsOwnPart(t *testing.T) {
	platform := ForAccount(smallPrimary(), "main", ServedRoles{Roles: []string{"R1"}, Assignable: []string{"R1"}})
	mft := &Expected{
		Resources:    map[string]map[string]bool{"mft_user": {"7": true}},
		Entitlements: map[string]bool{"mft_role:1:assigned": true},
		Grants:       map[string]bool{"mft_role:1:assigned:mft_user:7": true},
	}
	both := Perfect(platform)
	m := Perfect(mft)
	both.Resources["mft_user"] = m.Resources["mft_user"]
	both.Entitlements = append(both.Entitlements, m.Entitlements...)
	both.Grants = append(both.Grants, m.Grants...)

	if r := Compare(platform, both, Platform); !r.OK {
		t.Errorf("the Platform comparison looked at MFT items: %v", r.Problems)
	}
	if r := Compare(mft, both, MFT); !r.OK || r.Counts["MFT grants"] != [2]int{1, 1} {
		t.Errorf("the MFT comparison looked at Platform items: %v %v", r.Problems, r.Counts)
	}
	both.Resources["mft_team"] = both.Resources["mft_user"]
	if r := Compare(mft, both, MFT); r.OK || !strings.Contains(problems(r), `unexpected resource type "mft_team"`) {
		t.Errorf("an unknown MFT resource type was not reported: %q", problems(r))
	}
}
