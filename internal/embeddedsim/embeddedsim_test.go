package embeddedsim

import (
	"context"
	"net/http"
	"testing"

	"github.com/conductorone/baton-sdk/pkg/cli"
	"github.com/stretchr/testify/require"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
	"github.com/baton-boomi/baton-boomi/pkg/config"
	"github.com/baton-boomi/baton-boomi/pkg/connector"
)

func TestSimulatorNeedsNoCredentialsAndValidates(t *testing.T) {
	ctx := context.Background()
	cfg := &config.Boomi{Simulator: true, AccountId: "ignored", Username: "x@y.example", ApiToken: "wrong"}
	stop, err := Start(ctx, cfg)
	require.NoError(t, err)
	t.Cleanup(stop)

	builder, _, err := connector.New(ctx, cfg, nil)
	require.NoError(t, err)
	_, err = builder.Validate(ctx)
	require.NoError(t, err)

	clients, err := connector.OpenClients(ctx, cfg)
	require.NoError(t, err)
	require.NotNil(t, clients.MFT, "the embedded simulator serves an MFT tenant too")
	require.NotEqual(t, "ignored", clients.Platform.AccountID(), "credential flags are ignored")
	require.NotEqual(t, "x@y.example", clients.OwnerLogin)
	page, err := clients.Platform.QueryRoles(ctx, boomi.Equals("name", "Standard User"), "")
	require.NoError(t, err)
	require.Len(t, page.Items, 1)
}

func TestSimulatorStillRefusesCredentialsASyncWouldRefuse(t *testing.T) {
	cfg := &config.Boomi{Simulator: true, BoomiAccountId: "acme-1", AccountId: "acme-2"}
	_, err := Start(context.Background(), cfg)
	require.ErrorContains(t, err, "--boomi-account-id and its old name --account-id are both set, to different values")
	require.Equal(t, "acme-1", cfg.BoomiAccountId, "a refused configuration is left as it was")
}

func TestWithoutSimulatorTheConfigurationIsLeftAlone(t *testing.T) {
	cfg := &config.Boomi{BoomiAccountId: "acme-1", BoomiEmail: "a@b.example", BoomiApiToken: "t", BaseUrl: "https://api.boomi.com"}
	before := *cfg
	stop, err := Start(context.Background(), cfg)
	require.NoError(t, err)
	stop()
	require.Equal(t, before, *cfg)
}

func TestConnectorCloseStopsTheSimulator(t *testing.T) {
	ctx := context.Background()
	cfg := &config.Boomi{Simulator: true}
	server, err := NewServer(ctx, cfg, cli.RunTimeOpts{})
	require.NoError(t, err)
	get := func() error {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, cfg.BaseUrl+"/", nil)
		require.NoError(t, err)
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			_ = resp.Body.Close()
		}
		return err
	}
	require.NoError(t, get(), "the simulator answers while the connector runs")

	closer, ok := server.(interface{ Close(context.Context) error })
	require.True(t, ok, "the connector server offers the Close the SDK calls")
	require.NoError(t, closer.Close(ctx))
	require.Error(t, get(), "the simulator is stopped once the connector is closed")
}
