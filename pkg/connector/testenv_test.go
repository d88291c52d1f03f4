package connector

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/conductorone/baton-sdk/pkg/pagination"
	rs "github.com/conductorone/baton-sdk/pkg/types/resource"
	"github.com/stretchr/testify/require"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
	"github.com/baton-boomi/baton-boomi/pkg/mft"
)

// testEnv is the one harness of the connector's tests: a connector pointed at a fresh in-process boomisim
// world (rate limit off, no client pacing, fast retries) and one session store standing in for the SDK's
// per-sync store. Tests judge by the simulator's state (Snapshot) and request counters, never by the
// connector's word alone. What differs between tests is said with envOptions.
type testEnv struct {
	t       testing.TB
	ctx     context.Context
	sim     *boomisim.Server
	loaded  *boomisim.State // the world as loaded (sync tests compare what the connector read with it)
	baseURL string
	conn    *Boomi
	store   *memoryStore // the session store of the sync under test (testSyncID)

	noSession bool                    // calls carry no session store (withoutSessionStore)
	others    map[string]*memoryStore // the session stores of the other syncs a test names (optsFor)
}

// envConfig is what envOptions set; the zero value is a Platform-only connector with default settings.
type envConfig struct {
	sim         boomisim.Options
	mftTenant   bool
	notifyUsers bool
	tree        treeSettings
	readAhead   bool
	maxRetries  int
	handler     func(sim *boomisim.Server, w http.ResponseWriter, r *http.Request)
	connection  func(*boomisim.Connection)
	noSession   bool
}

type envOption func(*envConfig)

// withoutSessionStore makes every call arrive without the SDK's session store, as when main does not enable
// it: the connector then refuses the sync with errNoSessionStore.
func withoutSessionStore() envOption { return func(c *envConfig) { c.noSession = true } }

// withSimOptions sets the simulator's options (the rate limiter stays off whatever they say).
func withSimOptions(o boomisim.Options) envOption { return func(c *envConfig) { c.sim = o } }

// withMFTTenant adds the generated MFT tenant (mftTestSpec) to the world given to newTestEnv.
func withMFTTenant() envOption { return func(c *envConfig) { c.mftTenant = true } }

// withNotifyUsers makes account creation send Boomi's invitation e-mail (--notify-users).
func withNotifyUsers() envOption { return func(c *envConfig) { c.notifyUsers = true } }

// withTree sets the sub-account tree settings.
func withTree(tree treeSettings) envOption { return func(c *envConfig) { c.tree = tree } }

// withReadAhead turns the sync's read-ahead on.
func withReadAhead() envOption { return func(c *envConfig) { c.readAhead = true } }

// withMaxRetries bounds the Platform client's retries (default 2: enough to see a retry, few enough to
// keep fault tests short).
func withMaxRetries(n int) envOption { return func(c *envConfig) { c.maxRetries = n } }

// withHandler answers every request with serve instead of the simulator (serve calls sim.ServeHTTP for what
// it leaves alone): a fault the simulator has no option for.
func withHandler(serve func(sim *boomisim.Server, w http.ResponseWriter, r *http.Request)) envOption {
	return func(c *envConfig) { c.handler = serve }
}

// withConnection changes the credential the Platform client uses (a wrong token, account or user).
func withConnection(change func(*boomisim.Connection)) envOption {
	return func(c *envConfig) { c.connection = change }
}

// mftTestSpec is the MFT tenant of withMFTTenant.
var mftTestSpec = boomisim.MFTSpec{Users: 60, Roles: 3, Organizations: 5, Mappings: 4}

// syncTestSpec is a 250-user dataset: ~3x more AccountUserRole links than one Boomi page holds.
func syncTestSpec() boomisim.DatasetSpec { return boomisim.DefaultSpec(250, 11) }

// newTestEnv loads st (nil: an empty world) into a fresh simulator and wires a connector to it: the
// Platform client when st has a credential, the MFT client when the world has an MFT tenant.
func newTestEnv(t *testing.T, st *boomisim.State, opts ...envOption) *testEnv {
	t.Helper()
	cfg := envConfig{maxRetries: 2}
	for _, o := range opts {
		o(&cfg)
	}
	if st == nil {
		st = &boomisim.State{}
	}
	if cfg.mftTenant {
		st.MFT = boomisim.GenerateMFT(11, mftTestSpec)
	}
	cfg.sim.RateLimit = -1
	sim := boomisim.New(cfg.sim)
	sim.Load(st)
	var handler http.Handler = sim
	if cfg.handler != nil {
		handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { cfg.handler(sim, w, r) })
	}
	srv := httptest.NewServer(handler)
	t.Cleanup(srv.Close)
	ctx := context.Background()
	conn := &Boomi{notifyUsers: cfg.notifyUsers, tree: cfg.tree, readAhead: cfg.readAhead}
	if len(st.Credentials) > 0 {
		admin := boomisim.AdminConnection(st)
		if cfg.connection != nil {
			cfg.connection(&admin)
		}
		client, err := boomi.New(ctx, boomi.Config{
			BaseURL: srv.URL, AccountID: admin.AccountID, Username: admin.Username, APIToken: admin.Token,
			RequestsPerSecond: -1, MaxRetries: cfg.maxRetries, RetryInitialInterval: time.Millisecond,
		})
		require.NoError(t, err)
		conn.client = client
	}
	if st.MFT != nil {
		client, err := mft.New(ctx, mft.Config{
			BaseURL: srv.URL + "/mft", APIKey: st.MFT.APIKeys[0], RequestsPerSecond: -1,
			RetryInitialInterval: time.Millisecond,
		})
		require.NoError(t, err)
		conn.mft = client
	}
	return &testEnv{
		t: t, ctx: ctx, sim: sim, loaded: sim.Snapshot(), baseURL: srv.URL, conn: conn, store: newTestStore(),
		noSession: cfg.noSession, others: map[string]*memoryStore{},
	}
}

