package connector

import (
	"context"
	"testing"
	"time"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/conductorone/baton-sdk/pkg/cli"
	"github.com/grpc-ecosystem/go-grpc-middleware/logging/zap/ctxzap"
	"github.com/stretchr/testify/require"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"

	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
	"github.com/baton-boomi/baton-boomi/pkg/config"
)

// Each sync's Cleanup logs one info line with that sync's requests, 503s, retries and pacer wait; the
// next sync's line starts from zero.
func TestCleanupLogsOneSummaryLinePerSync(t *testing.T) {
	st := boomisim.Generate(syncTestSpec())
	e := newTestEnv(t, st)
	e.sim.SetFaults(boomisim.Faults{Routes: map[string]boomisim.RouteFault{
		"POST /AccountUserRole/query": {Count: 2, Status: 503},
		"POST /Role/query":            {Count: 1, Status: 502},
	}})
	e.listAll(newUserBuilder(e.conn))
	e.listAll(newRoleBuilder(e.conn))

	core, logs := observer.New(zapcore.InfoLevel)
	ctx := ctxzap.ToContext(e.ctx, zap.New(core))
	e.conn.logSyncSummary(ctx)
	lines := logs.FilterMessage("baton-boomi sync requests").All()
	require.Len(t, lines, 1)
	f := lines[0].ContextMap()
	require.EqualValues(t, e.conn.client.Stats().Requests, f["platform_requests"])
	require.EqualValues(t, 0, f["mft_requests"])
	require.EqualValues(t, 2, f["http_503"])
	require.EqualValues(t, 2, f["rate_limit_retries"])
	require.EqualValues(t, 1, f["other_retries"])
	require.IsType(t, time.Duration(0), f["pacer_wait"])
	// This client is unpaced (tests): no adaptive pacer to cut, no rate in force.
	require.EqualValues(t, 0, f["pacer_backoffs"])
	require.EqualValues(t, 0.0, f["platform_requests_per_second"])

	e.conn.logSyncSummary(ctx)
	next := logs.FilterMessage("baton-boomi sync requests").All()[1].ContextMap()
	require.EqualValues(t, 0, next["platform_requests"], "the second sync's line covers only the second sync")
}

// The server NewServer builds answers Cleanup (logging the summary) and still offers the optional
// methods the SDK looks for: GetCapabilities and Close.
func TestNewServerWrapsCleanupAndKeepsCapabilities(t *testing.T) {
	server, err := NewServer(t.Context(), simulatorConfig(t), cli.RunTimeOpts{})
	require.NoError(t, err)
	wrapped, ok := server.(*summarizingServer)
	require.True(t, ok)
	t.Cleanup(func() { _ = wrapped.Close(t.Context()) })
	caps, err := wrapped.GetCapabilities(t.Context())
	require.NoError(t, err)
	require.NotEmpty(t, caps.GetResourceTypeCapabilities())

	core, logs := observer.New(zapcore.InfoLevel)
	ctx := ctxzap.ToContext(t.Context(), zap.New(core))
	_, err = wrapped.Cleanup(ctx, v2.ConnectorServiceCleanupRequest_builder{ActiveSyncId: "s1"}.Build())
	require.NoError(t, err)
	require.Len(t, logs.FilterMessage("baton-boomi sync requests").All(), 1)
}

// The release NewServerReleasing is given runs when the SDK closes the connector, once.
func TestNewServerReleasingRunsReleaseOnCloseOnce(t *testing.T) {
	released := 0
	server, err := NewServerReleasing(t.Context(), simulatorConfig(t), cli.RunTimeOpts{}, func() { released++ })
	require.NoError(t, err)
	closer, ok := server.(interface{ Close(context.Context) error })
	require.True(t, ok)
	require.Equal(t, 0, released, "nothing is released while the connector runs")
	require.NoError(t, closer.Close(t.Context()))
	require.NoError(t, closer.Close(t.Context()))
	require.Equal(t, 1, released)
}

// simulatorConfig is the configuration of a connector that syncs a small simulated account (the harness's
// simulator, reached over HTTP as a configured connector reaches Boomi).
func simulatorConfig(t *testing.T) *config.Boomi {
	st := boomisim.Generate(boomisim.DefaultSpec(20, 3))
	e := newTestEnv(t, st)
	admin := boomisim.AdminConnection(st)
	return &config.Boomi{
		BaseUrl: e.baseURL, BoomiAccountId: admin.AccountID, BoomiEmail: admin.Username, BoomiApiToken: admin.Token,
		RequestsPerSecond: 8,
	}
}
