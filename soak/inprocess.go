package main

import (
	"context"
	"fmt"
	"net"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/conductorone/baton-sdk/pkg/cli"
	sdkSync "github.com/conductorone/baton-sdk/pkg/sync"
	"github.com/conductorone/baton-sdk/pkg/types"
	"github.com/conductorone/baton-sdk/pkg/types/sessions"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/test/bufconn"

	"github.com/baton-boomi/baton-boomi/internal/c1zread"
	"github.com/baton-boomi/baton-boomi/internal/syncexpect"
	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
	"github.com/baton-boomi/baton-boomi/pkg/config"
	"github.com/baton-boomi/baton-boomi/pkg/connector"
	"github.com/baton-boomi/baton-boomi/pkg/defaults"
)

// Service mode keeps one connector process alive and runs sync after sync in it. The SDK offers no public
// in-process client, so this soak serves the connector (built exactly as the binary builds it,
// connector.NewServer) over an in-memory gRPC connection and drives the SDK's own syncer against it, one
// sync after another, measuring the heap and the goroutines after each.

// inProcessResult is one sync inside the long-lived process.
type inProcessResult struct {
	Run        int
	Err        error
	Wall       time.Duration
	HeapKB     uint64 // heap in use after the sync and a GC
	Goroutines int
	Complete   bool
	Problem    string
}

// clientOf is a types.ConnectorClient over one gRPC connection.
type clientOf struct {
	v2.ResourceTypesServiceClient
	v2.ResourcesServiceClient
	v2.EntitlementsServiceClient
	v2.GrantsServiceClient
	v2.ConnectorServiceClient
	v2.AssetServiceClient
	v2.GrantManagerServiceClient
	v2.ResourceManagerServiceClient
	v2.ResourceDeleterServiceClient
	v2.AccountManagerServiceClient
	v2.CredentialManagerServiceClient
	v2.EventServiceClient
	v2.TicketsServiceClient
	v2.ActionServiceClient
	v2.ResourceGetterServiceClient
}

// syncerSessions is the session store of the long-lived connector, backed, as in service mode, by the store
// of the c1z each sync writes: the SDK's syncer hands it over (SetSessionStore) when it opens the file.
type syncerSessions struct {
	mu    sync.Mutex
	store sessions.SessionStore
}

var (
	_ sessions.SessionStore    = (*syncerSessions)(nil)
	_ sessions.SetSessionStore = (*syncerSessions)(nil)
)

func (s *syncerSessions) SetSessionStore(_ context.Context, store sessions.SessionStore) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.store = store
}

func (s *syncerSessions) current() sessions.SessionStore {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.store
}

func (s *syncerSessions) Get(ctx context.Context, key string, opt ...sessions.SessionStoreOption) ([]byte, bool, error) {
	return s.current().Get(ctx, key, opt...)
}
func (s *syncerSessions) GetMany(ctx context.Context, keys []string, opt ...sessions.SessionStoreOption) (map[string][]byte, []string, error) {
	return s.current().GetMany(ctx, keys, opt...)
}
func (s *syncerSessions) Set(ctx context.Context, key string, value []byte, opt ...sessions.SessionStoreOption) error {
	return s.current().Set(ctx, key, value, opt...)
}
func (s *syncerSessions) SetMany(ctx context.Context, values map[string][]byte, opt ...sessions.SessionStoreOption) error {
	return s.current().SetMany(ctx, values, opt...)
}
func (s *syncerSessions) Delete(ctx context.Context, key string, opt ...sessions.SessionStoreOption) error {
	return s.current().Delete(ctx, key, opt...)
}
func (s *syncerSessions) Clear(ctx context.Context, opt ...sessions.SessionStoreOption) error {
	return s.current().Clear(ctx, opt...)
}
func (s *syncerSessions) GetAll(ctx context.Context, pageToken string, opt ...sessions.SessionStoreOption) (map[string][]byte, string, error) {
	return s.current().GetAll(ctx, pageToken, opt...)
}

