package connector

import (
	"slices"
	"strings"
	"testing"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/conductorone/baton-sdk/pkg/actions"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/structpb"

	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

func mappingToCreate(t *testing.T, profile map[string]any) *v2.Resource {
	t.Helper()
	p, err := structpb.NewStruct(profile)
	require.NoError(t, err)
	return v2.Resource_builder{
		Id:      v2.ResourceId_builder{ResourceType: mftSSOMappingResourceType.GetId()}.Build(),
		Profile: p,
	}.Build()
}

func defaults(st *boomisim.MFTState) []int32 {
	var out []int32
	for _, m := range st.SSOMappings {
		if m.IsDefault {
			out = append(out, m.ID)
		}
	}
	return out
}

func TestMFTCreateMapping(t *testing.T) {
	e := newTestEnv(t, nil, withMFTTenant())
	st := e.state()
	roleA, roleB, org := liveRoleIDs(st)[0], liveRoleIDs(st)[1], liveOrgIDs(st)[0]
	b := newMFTSSOMappingBuilder(e.conn)

	created, _, err := b.Create(e.ctx, mappingToCreate(t, map[string]any{
		"attribute_name": "department", "attribute_value": "finance",
		"role_ids": []any{roleA, roleB}, "organization_ids": org,
	}))
	require.NoError(t, err)
	id := parseIDForTest(t, created.GetId().GetResource())
	m, ok := e.mapping(id)
	require.True(t, ok)
	require.Equal(t, "department", *m.AttributeName)
	require.Equal(t, "finance", *m.AttributeValue)
	require.False(t, m.IsDefault)
	require.Equal(t, []int32{parseIDForTest(t, roleA), parseIDForTest(t, roleB)}, m.RoleIDs)
	require.Equal(t, []int32{parseIDForTest(t, org)}, m.OrganizationIDs)
	require.Equal(t, "department = finance", created.GetDisplayName())
	require.Len(t, e.state().SSOMappings, len(st.SSOMappings)+1)
}

func TestMFTCreateMappingRefusesBadInput(t *testing.T) {
	e := newTestEnv(t, nil, withMFTTenant())
	existing := e.state().SSOMappings[2]
	b := newMFTSSOMappingBuilder(e.conn)
	cases := map[string]struct {
		profile map[string]any
		code    codes.Code
		words   string
	}{
		"empty name":   {map[string]any{"attribute_name": " ", "attribute_value": "x"}, codes.InvalidArgument, "attribute_name"},
		"no name":      {map[string]any{"attribute_value": "x"}, codes.InvalidArgument, "attribute_name"},
		"duplicate":    {map[string]any{"attribute_name": strings.ToUpper(*existing.AttributeName), "attribute_value": *existing.AttributeValue + " "}, codes.AlreadyExists, "already maps"},
		"bad role ids": {map[string]any{"attribute_name": "a", "role_ids": "12,x"}, codes.InvalidArgument, "not a valid"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, _, err := b.Create(e.ctx, mappingToCreate(t, tc.profile))
			require.Equal(t, tc.code, status.Code(err), err)
			require.ErrorContains(t, err, tc.words)
		})
	}
	require.Zero(t, e.requests(routeMFTCreate), "refused before any write")
}

func TestMFTCreateDefaultMappingMovesTheFlagInOneBulkUpdate(t *testing.T) {
	e := newTestEnv(t, nil, withMFTTenant())
	oldDefault := defaults(e.state())
	require.Len(t, oldDefault, 1)

	created, _, err := newMFTSSOMappingBuilder(e.conn).Create(e.ctx, mappingToCreate(t, map[string]any{
		"attribute_name": "groups", "attribute_value": "new-default", "is_default": true,
	}))
	require.NoError(t, err)
	id := parseIDForTest(t, created.GetId().GetResource())
	require.Equal(t, []int32{id}, defaults(e.state()))
	require.EqualValues(t, 1, e.requests(routeMFTBulk))
	require.Zero(t, e.requests(routeMFTPutMapping))
	require.Equal(t, true, created.GetProfile().AsMap()[mftProfileIsDefault])
}

func TestMFTCreateDefaultMappingLeavesNothingWhenTheFlagCannotMove(t *testing.T) {
	e := newTestEnv(t, nil, withMFTTenant())
	before := e.state().SSOMappings
	e.sim.SetFaults(boomisim.Faults{Routes: map[string]boomisim.RouteFault{routeMFTBulk: {Count: 1, Status: 400}}})

	_, _, err := newMFTSSOMappingBuilder(e.conn).Create(e.ctx, mappingToCreate(t, map[string]any{
		"attribute_name": "groups", "attribute_value": "doomed", "is_default": true,
	}))
	require.Error(t, err)
	require.ErrorContains(t, err, "deleted again")
	require.Equal(t, before, e.state().SSOMappings, "the new mapping was removed again")
	require.EqualValues(t, 1, e.requests(routeMFTCreate))
	require.EqualValues(t, 1, e.requests(routeMFTDelete))
}