// newTestStore is the session store of the tests (the SDK's per-sync store in production).
func newTestStore() *memoryStore { return newMemoryStore() }

// testSyncID is the sync every call of the harness belongs to unless a test names another.
const testSyncID = "sync-under-test"

// opts are the attributes of one call of the sync under test with the given page token.
func (e *testEnv) opts(token string) rs.SyncOpAttrs { return e.optsFor(testSyncID, token) }

// optsFor are the attributes of one call of the named sync (tests of what a new sync reads afresh). Each
// sync has its own session store, as the SDK scopes its store to one sync.
func (e *testEnv) optsFor(sync, token string) rs.SyncOpAttrs {
	opts := rs.SyncOpAttrs{SyncID: sync, PageToken: pagination.Token{Token: token}}
	switch {
	case e.noSession:
	case sync == testSyncID:
		opts.Session = e.store
	default:
		if e.others[sync] == nil {
			e.others[sync] = newTestStore()
		}
		opts.Session = e.others[sync]
	}
	return opts
}

// account is the connector's account as loaded.
func (e *testEnv) account() *boomisim.AccountState {
	return e.loaded.Accounts[e.conn.client.AccountID()]
}

// liveAccount is the connector's account now.
func (e *testEnv) liveAccount() *boomisim.AccountState {
	e.t.Helper()
	acct := e.sim.Snapshot().Accounts[e.conn.client.AccountID()]
	require.NotNil(e.t, acct)
	return acct
}

// state is the MFT tenant now.
func (e *testEnv) state() *boomisim.MFTState {
	e.t.Helper()
	st := e.sim.Snapshot().MFT
	require.NotNil(e.t, st)
	return st
}

// requests is how many requests the simulator answered on one route (RouteKey form).
func (e *testEnv) requests(route string) int64 { return e.sim.Counters()[route].Requests }

// requestTotals counts the API requests the simulator answered since the last reset; writes counts those
// that could change something (everything but queries and GETs).
func (e *testEnv) requestTotals() (int64, int64) {
	var all, writes int64
	for route, c := range e.sim.Counters() {
		all += c.Requests
		if strings.HasPrefix(route, "GET ") || strings.HasSuffix(route, "/query") || strings.HasSuffix(route, "/queryMore") {
			continue
		}
		writes += c.Requests
	}
	return all, writes
}

func (e *testEnv) requireNoWrites() {
	e.t.Helper()
	_, writes := e.requestTotals()
	require.Zero(e.t, writes, "expected no write request, counters: %v", e.sim.Counters())
}

func (e *testEnv) requireNoRequests() {
	e.t.Helper()
	all, _ := e.requestTotals()
	require.Zero(e.t, all, "expected no request at all, counters: %v", e.sim.Counters())
}

// rolesOf lists the global role ids the user holds now in the connector's account, sorted.
func (e *testEnv) rolesOf(user string) []string { return e.rolesIn(e.conn.client.AccountID(), user) }

// rolesIn lists the global role ids the user holds now in the account, sorted.
func (e *testEnv) rolesIn(account, user string) []string {
	e.t.Helper()
	acct := e.sim.Snapshot().Accounts[account]
	require.NotNil(e.t, acct, "account %s", account)
	var out []string
	for _, l := range acct.UserRoles {
		if strings.EqualFold(l.UserID, user) {
			out = append(out, l.RoleID)
		}
	}
	sort.Strings(out)
	return out
}

// groupRolesOf lists "groupId/roleId" pairs the user holds now, sorted.
func (e *testEnv) groupRolesOf(user string) []string {
	var out []string
	for _, l := range e.liveAccount().GroupUserRoles {
		if strings.EqualFold(l.UserID, user) {
			out = append(out, l.AccountGroupID+"/"+l.RoleID)
		}
	}
	sort.Strings(out)
	return out
}

// federationsOf lists the user's federation ids now.
func (e *testEnv) federationsOf(user string) []string {
	var out []string
	for _, f := range e.liveAccount().Federations {
		if strings.EqualFold(f.UserID, user) {
			out = append(out, f.FederationID)
		}
	}
	return out
}

func (e *testEnv) invitationsFor(user string) []boomisim.Invitation {
	var out []boomisim.Invitation
	for _, inv := range e.sim.Snapshot().Invitations {
		if strings.EqualFold(inv.UserID, user) {
			out = append(out, inv)
		}
	}
	return out
}
