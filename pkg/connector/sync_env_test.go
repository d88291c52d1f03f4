package connector

import (
	"context"
	"net/http/httptest"
	"testing"
	"time"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/conductorone/baton-sdk/pkg/annotations"
	"github.com/conductorone/baton-sdk/pkg/connectorbuilder"
	"github.com/conductorone/baton-sdk/pkg/pagination"
	rs "github.com/conductorone/baton-sdk/pkg/types/resource"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/types/known/anypb"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

// syncEnv is a connector pointed at an in-memory boomisim world (rate limit off, no client pacing, fast
// retries), with one session store standing in for the SDK's per-sync store.
type syncEnv struct {
	t     *testing.T
	ctx   context.Context
	sim   *boomisim.Server
	state *boomisim.State // the world as loaded (tests compare what the connector read with it)
	conn  *Boomi
	store *memoryStore
}

// syncTestSpec is a 250-user dataset: ~3x more AccountUserRole links than one Boomi page holds.
func syncTestSpec() boomisim.DatasetSpec { return boomisim.DefaultSpec(250, 11) }

func newSyncEnv(t *testing.T, st *boomisim.State) *syncEnv {
	t.Helper()
	return newSyncEnvWith(t, st, boomisim.Options{RateLimit: -1})
}

// newSyncEnvWith is newSyncEnv with the simulator's options.
func newSyncEnvWith(t *testing.T, st *boomisim.State, opts boomisim.Options) *syncEnv {
	t.Helper()
	sim := boomisim.New(opts)
	sim.Load(st)
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	admin := boomisim.AdminConnection(st)
	client, err := boomi.New(context.Background(), boomi.Config{
		BaseURL: srv.URL, AccountID: admin.AccountID, Username: admin.Username, APIToken: admin.Token,
		RequestsPerSecond: -1, MaxRetries: 2, RetryInitialInterval: time.Millisecond,
	})
	require.NoError(t, err)
	return &syncEnv{t: t, ctx: context.Background(), sim: sim, state: sim.Snapshot(), conn: &Boomi{client: client}, store: newMemoryStore()}
}

func (e *syncEnv) account() *boomisim.AccountState {
	return e.state.Accounts[e.conn.client.AccountID()]
}

func (e *syncEnv) opts(token string) rs.SyncOpAttrs {
	return rs.SyncOpAttrs{SyncID: "sync-under-test", Session: e.store, PageToken: pagination.Token{Token: token}}
}

func (e *syncEnv) requests(route string) int64 { return e.sim.Counters()[route].Requests }

// listAll drains a List walk, failing on an error or a repeated token.
func (e *syncEnv) listAll(b connectorbuilder.ResourceSyncerV2) []*v2.Resource {
	e.t.Helper()
	var all []*v2.Resource
	token := ""
	for calls := 0; ; calls++ {
		require.Less(e.t, calls, 1000, "List did not end")
		page, res, err := b.List(e.ctx, nil, e.opts(token))
		require.NoError(e.t, err)
		all = append(all, page...)
		if res.NextPageToken == "" {
			return all
		}
		require.NotEqual(e.t, token, res.NextPageToken, "List returned the token it was given")
		token = res.NextPageToken
	}
}

// typeGrantsAll drains a type-scoped grants walk.
func (e *syncEnv) typeGrantsAll(b connectorbuilder.TypeScopedGrantsSyncer, rt *v2.ResourceType) []*v2.Grant {
	e.t.Helper()
	var all []*v2.Grant
	token := ""
	for calls := 0; ; calls++ {
		require.Less(e.t, calls, 1000, "GrantsForResourceType did not end")
		page, res, err := b.GrantsForResourceType(e.ctx, rt.GetId(), e.opts(token))
		require.NoError(e.t, err)
		all = append(all, page...)
		if res.NextPageToken == "" {
			return all
		}
		require.NotEqual(e.t, token, res.NextPageToken)
		token = res.NextPageToken
	}
}

func idsOf(resources []*v2.Resource) []string {
	out := make([]string, 0, len(resources))
	for _, r := range resources {
		out = append(out, r.GetId().GetResource())
	}
	return out
}

func grantIDsOf(grants []*v2.Grant) []string {
	out := make([]string, 0, len(grants))
	for _, g := range grants {
		out = append(out, g.GetId())
	}
	return out
}

func userProfile(t *testing.T, r *v2.Resource) map[string]any {
	t.Helper()
	ut, err := rs.GetUserTrait(r)
	require.NoError(t, err)
	return ut.GetProfile().AsMap()
}

// annosOf wraps annotations so their pointer methods (Contains, Pick) can be called inline.
func annosOf(a []*anypb.Any) *annotations.Annotations {
	out := annotations.Annotations(a)
	return &out
}