func TestMFTCreateDefaultWhenThereIsNone(t *testing.T) {
	e := newTestEnv(t, nil, withMFTTenant())
	e.sim.Mutate(func(st *boomisim.State) {
		for i := range st.MFT.SSOMappings {
			st.MFT.SSOMappings[i].IsDefault = false
		}
	})
	created, _, err := newMFTSSOMappingBuilder(e.conn).Create(e.ctx, mappingToCreate(t, map[string]any{
		"attribute_name": "groups", "attribute_value": "first-default", "is_default": true,
	}))
	require.NoError(t, err)
	require.Equal(t, []int32{parseIDForTest(t, created.GetId().GetResource())}, defaults(e.state()))
	require.Zero(t, e.requests(routeMFTBulk), "created as the default directly")
}

func TestMFTDeleteMappingIsIdempotent(t *testing.T) {
	e := newTestEnv(t, nil, withMFTTenant())
	m := e.state().SSOMappings[3]
	b := newMFTSSOMappingBuilder(e.conn)
	rid := mftResourceID(mftSSOMappingResourceType, m.ID)

	annos, err := b.Delete(e.ctx, rid, nil)
	require.NoError(t, err)
	require.False(t, annos.Contains(&v2.ResourceDoesNotExist{}))
	_, ok := e.mapping(m.ID)
	require.False(t, ok)

	annos, err = b.Delete(e.ctx, rid, nil)
	require.NoError(t, err)
	require.True(t, annos.Contains(&v2.ResourceDoesNotExist{}), "already deleted")

	annos, err = b.Delete(e.ctx, mftResourceID(mftSSOMappingResourceType, 999999), nil)
	require.NoError(t, err)
	require.True(t, annos.Contains(&v2.ResourceDoesNotExist{}), "never existed")

	_, err = b.Delete(e.ctx, v2.ResourceId_builder{ResourceType: "mft_sso_mapping", Resource: "abc"}.Build(), nil)
	require.Equal(t, codes.InvalidArgument, status.Code(err))
	require.Len(t, e.state().SSOMappings, len(mftTestSpecMappings())-1)
}

func mftTestSpecMappings() []int { return make([]int, mftTestSpec.Mappings) }

func TestMFTCreateMappingAction(t *testing.T) {
	e := newTestEnv(t, nil, withMFTTenant())
	role := liveRoleIDs(e.state())[0]
	args, err := structpb.NewStruct(map[string]any{
		"attribute_name": "groups", "attribute_value": "from-cli", "role_ids": []any{role},
	})
	require.NoError(t, err)
	out, _, err := newMFTSSOMappingBuilder(e.conn).createAction(e.ctx, args)
	require.NoError(t, err)
	id, ok := actions.GetStringArg(out, returnMappingID)
	require.True(t, ok)
	m, found := e.mapping(parseIDForTest(t, id))
	require.True(t, found)
	require.Equal(t, "from-cli", *m.AttributeValue)
	require.Equal(t, []int32{parseIDForTest(t, role)}, m.RoleIDs)
}

func TestMFTSetDefaultMappingAction(t *testing.T) {
	e := newTestEnv(t, nil, withMFTTenant())
	st := e.state()
	oldDefault := defaults(st)
	target := st.SSOMappings[2]
	require.False(t, target.IsDefault)

	args, err := structpb.NewStruct(map[string]any{"mapping_id": mftIDString(target.ID)})
	require.NoError(t, err)
	out, _, err := e.mappingWriter().setDefaultAction(e.ctx, args)
	require.NoError(t, err)
	changed, _ := actions.GetBoolArg(out, returnChanged)
	require.True(t, changed)
	prev, _ := actions.GetStringSliceArg(out, returnPreviousDefaultIDs)
	require.Equal(t, []string{mftIDString(oldDefault[0])}, prev)

	after := e.state()
	require.Equal(t, []int32{target.ID}, defaults(after))
	require.EqualValues(t, 1, e.requests(routeMFTBulk), "one bulk update")
	require.Zero(t, e.requests(routeMFTPutMapping))
	for i, m := range after.SSOMappings {
		was := st.SSOMappings[i]
		m.IsDefault, was.IsDefault = false, false
		require.Equal(t, withoutAudit(was), withoutAudit(m), "only the default flags changed")
	}

	out, _, err = e.mappingWriter().setDefaultAction(e.ctx, args)
	require.NoError(t, err)
	changed, _ = actions.GetBoolArg(out, returnChanged)
	require.False(t, changed)
	require.EqualValues(t, 1, e.requests(routeMFTBulk), "already the default: nothing written")

	for _, bad := range []map[string]any{{}, {"mapping_id": "x"}} {
		a, _ := structpb.NewStruct(bad)
		_, _, err = e.mappingWriter().setDefaultAction(e.ctx, a)
		require.Equal(t, codes.InvalidArgument, status.Code(err))
	}
	a, _ := structpb.NewStruct(map[string]any{"mapping_id": "999999"})
	_, _, err = e.mappingWriter().setDefaultAction(e.ctx, a)
	require.Equal(t, codes.NotFound, status.Code(err))
	require.True(t, slices.Equal([]int32{target.ID}, defaults(e.state())))
}

