package main

import (
	"github.com/baton-boomi/baton-boomi/internal/c1zread"
	"github.com/baton-boomi/baton-boomi/internal/syncexpect"
	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

// expectedContents is what a complete Platform API sync of accountID writes (internal/syncexpect), with
// the roles the simulator serves derived from st: the benchmark starts no HTTP reads of its own.
func expectedContents(st *boomisim.State, accountID string) *syncexpect.Expected {
	return syncexpect.ForAccount(st, accountID, syncexpect.RolesInState(st, accountID))
}

// verify compares got with exp: the same resources, entitlements and grants, each exactly once. MFT types
// are ignored (the benchmark syncs the Platform API only).
func verify(exp *syncexpect.Expected, got *c1zread.Contents) syncexpect.Report {
	return syncexpect.Compare(exp, got, syncexpect.Platform)
}
