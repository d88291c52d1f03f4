package connector

import (
	"fmt"
	"net/http"
	"testing"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/structpb"

	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

// A tenant without the four undocumented AdminSsoMapping operations (the simulator answers them 404 or
// 405): reads fall back to the list, writes are Unimplemented naming the path, and a delete that did not
// happen is never reported as done.
func TestMFTOnATenantWithoutTheUndocumentedMappingRoutes(t *testing.T) {
	for _, missing := range []int{http.StatusNotFound, http.StatusMethodNotAllowed} {
		t.Run(fmt.Sprint(missing), func(t *testing.T) {
			e := newTestEnv(t, nil, withMFTTenant(), withSimOptions(boomisim.Options{MFTMissingRoutes: missing}))
			before := e.state()
			m := before.SSOMappings[1]
			b := newMFTSSOMappingBuilder(e.conn)
			rid := mftResourceID(mftSSOMappingResourceType, m.ID)

			res, _, err := b.Get(e.ctx, rid, nil)
			require.NoError(t, err, "targeted sync reads the list instead")
			require.Equal(t, mftIDString(m.ID), res.GetId().GetResource())

			annos, err := b.Delete(e.ctx, rid, nil)
			require.Equal(t, codes.Unimplemented, status.Code(err), "not deleted, so not a success")
			require.Contains(t, err.Error(), "DELETE /api/AdminSsoMapping/")
			require.False(t, annos.Contains(&v2.ResourceDoesNotExist{}))
			_, still := e.mapping(m.ID)
			require.True(t, still)

			annos, err = b.Delete(e.ctx, mftResourceID(mftSSOMappingResourceType, 999999), nil)
			require.NoError(t, err)
			require.True(t, annos.Contains(&v2.ResourceDoesNotExist{}), "the list shows 999999 does not exist")

			_, _, err = newMFTRoleBuilder(e.conn).Grant(e.ctx, mappingPrincipal(m.ID), mftRoleEntitlement(e.liveRoleNotIn(m)))
			require.Equal(t, codes.Unimplemented, status.Code(err), "%v", err)
			require.Contains(t, err.Error(), "PUT /api/AdminSsoMapping")

			args, _ := structpb.NewStruct(map[string]any{"mapping_id": mftIDString(before.SSOMappings[2].ID)})
			_, _, err = e.mappingWriter().setDefaultAction(e.ctx, args)
			require.Equal(t, codes.Unimplemented, status.Code(err), "neither bulk nor single update: %v", err)

			after := e.state().SSOMappings
			require.Len(t, after, len(before.SSOMappings))
			for i := range after {
				require.Equal(t, withoutAudit(before.SSOMappings[i]), withoutAudit(after[i]), "nothing changed in MFT")
			}
		})
	}
}

// Without the bulk update (but with single updates), set_default_sso_mapping clears the old default and then
// sets the new one.
func TestMFTSetDefaultFallsBackToSingleUpdatesWithoutBulk(t *testing.T) {
	for _, missing := range []int{http.StatusNotFound, http.StatusMethodNotAllowed} {
		e := newTestEnv(t, nil, withMFTTenant())
		e.sim.SetFaults(boomisim.Faults{Routes: map[string]boomisim.RouteFault{routeMFTBulk: {Count: 100, Status: missing}}})
		st := e.state()
		target := st.SSOMappings[2]
		args, _ := structpb.NewStruct(map[string]any{"mapping_id": mftIDString(target.ID)})
		_, _, err := e.mappingWriter().setDefaultAction(e.ctx, args)
		require.NoError(t, err)
		require.Equal(t, []int32{target.ID}, defaults(e.state()))
		require.EqualValues(t, 2, e.requests(routeMFTPutMapping), "HTTP %d: one update clears, one sets", missing)
	}
}
