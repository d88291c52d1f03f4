package connector

import (
	"context"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/conductorone/baton-sdk/pkg/pagination"
	"github.com/conductorone/baton-sdk/pkg/types/resource"
	"github.com/stretchr/testify/require"

	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
	"github.com/baton-boomi/baton-boomi/pkg/mft"
)

// mftEnv is a connector whose MFT client talks to a fresh in-process simulator with a generated MFT tenant.
// Tests judge by the simulator's state (Snapshot) and its request counters.
type mftEnv struct {
	t    *testing.T
	ctx  context.Context
	sim  *boomisim.Server
	conn *Boomi
}

var mftTestSpec = boomisim.MFTSpec{Users: 60, Roles: 3, Organizations: 5, Mappings: 4}

func newMFTEnv(t *testing.T) *mftEnv {
	t.Helper()
	return newMFTEnvWith(t, boomisim.Options{})
}

// newMFTEnvWith is newMFTEnv with simulator options (the rate limiter is always off).
func newMFTEnvWith(t *testing.T, opts boomisim.Options) *mftEnv {
	t.Helper()
	opts.RateLimit = -1
	sim := boomisim.New(opts)
	sim.Load(&boomisim.State{MFT: boomisim.GenerateMFT(11, mftTestSpec)})
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	ctx := context.Background()
	client, err := mft.New(ctx, mft.Config{
		BaseURL: srv.URL + "/mft", APIKey: sim.Snapshot().MFT.APIKeys[0], RequestsPerSecond: -1,
		RetryInitialInterval: time.Millisecond,
	})
	require.NoError(t, err)
	return &mftEnv{t: t, ctx: ctx, sim: sim, conn: &Boomi{mft: client}}
}

func (e *mftEnv) state() *boomisim.MFTState {
	e.t.Helper()
	st := e.sim.Snapshot().MFT
	require.NotNil(e.t, st)
	return st
}

func (e *mftEnv) mapping(id int32) (boomisim.MFTSSOMapping, bool) {
	for _, m := range e.state().SSOMappings {
		if m.ID == id {
			return m, true
		}
	}
	return boomisim.MFTSSOMapping{}, false
}

// requests is how many requests the simulator answered on one route (RouteKey form).
func (e *mftEnv) requests(route string) int64 { return e.sim.Counters()[route].Requests }

const (
	routeMFTGetMapping  = "GET /mft/api/AdminSsoMapping/{id}"
	routeMFTPutMapping  = "PUT /mft/api/AdminSsoMapping"
	routeMFTBulk        = "PUT /mft/api/AdminSsoMapping/bulk"
	routeMFTCreate      = "POST /mft/api/AdminSsoMapping"
	routeMFTDelete      = "DELETE /mft/api/AdminSsoMapping/{id}"
	routeMFTGetUser     = "GET /mft/api/AdminUsers/{id}"
	routeMFTListUsers   = "GET /mft/api/AdminUsers"
	routeMFTListMapping = "GET /mft/api/AdminSsoMapping"
)

// syncOpts are the attributes of one call of a sync with the given id and page token.
func syncOpts(syncID, token string) resource.SyncOpAttrs {
	return resource.SyncOpAttrs{SyncID: syncID, PageToken: pagination.Token{Token: token}}
}

// allTypeGrants walks a type-scoped grants syncer to the end and returns the grant ids, sorted.
func allTypeGrants(t *testing.T, ctx context.Context, syncID string, walk func(context.Context, string, resource.SyncOpAttrs) ([]*v2.Grant, *resource.SyncOpResults, error)) []string {
	t.Helper()
	var ids []string
	token := ""
	for calls := 0; ; calls++ {
		require.Less(t, calls, 1000, "the walk must end")
		grants, res, err := walk(ctx, "", syncOpts(syncID, token))
		require.NoError(t, err)
		for _, g := range grants {
			ids = append(ids, g.GetId())
		}
		next := nextPageToken(res)
		if next == "" {
			break
		}
		require.NotEqual(t, token, next, "the token must move")
		token = next
	}
	slices.Sort(ids)
	return ids
}

func mappingPrincipal(id int32) *v2.Resource { return mftResourceStub(mftSSOMappingResourceType, id) }

func mftRoleEntitlement(id int32) *v2.Entitlement {
	return v2.Entitlement_builder{Id: "mft_role:" + mftIDString(id) + ":assigned", Resource: mftResourceStub(mftRoleResourceType, id)}.Build()
}

func mftOrgEntitlement(id int32) *v2.Entitlement {
	return v2.Entitlement_builder{Id: "mft_organization:" + mftIDString(id) + ":member", Resource: mftResourceStub(mftOrganizationResourceType, id)}.Build()
}

// liveRoleNotIn returns a live role id the mapping does not hold.
func (e *mftEnv) liveRoleNotIn(m boomisim.MFTSSOMapping) int32 {
	e.t.Helper()
	for _, r := range e.state().Roles {
		if r.DeletedDate == nil && !slices.Contains(m.RoleIDs, r.ID) {
			return r.ID
		}
	}
	e.t.Fatal("no free role in the fixture")
	return 0
}

func (e *mftEnv) liveOrgNotIn(m boomisim.MFTSSOMapping) int32 {
	e.t.Helper()
	for _, o := range e.state().Organizations {
		if o.DeletedDate == nil && !slices.Contains(m.OrganizationIDs, o.ID) {
			return o.ID
		}
	}
	e.t.Fatal("no free organization in the fixture")
	return 0
}

func nextPageToken(r *resource.SyncOpResults) string {
	if r == nil {
		return ""
	}
	return r.NextPageToken
}
