package connector

import (
	"sort"
	"testing"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/baton-boomi/baton-boomi/internal/syncexpect"
	"github.com/baton-boomi/baton-boomi/pkg/boomi"
	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

const (
	fxProd = "env-prod"
	fxTest = "env-test"
)

// withEnvironments adds a restricted PROD and an open TEST environment to the provisioning fixture.
func withEnvironments(e *testEnv) {
	e.sim.Mutate(func(st *boomisim.State) {
		a := st.Accounts[fxAccount]
		a.Environments = []boomisim.Environment{{ID: fxProd, Name: "Production", Classification: "PROD"}, {ID: fxTest, Name: "Test", Classification: "TEST"}}
		a.EnvironmentRoles = []boomisim.EnvironmentRole{{ID: "link-prod-admin", EnvironmentID: fxProd, RoleID: boomi.AdministratorRoleID}}
	})
	e.sim.ResetCounters()
}

func (e *testEnv) environmentRolesOf(envID string) []string {
	var out []string
	for _, l := range e.liveAccount().EnvironmentRoles {
		if l.EnvironmentID == envID {
			out = append(out, l.RoleID)
		}
	}
	sort.Strings(out)
	return out
}

func environmentEntitlement(envID string) *v2.Entitlement {
	return v2.Entitlement_builder{Id: environmentEntitlementID(envID), Resource: resourceStub(environmentResourceType, envID), Slug: environmentAccessSlug}.Build()
}

func rolePrincipal(roleID string) *v2.Resource { return resourceStub(roleResourceType, roleID) }

func TestEnvironmentGrantAndRevokeAreIdempotent(t *testing.T) {
	e := newTestEnv(t, provisioningFixture())
	withEnvironments(e)
	b := newEnvironmentBuilder(e.conn)
	ent, role := environmentEntitlement(fxProd), rolePrincipal(boomisim.ProductionSupportRoleID)

	_, annos, err := b.Grant(e.ctx, role, ent)
	require.NoError(t, err)
	require.False(t, hasAnnotation(annos, &v2.GrantAlreadyExists{}))
	require.Equal(t, []string{boomi.AdministratorRoleID, boomisim.ProductionSupportRoleID}, e.environmentRolesOf(fxProd))

	e.sim.ResetCounters()
	_, annos, err = b.Grant(e.ctx, role, ent)
	require.NoError(t, err)
	require.True(t, hasAnnotation(annos, &v2.GrantAlreadyExists{}))
	e.requireNoWrites()

	annos, err = b.Revoke(e.ctx, grantOf(ent, role))
	require.NoError(t, err)
	require.False(t, hasAnnotation(annos, &v2.GrantAlreadyRevoked{}))
	require.Equal(t, []string{boomi.AdministratorRoleID}, e.environmentRolesOf(fxProd))

	e.sim.ResetCounters()
	annos, err = b.Revoke(e.ctx, grantOf(ent, role))
	require.NoError(t, err)
	require.True(t, hasAnnotation(annos, &v2.GrantAlreadyRevoked{}))
	e.requireNoWrites()
}

func TestEnvironmentRevokeOfLastRoleIsRefused(t *testing.T) {
	e := newTestEnv(t, provisioningFixture())
	withEnvironments(e)
	b := newEnvironmentBuilder(e.conn)
	_, err := b.Revoke(e.ctx, grantOf(environmentEntitlement(fxProd), rolePrincipal(boomi.AdministratorRoleID)))
	require.Equal(t, codes.FailedPrecondition, status.Code(err))
	require.Contains(t, err.Error(), "attach the role that should keep access first")
	require.Equal(t, []string{boomi.AdministratorRoleID}, e.environmentRolesOf(fxProd))
	e.requireNoWrites()
}

func TestEnvironmentGrantErrorsChangeNothing(t *testing.T) {
	e := newTestEnv(t, provisioningFixture())
	withEnvironments(e)
	b := newEnvironmentBuilder(e.conn)

	_, _, err := b.Grant(e.ctx, userPrincipal(fxSolo), environmentEntitlement(fxProd))
	require.Equal(t, codes.InvalidArgument, status.Code(err))
	require.Contains(t, err.Error(), `principal of type "role"`)
	e.requireNoRequests()

	_, _, err = b.Grant(e.ctx, rolePrincipal(fxUnknownRole), environmentEntitlement(fxProd))
	require.Equal(t, codes.InvalidArgument, status.Code(err))
	require.Contains(t, err.Error(), "check that both exist")

	e.sim.Mutate(func(st *boomisim.State) { st.Credentials[0].NoEnvManagement = true })
	_, _, err = b.Grant(e.ctx, rolePrincipal(boomisim.SupportRoleID), environmentEntitlement(fxProd))
	require.Equal(t, codes.PermissionDenied, status.Code(err))
	require.Contains(t, err.Error(), "Environment Management (ENV_MANAGEMENT)")

	e.sim.Mutate(func(st *boomisim.State) {
		st.Credentials[0].NoEnvManagement = false
		st.Accounts[fxAccount].EnvironmentRolesOff = true
	})
	_, _, err = b.Grant(e.ctx, rolePrincipal(boomisim.SupportRoleID), environmentEntitlement(fxProd))
	require.Equal(t, codes.PermissionDenied, status.Code(err))
	require.Contains(t, err.Error(), "restricting environments to roles")
	require.Equal(t, []string{boomi.AdministratorRoleID}, e.environmentRolesOf(fxProd))
	require.Empty(t, e.environmentRolesOf(fxTest))
}

func TestEnvironmentSyncListsProfilesAndGrants(t *testing.T) {
	e := newTestEnv(t, boomisim.Generate(syncTestSpec()))
	b := newEnvironmentBuilder(e.conn)
	envs := e.listAll(b)
	acct := e.account()
	require.Len(t, envs, len(acct.Environments))
	linked := map[string]bool{}
	for _, l := range acct.EnvironmentRoles {
		linked[l.EnvironmentID] = true
	}
	for _, r := range envs {
		profile := resourceProfile(t, r)
		id := r.GetId().GetResource()
		require.Equal(t, id, profile["environment_id"])
		require.Contains(t, []any{"PROD", "TEST"}, profile["classification"])
		require.Equal(t, linked[id], profile["access_restricted"], "environment %s", id)
	}
	grants := e.typeGrantsAll(b, environmentResourceType)
	require.Len(t, grants, len(acct.EnvironmentRoles))
	for _, g := range grants {
		require.Equal(t, "role", g.GetPrincipal().GetId().GetResourceType())
		exp := &v2.GrantExpandable{}
		ok, err := annosOf(g.GetAnnotations()).Pick(exp)
		require.NoError(t, err)
		require.True(t, ok)
		require.Equal(t, []string{roleEntitlementID(g.GetPrincipal().GetId().GetResource())}, exp.GetEntitlementIds())
	}
	// List and grants together read each object once.
	require.EqualValues(t, 1, e.requests("POST /EnvironmentRole/query"))
	require.EqualValues(t, 1, e.requests("POST /Environment/query"))
}

// Boomi may refuse a missing privilege with 403 or with 400 and an access-rights text: both skip
// environments with a warning instead of failing the sync.
func TestEnvironmentSyncWithoutRuntimePrivilegeIsEmpty(t *testing.T) {
	for _, privilegeStatus := range []int{403, 400} {
		st := boomisim.Generate(syncTestSpec())
		st.Credentials[0].NoRuntimeRead = true
		e := newTestEnv(t, st, withSimOptions(boomisim.Options{RateLimit: -1, PrivilegeErrorStatus: privilegeStatus}))
		b := newEnvironmentBuilder(e.conn)
		require.Empty(t, e.listAll(b), "privilege answered %d", privilegeStatus)
		require.Empty(t, e.typeGrantsAll(b, environmentResourceType), "privilege answered %d", privilegeStatus)
	}
}

func TestPrivilegesOfEveryRoleAreGrantedOnce(t *testing.T) {
	e := newTestEnv(t, boomisim.Generate(syncTestSpec()))
	// Custom roles inherit their parent's privileges (Standard User in the generated dataset).
	want := map[string]bool{}
	privCodes := map[string]bool{}
	for roleID, privs := range syncexpect.PrivilegesInState(e.loaded, e.conn.client.AccountID()) {
		for _, p := range privs {
			want[privilegeEntitlementID(p)+":role:"+roleID] = true
			privCodes[p] = true
		}
	}
	b := newPrivilegeBuilder(e.conn)
	privs := e.listAll(b)
	require.Len(t, privs, len(privCodes))
	for _, p := range privs {
		require.True(t, privCodes[p.GetId().GetResource()])
	}
	require.Equal(t, "Packaged Component Deployment", displayNameOf(privs, boomi.PrivilegeDeploy))
	got := map[string]bool{}
	for _, g := range e.typeGrantsAll(b, privilegeResourceType) {
		require.False(t, got[g.GetId()], "grant %s emitted twice", g.GetId())
		got[g.GetId()] = true
	}
	require.Equal(t, want, got)
	// The role List after the privilege walks reads no Role page again.
	before := e.requests("POST /Role/query") + e.requests("POST /Role/queryMore")
	e.listAll(newRoleBuilder(e.conn))
	require.Equal(t, before, e.requests("POST /Role/query")+e.requests("POST /Role/queryMore"))
	require.EqualValues(t, 1, e.requests("GET /getAssignableRoles"))
}

func displayNameOf(resources []*v2.Resource, id string) string {
	for _, r := range resources {
		if r.GetId().GetResource() == id {
			return r.GetDisplayName()
		}
	}
	return ""
}

func resourceProfile(t *testing.T, r *v2.Resource) map[string]any {
	t.Helper()
	require.NotNil(t, r.GetProfile(), "resource %s has no profile", r.GetId().GetResource())
	return r.GetProfile().AsMap()
}

func TestEffectivePrivilegesFollowParentsAndStopAtLoops(t *testing.T) {
	roles := []boomi.Role{
		{ID: "child", ParentID: "parent", Privileges: []string{"API"}},
		{ID: "loop-a", ParentID: "loop-b", Privileges: []string{"EXECUTE"}},
	}
	lookups := 0
	got, err := effectivePrivileges(roles, func(ids []string) (map[string]roleDef, error) {
		lookups++
		out := map[string]roleDef{}
		for _, id := range ids {
			switch id {
			case "parent":
				out[id] = roleDef{Parent: "grandparent", Privileges: []string{"DEPLOY", "API"}}
			case "grandparent":
				out[id] = roleDef{Privileges: []string{"ENV_MANAGEMENT"}}
			case "loop-b":
				out[id] = roleDef{Parent: "loop-a", Privileges: []string{"BUILD"}}
			}
		}
		return out, nil
	})
	require.NoError(t, err)
	require.Equal(t, []string{"API", "DEPLOY", "ENV_MANAGEMENT"}, got["child"])
	require.Equal(t, []string{"EXECUTE", "BUILD"}, got["loop-a"])
	require.LessOrEqual(t, lookups, 3)
}

// A create whose answer is lost after Boomi stored the link (a truncated 200 body) is a success once a fresh
// read shows the link; a create dropped before Boomi saw it fails and leaves nothing behind.
func TestEnvironmentGrantWhoseAnswerIsLost(t *testing.T) {
	e := newTestEnv(t, provisioningFixture())
	withEnvironments(e)
	b := newEnvironmentBuilder(e.conn)
	armAfter := func(trigger string, f boomisim.Faults) {
		e.sim.SetAfterHook(func(route string) {
			switch route {
			case trigger:
				e.sim.SetFaults(f)
			case "POST /EnvironmentRole":
				e.sim.SetFaults(boomisim.Faults{})
			}
		})
	}
	t.Cleanup(func() { e.sim.SetAfterHook(nil) })

	armAfter("POST /EnvironmentRole/query", boomisim.Faults{PTruncate: 1})
	_, annos, err := b.Grant(e.ctx, rolePrincipal(boomisim.SupportRoleID), environmentEntitlement(fxProd))
	require.NoError(t, err)
	require.False(t, hasAnnotation(annos, &v2.GrantAlreadyExists{}))
	require.Equal(t, []string{boomi.AdministratorRoleID, boomisim.SupportRoleID}, e.environmentRolesOf(fxProd))

	armAfter("POST /EnvironmentRole/query", boomisim.Faults{Routes: map[string]boomisim.RouteFault{"POST /EnvironmentRole": {Count: 1, Status: 0}}})
	_, _, err = b.Grant(e.ctx, rolePrincipal(boomisim.ProductionSupportRoleID), environmentEntitlement(fxTest))
	require.Error(t, err)
	require.Contains(t, err.Error(), "environment "+fxTest)
	require.Empty(t, e.environmentRolesOf(fxTest))
}

// Grants of one resource (outside the type-scoped walk) read fresh and give the same grants.
func TestGrantsOfOneEnvironmentAndOnePrivilege(t *testing.T) {
	e := newTestEnv(t, boomisim.Generate(syncTestSpec()))
	acct := e.account()
	env := acct.Environments[0]
	var want []string
	for _, l := range acct.EnvironmentRoles {
		if l.EnvironmentID == env.ID {
			want = append(want, environmentEntitlementID(env.ID)+":role:"+l.RoleID)
		}
	}
	grants, _, err := newEnvironmentBuilder(e.conn).Grants(e.ctx, resourceStub(environmentResourceType, env.ID), e.opts(""))
	require.NoError(t, err)
	require.ElementsMatch(t, want, grantIDsOf(grants))

	want = nil
	for roleID, privs := range syncexpect.PrivilegesInState(e.loaded, e.conn.client.AccountID()) {
		for _, p := range privs {
			if p == boomi.PrivilegeDeploy {
				want = append(want, privilegeEntitlementID(p)+":role:"+roleID)
			}
		}
	}
	grants, _, err = newPrivilegeBuilder(e.conn).Grants(e.ctx, resourceStub(privilegeResourceType, boomi.PrivilegeDeploy), e.opts(""))
	require.NoError(t, err)
	require.ElementsMatch(t, want, grantIDsOf(grants))
}
