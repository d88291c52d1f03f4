package main

import (
	"strings"
	"testing"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"

	"github.com/baton-boomi/baton-boomi/internal/syncexpect"
	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

func TestVerifyAcceptsOnlyTheCompleteContents(t *testing.T) {
	st := boomisim.Generate(boomisim.DefaultSpec(200, 5))
	exp := expectedContents(st, boomisim.AdminConnection(st).AccountID)
	if len(exp.Grants) == 0 || len(exp.Resources[syncexpect.Account]) == 0 {
		t.Fatalf("expectation is empty: %d grants, %d accounts", len(exp.Grants), len(exp.Resources[syncexpect.Account]))
	}

	if v := verify(exp, syncexpect.Perfect(exp)); !v.OK {
		t.Fatalf("complete contents rejected: %v", v.Problems)
	}

	missing := syncexpect.Perfect(exp)
	missing.Grants = missing.Grants[1:]
	if v := verify(exp, missing); v.OK || !strings.Contains(strings.Join(v.Problems, ";"), "grants: 1 missing") {
		t.Errorf("a missing grant was not reported: %v", v.Problems)
	}

	dup := syncexpect.Perfect(exp)
	dup.Resources[syncexpect.User] = append(dup.Resources[syncexpect.User], dup.Resources[syncexpect.User][0])
	if v := verify(exp, dup); v.OK || !strings.Contains(strings.Join(v.Problems, ";"), "user resources: 1 written more than once") {
		t.Errorf("a duplicated user was not reported: %v", v.Problems)
	}

	extra := syncexpect.Perfect(exp)
	extra.Entitlements = append(extra.Entitlements, v2.Entitlement_builder{Id: "role:nope:assigned"}.Build())
	if v := verify(exp, extra); v.OK || !strings.Contains(strings.Join(v.Problems, ";"), "entitlements: 1 extra") {
		t.Errorf("an extra entitlement was not reported: %v", v.Problems)
	}
}
