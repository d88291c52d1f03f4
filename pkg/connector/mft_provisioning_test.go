package connector

import (
	"slices"
	"testing"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

// withoutAudit blanks the fields a write is allowed to change besides the one id list under test.
func withoutAudit(m boomisim.MFTSSOMapping) boomisim.MFTSSOMapping {
	m.UpdatedBy, m.UpdatedDate = nil, nil
	return m
}

func TestMFTGrantAndRevokeRoleOnMapping(t *testing.T) {
	e := newTestEnv(t, nil, withMFTTenant())
	before, _ := e.mapping(e.state().SSOMappings[1].ID)
	roleID := e.liveRoleNotIn(before)
	roles := newMFTRoleBuilder(e.conn)

	grants, annos, err := roles.Grant(e.ctx, mappingPrincipal(before.ID), mftRoleEntitlement(roleID))
	require.NoError(t, err)
	require.False(t, annos.Contains(&v2.GrantAlreadyExists{}))
	require.Len(t, grants, 1)
	require.Equal(t, "mft_role:"+mftIDString(roleID)+":assigned:mft_sso_mapping:"+mftIDString(before.ID), grants[0].GetId())
	after, _ := e.mapping(before.ID)
	require.Equal(t, append(slices.Clone(before.RoleIDs), roleID), after.RoleIDs)
	want := withoutAudit(before)
	want.RoleIDs = after.RoleIDs
	require.Equal(t, want, withoutAudit(after), "only roleIds changed")
	require.NotNil(t, after.UpdatedDate)
	require.EqualValues(t, 1, e.requests(routeMFTPutMapping))

	_, annos, err = roles.Grant(e.ctx, mappingPrincipal(before.ID), mftRoleEntitlement(roleID))
	require.NoError(t, err)
	require.True(t, annos.Contains(&v2.GrantAlreadyExists{}))
	require.EqualValues(t, 1, e.requests(routeMFTPutMapping), "a second grant writes nothing")

	annos, err = roles.Revoke(e.ctx, grants[0])
	require.NoError(t, err)
	require.False(t, annos.Contains(&v2.GrantAlreadyRevoked{}))
	final, _ := e.mapping(before.ID)
	require.Equal(t, before.RoleIDs, final.RoleIDs)
	want.RoleIDs = before.RoleIDs
	require.Equal(t, want, withoutAudit(final))

	annos, err = roles.Revoke(e.ctx, grants[0])
	require.NoError(t, err)
	require.True(t, annos.Contains(&v2.GrantAlreadyRevoked{}))
	require.EqualValues(t, 2, e.requests(routeMFTPutMapping), "a second revoke writes nothing")
}

func TestMFTGrantAndRevokeOrganizationOnMapping(t *testing.T) {
	e := newTestEnv(t, nil, withMFTTenant())
	before, _ := e.mapping(e.state().SSOMappings[2].ID)
	orgID := e.liveOrgNotIn(before)
	orgs := newMFTOrganizationBuilder(e.conn)

	grants, _, err := orgs.Grant(e.ctx, mappingPrincipal(before.ID), mftOrgEntitlement(orgID))
	require.NoError(t, err)
	require.Equal(t, "mft_organization:"+mftIDString(orgID)+":member:mft_sso_mapping:"+mftIDString(before.ID), grants[0].GetId())
	after, _ := e.mapping(before.ID)
	require.Contains(t, after.OrganizationIDs, orgID)
	require.Equal(t, before.RoleIDs, after.RoleIDs, "role ids untouched")

	_, err = orgs.Revoke(e.ctx, grants[0])
	require.NoError(t, err)
	final, _ := e.mapping(before.ID)
	require.NotContains(t, final.OrganizationIDs, orgID)
	require.ElementsMatch(t, before.OrganizationIDs, final.OrganizationIDs)
}

func TestMFTGrantRefusals(t *testing.T) {
	e := newTestEnv(t, nil, withMFTTenant())
	st := e.state()
	m := st.SSOMappings[0]
	roleID := e.liveRoleNotIn(m)
	roles := newMFTRoleBuilder(e.conn)

	user := mftResourceStub(mftUserResourceType, st.Users[3].ID)
	_, _, err := roles.Grant(e.ctx, user, mftRoleEntitlement(roleID))
	require.Equal(t, codes.Unimplemented, status.Code(err))
	require.ErrorContains(t, err, "grant them to an SSO mapping")
	_, err = newMFTOrganizationBuilder(e.conn).Revoke(e.ctx, v2.Grant_builder{
		Entitlement: mftOrgEntitlement(st.Organizations[0].ID), Principal: user,
	}.Build())
	require.Equal(t, codes.Unimplemented, status.Code(err))

	_, _, err = roles.Grant(e.ctx, mappingPrincipal(987654), mftRoleEntitlement(roleID))
	require.Equal(t, codes.NotFound, status.Code(err))
	require.ErrorContains(t, err, "SSO mapping 987654 does not exist")

	_, _, err = roles.Grant(e.ctx, mappingPrincipal(m.ID), mftOrgEntitlement(st.Organizations[0].ID))
	require.Equal(t, codes.InvalidArgument, status.Code(err), "an organization entitlement is not a role entitlement")

	_, _, err = roles.Grant(e.ctx, mappingPrincipal(m.ID), mftRoleEntitlement(424242))
	require.Equal(t, codes.InvalidArgument, status.Code(err), "MFT refuses an unknown role")

	require.EqualValues(t, 1, e.requests(routeMFTPutMapping), "only the unknown-role attempt reached a write")
	after, _ := e.mapping(m.ID)
	require.Equal(t, m, after)
}

func TestMFTRevokeOnDeletedMappingIsAlreadyRevoked(t *testing.T) {
	e := newTestEnv(t, nil, withMFTTenant())
	m := e.state().SSOMappings[1]
	e.sim.Mutate(func(st *boomisim.State) {
		st.MFT.SSOMappings = slices.DeleteFunc(st.MFT.SSOMappings, func(x boomisim.MFTSSOMapping) bool { return x.ID == m.ID })
	})
	annos, err := newMFTRoleBuilder(e.conn).Revoke(e.ctx, v2.Grant_builder{
		Entitlement: mftRoleEntitlement(m.RoleIDs[0]), Principal: mappingPrincipal(m.ID),
	}.Build())
	require.NoError(t, err)
	require.True(t, annos.Contains(&v2.GrantAlreadyRevoked{}))
}

// A change to another field of the same mapping, made between the connector's read and its write, is kept.
func TestMFTGrantKeepsAConcurrentChange(t *testing.T) {
	e := newTestEnv(t, nil, withMFTTenant())
	before, _ := e.mapping(e.state().SSOMappings[1].ID)
	roleID := e.liveRoleNotIn(before)
	theirOrg := e.liveOrgNotIn(before)

	changed := false
	e.sim.SetAfterHook(func(route string) {
		if route != routeMFTGetMapping || changed {
			return
		}
		changed = true // the first read of the grant has been answered: someone edits the mapping now
		e.sim.Mutate(func(st *boomisim.State) {
			for i := range st.MFT.SSOMappings {
				if st.MFT.SSOMappings[i].ID == before.ID {
					v := "renamed-by-someone-else"
					st.MFT.SSOMappings[i].AttributeValue = &v
					st.MFT.SSOMappings[i].OrganizationIDs = append(st.MFT.SSOMappings[i].OrganizationIDs, theirOrg)
				}
			}
		})
	})
	t.Cleanup(func() { e.sim.SetAfterHook(nil) })

	_, annos, err := newMFTRoleBuilder(e.conn).Grant(e.ctx, mappingPrincipal(before.ID), mftRoleEntitlement(roleID))
	require.NoError(t, err)
	require.False(t, annos.Contains(&v2.GrantAlreadyExists{}))
	require.True(t, changed)

	after, _ := e.mapping(before.ID)
	require.Contains(t, after.RoleIDs, roleID, "our change is there")
	require.Equal(t, "renamed-by-someone-else", *after.AttributeValue, "their change to another field is kept")
	require.Contains(t, after.OrganizationIDs, theirOrg, "their change to the other list is kept")
	require.EqualValues(t, 1, e.requests(routeMFTPutMapping), "one write, after the conflict was seen")
}

// Someone who changes the mapping after every read makes the grant fail clearly, without writing.
func TestMFTGrantFailsClearlyWhenTheMappingKeepsChanging(t *testing.T) {
	e := newTestEnv(t, nil, withMFTTenant())
	before, _ := e.mapping(e.state().SSOMappings[1].ID)
	roleID := e.liveRoleNotIn(before)
	edits := 0
	e.sim.SetAfterHook(func(route string) {
		if route != routeMFTGetMapping {
			return
		}
		edits++
		e.sim.Mutate(func(st *boomisim.State) {
			for i := range st.MFT.SSOMappings {
				if st.MFT.SSOMappings[i].ID == before.ID {
					v := "edit-" + mftIDString(int32(edits))
					st.MFT.SSOMappings[i].AttributeValue = &v
				}
			}
		})
	})
	t.Cleanup(func() { e.sim.SetAfterHook(nil) })

	_, _, err := newMFTRoleBuilder(e.conn).Grant(e.ctx, mappingPrincipal(before.ID), mftRoleEntitlement(roleID))
	require.Equal(t, codes.Aborted, status.Code(err))
	require.ErrorContains(t, err, "nothing was written")
	require.Zero(t, e.requests(routeMFTPutMapping))
	after, _ := e.mapping(before.ID)
	require.NotContains(t, after.RoleIDs, roleID)
	require.Equal(t, "edit-"+mftIDString(int32(edits)), *after.AttributeValue, "the other writer's last change stands")
}

// A write that someone overwrites right away is applied again, on top of their change.
func TestMFTGrantReappliesAnOverwrittenChange(t *testing.T) {
	e := newTestEnv(t, nil, withMFTTenant())
	before, _ := e.mapping(e.state().SSOMappings[1].ID)
	roleID := e.liveRoleNotIn(before)
	overwritten := false
	e.sim.SetAfterHook(func(route string) {
		if route != routeMFTPutMapping || overwritten {
			return
		}
		overwritten = true // someone writes back the mapping as they had read it before our write
		e.sim.Mutate(func(st *boomisim.State) {
			for i := range st.MFT.SSOMappings {
				if st.MFT.SSOMappings[i].ID == before.ID {
					st.MFT.SSOMappings[i].RoleIDs = slices.Clone(before.RoleIDs)
				}
			}
		})
	})
	t.Cleanup(func() { e.sim.SetAfterHook(nil) })

	_, _, err := newMFTRoleBuilder(e.conn).Grant(e.ctx, mappingPrincipal(before.ID), mftRoleEntitlement(roleID))
	require.NoError(t, err)
	after, _ := e.mapping(before.ID)
	require.Contains(t, after.RoleIDs, roleID)
	require.EqualValues(t, 2, e.requests(routeMFTPutMapping))
}
