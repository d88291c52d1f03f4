package connector

import (
	"context"
	"net/http"
	"sync"
	"time"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/conductorone/baton-sdk/pkg/cli"
	"github.com/conductorone/baton-sdk/pkg/connectorbuilder"
	"github.com/conductorone/baton-sdk/pkg/types"
	"github.com/grpc-ecosystem/go-grpc-middleware/logging/zap/ctxzap"
	"go.uber.org/zap"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
	"github.com/baton-boomi/baton-boomi/pkg/config"
	"github.com/baton-boomi/baton-boomi/pkg/mft"
)

// One info line per sync: what the sync cost in requests and waiting. The SDK tells a connector nothing
// when a sync ends; the only per-sync end signal is the Cleanup call it sends to the connector server after
// "Sync complete." (and it never calls Close in the connector process, which simply exits). NewServer
// therefore wraps the SDK's connector server and logs the summary when Cleanup arrives.

// NewServer builds the connector server the way the SDK's RunConnector does (connector.New, then
// connectorbuilder.NewConnector with the SDK's session store), wrapped so that each sync's Cleanup logs the
// sync's request summary.
func NewServer(ctx context.Context, cfg *config.Boomi, runTimeOpts cli.RunTimeOpts) (types.ConnectorServer, error) {
	return NewServerReleasing(ctx, cfg, runTimeOpts, nil)
}

// NewServerReleasing is NewServer for a configuration that points at a backend its caller started for this
// connector (the embedded simulator of --simulator): the connector's Close runs release. When the server
// cannot be built, release is not run; the caller still holds it.
func NewServerReleasing(ctx context.Context, cfg *config.Boomi, runTimeOpts cli.RunTimeOpts, release func()) (types.ConnectorServer, error) {
	built, opts, err := New(ctx, cfg, &cli.ConnectorOpts{
		TokenSource:         runTimeOpts.TokenSource,
		SelectedAuthMethod:  runTimeOpts.SelectedAuthMethod,
		SyncResourceTypeIDs: runTimeOpts.SyncResourceTypeIDs,
		EgressPolicy:        runTimeOpts.EgressPolicy,
	})
	if err != nil {
		return nil, err
	}
	opts = append(opts, connectorbuilder.WithSessionStore(runTimeOpts.SessionStore))
	server, err := connectorbuilder.NewConnector(ctx, built, opts...)
	if err != nil {
		return nil, err
	}
	b, _ := built.(*Boomi)
	if b != nil {
		b.release = release
	}
	return &summarizingServer{ConnectorServer: server, conn: b}, nil
}

// summarizingServer is the SDK's connector server plus the per-sync summary. It forwards the optional
// methods the SDK looks for on a server (GetCapabilities, Close), which embedding alone would hide.
type summarizingServer struct {
	types.ConnectorServer
	conn *Boomi
}

func (s *summarizingServer) Cleanup(ctx context.Context, req *v2.ConnectorServiceCleanupRequest) (*v2.ConnectorServiceCleanupResponse, error) {
	resp, err := s.ConnectorServer.Cleanup(ctx, req)
	if s.conn != nil {
		s.conn.stopReadAhead()
		s.conn.logSyncSummary(ctx)
	}
	return resp, err
}

func (s *summarizingServer) GetCapabilities(ctx context.Context) (*v2.ConnectorCapabilities, error) {
	if getter, ok := s.ConnectorServer.(interface {
		GetCapabilities(context.Context) (*v2.ConnectorCapabilities, error)
	}); ok {
		return getter.GetCapabilities(ctx)
	}
	md, err := s.GetMetadata(ctx, &v2.ConnectorServiceGetMetadataRequest{})
	if err != nil {
		return nil, err
	}
	return md.GetMetadata().GetCapabilities(), nil
}

func (s *summarizingServer) Close(ctx context.Context) error {
	if closer, ok := s.ConnectorServer.(interface{ Close(context.Context) error }); ok {
		return closer.Close(ctx)
	}
	return nil
}

// syncBaseline is what the clients had counted when the previous summary was logged, so each line covers
// one sync even when one process serves many (service mode).
type syncBaseline struct {
	mu       sync.Mutex
	platform boomi.Stats
	mft      mft.Stats
}

// syncSummary is what one sync cost, as logged at its end.
type syncSummary struct {
	PlatformRequests int64
	MFTRequests      int64
	Answered503      int64
	ThrottleRetries  int64
	OtherRetries     int64
	PacerWait        time.Duration
	// PacerBackoffs counts the adaptive pacers' rate cuts after a 503 (since the process started), and
	// PlatformRate is the Platform pacer's rate at the end of the sync (requests/s; 0 without pacing).
	PacerBackoffs int64
	PlatformRate  float64
}

// takeSyncSummary returns the counts since the previous call and starts the next interval.
func (c *Boomi) takeSyncSummary() syncSummary {
	c.baseline.mu.Lock()
	defer c.baseline.mu.Unlock()
	var platform boomi.Stats
	var mftStats mft.Stats
	if c.client != nil {
		now := c.client.Stats()
		platform, c.baseline.platform = now.Sub(c.baseline.platform), now
	}
	if c.mft != nil {
		now := c.mft.Stats()
		mftStats, c.baseline.mft = now.Sub(c.baseline.mft), now
	}
	var backoffs int64
	var rate float64
	if c.client != nil && c.client.Pacer() != nil {
		backoffs, rate = c.client.Pacer().Decreases(), c.client.Pacer().Rate()
	}
	if c.mft != nil && c.mft.Pacer() != nil {
		backoffs += c.mft.Pacer().Decreases()
	}
	return syncSummary{
		PacerBackoffs:    backoffs,
		PlatformRate:     rate,
		PlatformRequests: platform.Requests,
		MFTRequests:      mftStats.Requests,
		Answered503:      platform.ByStatus[http.StatusServiceUnavailable] + mftStats.ByStatus[http.StatusServiceUnavailable],
		ThrottleRetries:  platform.ThrottleRetries + mftStats.ThrottleRetries,
		OtherRetries:     platform.OtherRetries() + mftStats.OtherRetries(),
		PacerWait:        platform.PacerWait + mftStats.PacerWait,
	}
}

// logSyncSummary writes the one info line that ends a sync.
func (c *Boomi) logSyncSummary(ctx context.Context) {
	s := c.takeSyncSummary()
	ctxzap.Extract(ctx).Info("baton-boomi sync requests",
		zap.Int64("platform_requests", s.PlatformRequests),
		zap.Int64("mft_requests", s.MFTRequests),
		zap.Int64("http_503", s.Answered503),
		zap.Int64("rate_limit_retries", s.ThrottleRetries),
		zap.Int64("other_retries", s.OtherRetries),
		zap.Duration("pacer_wait", s.PacerWait.Round(time.Millisecond)),
		zap.Int64("pacer_backoffs", s.PacerBackoffs),
		zap.Float64("platform_requests_per_second", s.PlatformRate),
	)
}