// A change to the previous default made between the action's read and its bulk write is kept.
func TestMFTSetDefaultKeepsAConcurrentChange(t *testing.T) {
	e := newTestEnv(t, nil, withMFTTenant())
	st := e.state()
	oldDefault := defaults(st)[0]
	target := st.SSOMappings[3]
	fired := false
	e.sim.SetAfterHook(func(route string) {
		if route != routeMFTListMapping || fired {
			return
		}
		fired = true
		e.sim.Mutate(func(w *boomisim.State) {
			for i := range w.MFT.SSOMappings {
				if w.MFT.SSOMappings[i].ID == oldDefault {
					v := "edited-meanwhile"
					w.MFT.SSOMappings[i].AttributeValue = &v
				}
			}
		})
	})
	t.Cleanup(func() { e.sim.SetAfterHook(nil) })

	changed, previous, err := e.mappingWriter().setDefault(e.ctx, target.ID)
	require.NoError(t, err)
	require.True(t, changed)
	require.Equal(t, []int32{oldDefault}, previous)
	require.Equal(t, []int32{target.ID}, defaults(e.state()))
	old, _ := e.mapping(oldDefault)
	require.Equal(t, "edited-meanwhile", *old.AttributeValue, "the concurrent edit survived the bulk update")
	require.EqualValues(t, 1, e.requests(routeMFTBulk))
}

// Without MFT configured, every mapping write (the builders' and the actions', all through
// mftMappingWriter) refuses with FailedPrecondition and its one sentence, before any request.
func TestMFTWritesWithoutMFTRefuseBeforeAnyRequest(t *testing.T) {
	e := newTestEnv(t, boomisim.Generate(syncTestSpec()))
	require.Nil(t, e.conn.mft)
	const notConfigured = "Boomi MFT is not configured: pass --mft-base-url and --mft-api-key"
	mappingArgs, err := structpb.NewStruct(map[string]any{"mapping_id": "5"})
	require.NoError(t, err)
	createArgs, err := structpb.NewStruct(map[string]any{mftProfileAttributeName: "groups", mftProfileAttributeValue: "ops"})
	require.NoError(t, err)
	mappings := newMFTSSOMappingBuilder(e.conn)

	for name, write := range map[string]struct {
		run  func() error
		want string
	}{
		"grant role": {func() error {
			_, _, err := newMFTRoleBuilder(e.conn).Grant(e.ctx, mappingPrincipal(5), mftRoleEntitlement(7))
			return err
		}, notConfigured + " to change MFT access"},
		"revoke organization": {func() error {
			_, err := newMFTOrganizationBuilder(e.conn).Revoke(e.ctx, v2.Grant_builder{
				Entitlement: mftOrgEntitlement(7), Principal: mappingPrincipal(5),
			}.Build())
			return err
		}, notConfigured + " to change MFT access"},
		"create": {func() error {
			_, _, err := mappings.Create(e.ctx, mappingToCreate(t, map[string]any{mftProfileAttributeName: "groups"}))
			return err
		}, notConfigured + " to create MFT SSO mappings"},
		"create action": {func() error {
			_, _, err := mappings.createAction(e.ctx, createArgs)
			return err
		}, notConfigured + " to create MFT SSO mappings"},
		"delete": {func() error {
			_, err := mappings.Delete(e.ctx, mftResourceID(mftSSOMappingResourceType, 5), nil)
			return err
		}, notConfigured + " to delete MFT SSO mappings"},
		"set default action": {func() error {
			_, _, err := e.mappingWriter().setDefaultAction(e.ctx, mappingArgs)
			return err
		}, notConfigured},
	} {
		t.Run(name, func(t *testing.T) {
			err := write.run()
			require.Equal(t, codes.FailedPrecondition, status.Code(err), "%v", err)
			require.Equal(t, write.want, status.Convert(err).Message())
		})
	}
	e.requireNoRequests()
}
