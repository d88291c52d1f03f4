package e2e

import (
	"testing"

	"github.com/baton-boomi/baton-boomi/internal/syncexpect"
)

// Short names for the resource model of internal/syncexpect (docs/architecture.md#resource-model), used throughout these tests.
const (
	rtUser         = syncexpect.User
	rtRole         = syncexpect.Role
	rtAccountGroup = syncexpect.AccountGroup
	rtAccount      = syncexpect.Account
)

var (
	roleEntitlement    = syncexpect.RoleEntitlement
	groupEntitlement   = syncexpect.GroupEntitlement
	accountEntitlement = syncexpect.AccountEntitlement
)

// grantID is the SDK's grant id of the grant k means.
func grantID(k grantKey) string {
	return syncexpect.GrantID(k.Entitlement, k.PrincipalType, k.PrincipalID)
}

// compareSync asserts that scope's part of got holds exactly exp (syncexpect.Compare: every expected
// resource, entitlement and grant present exactly once, nothing extra, no grant id used twice).
func compareSync(t *testing.T, exp *syncexpect.Expected, got *c1zContents, scope syncexpect.Scope) {
	t.Helper()
	report := syncexpect.Compare(exp, got.Raw, scope)
	for _, p := range report.Problems {
		t.Error(p)
	}
	if !report.OK {
		t.Logf("counts {expected, got}: %v", report.Counts)
	}
}