func serveInMemory(_ context.Context, server types.ConnectorServer) (types.ConnectorClient, func(), error) {
	lis := bufconn.Listen(4 << 20)
	gs := grpc.NewServer()
	v2.RegisterResourceTypesServiceServer(gs, server)
	v2.RegisterResourcesServiceServer(gs, server)
	v2.RegisterEntitlementsServiceServer(gs, server)
	v2.RegisterGrantsServiceServer(gs, server)
	v2.RegisterConnectorServiceServer(gs, server)
	v2.RegisterAssetServiceServer(gs, server)
	v2.RegisterGrantManagerServiceServer(gs, server)
	v2.RegisterResourceManagerServiceServer(gs, server)
	v2.RegisterResourceDeleterServiceServer(gs, server)
	v2.RegisterAccountManagerServiceServer(gs, server)
	v2.RegisterCredentialManagerServiceServer(gs, server)
	v2.RegisterEventServiceServer(gs, server)
	v2.RegisterTicketsServiceServer(gs, server)
	v2.RegisterActionServiceServer(gs, server)
	v2.RegisterResourceGetterServiceServer(gs, server)
	go func() { _ = gs.Serve(lis) }()
	conn, err := grpc.NewClient("passthrough:///bufnet",
		grpc.WithContextDialer(func(ctx context.Context, _ string) (net.Conn, error) { return lis.DialContext(ctx) }),
		grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		gs.Stop()
		return nil, nil, err
	}
	c := &clientOf{
		v2.NewResourceTypesServiceClient(conn), v2.NewResourcesServiceClient(conn), v2.NewEntitlementsServiceClient(conn),
		v2.NewGrantsServiceClient(conn), v2.NewConnectorServiceClient(conn), v2.NewAssetServiceClient(conn),
		v2.NewGrantManagerServiceClient(conn), v2.NewResourceManagerServiceClient(conn), v2.NewResourceDeleterServiceClient(conn),
		v2.NewAccountManagerServiceClient(conn), v2.NewCredentialManagerServiceClient(conn), v2.NewEventServiceClient(conn),
		v2.NewTicketsServiceClient(conn), v2.NewActionServiceClient(conn), v2.NewResourceGetterServiceClient(conn),
	}
	return c, func() { _ = conn.Close(); gs.Stop() }, nil
}

// soakInProcess runs n syncs of the simulator's account inside this process.
func soakInProcess(ctx context.Context, o options, n int, dir string) ([]inProcessResult, error) {
	st := boomisim.Generate(boomisim.DefaultSpec(o.users, o.seed))
	sim := boomisim.New(boomisim.Options{RateLimit: o.rateLimit, FaultSeed: o.seed + 1})
	sim.Load(st)
	srv := httptest.NewServer(sim)
	defer srv.Close()
	conn := boomisim.AdminConnection(st)
	expected := syncexpect.ForAccount(sim.Snapshot(), conn.AccountID, syncexpect.RolesInState(sim.Snapshot(), conn.AccountID))

	store := &syncerSessions{}
	server, err := connector.NewServer(ctx, &config.Boomi{
		AccountId: conn.AccountID, Username: conn.Username, ApiToken: conn.Token, BaseUrl: srv.URL,
		RequestsPerSecond: defaults.PlatformRequestsPerSecond, NotifyUsers: true,
	}, cli.RunTimeOpts{SessionStore: store})
	if err != nil {
		return nil, err
	}
	client, stop, err := serveInMemory(ctx, server)
	if err != nil {
		return nil, err
	}
	defer stop()
	fmt.Fprintf(os.Stdout, "\nsoak (one long-lived process, as in service mode): %d syncs of %d users\n", n, o.users)
	var results []inProcessResult
	for i := 1; i <= n; i++ {
		sim.SetFaults(o.faults)
		path := filepath.Join(dir, fmt.Sprintf("inproc-%02d.c1z", i))
		start := time.Now()
		r := inProcessResult{Run: i}
		syncer, err := sdkSync.NewSyncer(ctx, client, sdkSync.WithC1ZPath(path), sdkSync.WithTmpDir(dir),
			sdkSync.WithSessionStore(store))
		if err == nil {
			err = syncer.Sync(ctx)
			if cerr := syncer.Close(ctx); err == nil {
				err = cerr
			}
		}
		sim.SetFaults(boomisim.Faults{})
		r.Err, r.Wall = err, time.Since(start)
		if err == nil {
			if got, rerr := c1zread.Read(ctx, path); rerr != nil {
				r.Problem = rerr.Error()
			} else if rep := syncexpect.Compare(expected, got, syncexpect.Platform); !rep.OK {
				r.Problem = fmt.Sprint(rep.Problems)
			} else {
				r.Complete = true
			}
		}
		_ = os.Remove(path)
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		r.HeapKB, r.Goroutines = ms.HeapInuse/1024, runtime.NumGoroutine()
		fmt.Fprintf(os.Stdout, "in-process sync %2d: err %v, %5.1f s, heap in use %6.1f MiB, goroutines %4d, complete %v %s\n",
			i, r.Err, r.Wall.Seconds(), float64(r.HeapKB)/1024, r.Goroutines, r.Complete, r.Problem)
		results = append(results, r)
	}
	return results, nil
}
