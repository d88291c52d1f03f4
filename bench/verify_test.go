package main

import (
	"strings"
	"testing"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"

	"github.com/baton-boomi/baton-boomi/internal/c1zread"
	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

// contentsOf builds the c1z contents a perfect sync of exp would have written.
func contentsOf(exp *expected) *c1zread.Contents {
	c := &c1zread.Contents{Resources: map[string][]*v2.Resource{}}
	for rt, ids := range exp.resources {
		for id := range ids {
			c.Resources[rt] = append(c.Resources[rt], v2.Resource_builder{
				Id: v2.ResourceId_builder{ResourceType: rt, Resource: id}.Build(),
			}.Build())
		}
	}
	for id := range exp.entitlements {
		c.Entitlements = append(c.Entitlements, v2.Entitlement_builder{Id: id}.Build())
	}
	for id := range exp.grants {
		// <entitlementId>:<principalType>:<principalId>; principal ids (e-mails, group ids) hold no ':'.
		cut := strings.LastIndex(id, ":")
		typeCut := strings.LastIndex(id[:cut], ":")
		c.Grants = append(c.Grants, v2.Grant_builder{
			Id:          id,
			Entitlement: v2.Entitlement_builder{Id: id[:typeCut]}.Build(),
			Principal: v2.Resource_builder{
				Id: v2.ResourceId_builder{ResourceType: id[typeCut+1 : cut], Resource: id[cut+1:]}.Build(),
			}.Build(),
		}.Build())
	}
	return c
}

func TestVerifyAcceptsOnlyTheCompleteContents(t *testing.T) {
	st := boomisim.Generate(boomisim.DefaultSpec(200, 5))
	exp := expectedContents(st, boomisim.AdminConnection(st).AccountID)
	if len(exp.grants) == 0 || len(exp.resources[rtAccount]) == 0 {
		t.Fatalf("expectation is empty: %d grants, %d accounts", len(exp.grants), len(exp.resources[rtAccount]))
	}

	if v := verify(exp, contentsOf(exp)); !v.OK {
		t.Fatalf("complete contents rejected: %v", v.Problems)
	}

	missing := contentsOf(exp)
	missing.Grants = missing.Grants[1:]
	if v := verify(exp, missing); v.OK || !strings.Contains(strings.Join(v.Problems, ";"), "grants: 1 missing") {
		t.Errorf("a missing grant was not reported: %v", v.Problems)
	}

	dup := contentsOf(exp)
	dup.Resources[rtUser] = append(dup.Resources[rtUser], dup.Resources[rtUser][0])
	if v := verify(exp, dup); v.OK || !strings.Contains(strings.Join(v.Problems, ";"), "user resources: 1 written more than once") {
		t.Errorf("a duplicated user was not reported: %v", v.Problems)
	}

	extra := contentsOf(exp)
	extra.Entitlements = append(extra.Entitlements, v2.Entitlement_builder{Id: "role:nope:assigned"}.Build())
	if v := verify(exp, extra); v.OK || !strings.Contains(strings.Join(v.Problems, ";"), "entitlements: 1 extra") {
		t.Errorf("an extra entitlement was not reported: %v", v.Problems)
	}
}
