package connector

import (
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

// Targeted sync of one mapping reads just that mapping and shows its current role and organization ids.
func TestMFTSSOMappingGetReadsOneMapping(t *testing.T) {
	e := newTestEnv(t, nil, withMFTTenant())
	want := e.state().SSOMappings[1]
	e.sim.Mutate(func(st *boomisim.State) { // a change made after the last sync must show
		st.MFT.SSOMappings[1].RoleIDs = []int32{want.RoleIDs[0]}
	})

	b := newMFTSSOMappingBuilder(e.conn)
	res, _, err := b.Get(e.ctx, mftResourceID(mftSSOMappingResourceType, want.ID), nil)
	require.NoError(t, err)
	require.Equal(t, mftIDString(want.ID), res.GetId().GetResource())
	require.Equal(t, mftSSOMappingResourceType.GetId(), res.GetId().GetResourceType())
	profile := res.GetProfile().AsMap()
	require.Equal(t, *want.AttributeName, profile[mftProfileAttributeName])
	require.Equal(t, mftIDString(want.RoleIDs[0]), profile[mftProfileRoleIDs], "the change made after the sync must show")
	require.Equal(t, int64(1), e.requests("GET /mft/api/AdminSsoMapping/{id}"))
	require.Zero(t, e.requests("GET /mft/api/AdminSsoMapping"), "a targeted read must not list every mapping")
}

func TestMFTSSOMappingGetUnknownIsNotFound(t *testing.T) {
	e := newTestEnv(t, nil, withMFTTenant())
	b := newMFTSSOMappingBuilder(e.conn)
	_, _, err := b.Get(e.ctx, mftResourceID(mftSSOMappingResourceType, 987654), nil)
	require.Equal(t, codes.NotFound, status.Code(err), "got %v", err)

	_, _, err = b.Get(e.ctx, resourceIDOf(mftSSOMappingResourceType, "not-a-number"), nil)
	require.Equal(t, codes.InvalidArgument, status.Code(err), "got %v", err)
}
