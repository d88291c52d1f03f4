// Package embeddedsim is `baton-boomi --simulator`: it starts the Boomi simulator (pkg/boomisim) in the
// process, loaded with a generated account and MFT tenant, and points the connector's configuration at it.
// The connector syncs it through its ordinary configuration and knows nothing of it, so the production
// connector package links no simulator code; only the command does.
package embeddedsim

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/conductorone/baton-sdk/pkg/cli"
	"github.com/conductorone/baton-sdk/pkg/types"
	"github.com/grpc-ecosystem/go-grpc-middleware/logging/zap/ctxzap"
	"go.uber.org/zap"

	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
	"github.com/baton-boomi/baton-boomi/pkg/config"
	"github.com/baton-boomi/baton-boomi/pkg/connector"
)

// The generated world: 250 users with the default proportions (sub-accounts, account groups, SSO users,
// logins) and the default MFT tenant. The simulator keeps Boomi's 10 requests/s limit, so the sync paces
// exactly as it would against Boomi.
const (
	users = 250
	seed  = 7
)

// NewServer is connector.NewServer, first pointing cfg at an embedded simulator when --simulator is given;
// the connector's Close, which the SDK calls when it shuts the connector down, stops the simulator. main
// hands it to the SDK in connector.NewServer's place.
func NewServer(ctx context.Context, cfg *config.Boomi, runTimeOpts cli.RunTimeOpts) (types.ConnectorServer, error) {
	stop, err := Start(ctx, cfg)
	if err != nil {
		return nil, err
	}
	server, err := connector.NewServerReleasing(ctx, cfg, runTimeOpts, stop)
	if err != nil {
		stop()
		return nil, err
	}
	return server, nil
}

// Start starts the simulator when cfg.Simulator is set and rewrites cfg's Boomi and MFT settings to reach it
// with its generated admin credential: the credential flags are ignored, but checked first as the connector
// checks them, so --simulator refuses what a sync would. stop shuts the simulator down; without --simulator
// Start changes nothing and stop does nothing.
func Start(ctx context.Context, cfg *config.Boomi) (func(), error) {
	if !cfg.Simulator {
		return func() {}, nil
	}
	if err := config.ResolveCredentials(cfg); err != nil {
		return nil, err
	}
	spec := boomisim.DefaultSpec(users, seed)
	mftSpec := boomisim.DefaultMFTSpec()
	spec.MFT = &mftSpec
	spec.AuditLogsUpTo = time.Now()
	state := boomisim.Generate(spec)
	sim := boomisim.New(boomisim.Options{})
	sim.Load(state)

	ln, err := (&net.ListenConfig{}).Listen(ctx, "tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("starting the embedded Boomi simulator failed: no local port could be opened (%w)", err)
	}
	server := &http.Server{Handler: sim, ReadHeaderTimeout: 10 * time.Second}
	baseURL := "http://" + ln.Addr().String()
	admin := boomisim.AdminConnection(state)
	cfg.BaseUrl = baseURL
	cfg.BoomiAccountId, cfg.BoomiEmail, cfg.BoomiApiToken = admin.AccountID, admin.Username, admin.Token
	cfg.AccountId, cfg.Username, cfg.ApiToken = "", "", "" // the old names, already merged above
	cfg.MftBaseUrl, cfg.MftApiKey = "", ""
	if state.MFT != nil && len(state.MFT.APIKeys) > 0 {
		cfg.MftBaseUrl, cfg.MftApiKey = baseURL+"/mft", state.MFT.APIKeys[0]
	}
	go func() {
		if err := server.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			ctxzap.Extract(ctx).Error("the embedded Boomi simulator stopped", zap.Error(err))
		}
	}()
	ctxzap.Extract(ctx).Info("syncing the embedded Boomi simulator (--simulator); credential flags are ignored",
		zap.String("base_url", baseURL), zap.String("account_id", admin.AccountID), zap.Int("users", users))
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = server.Shutdown(ctx)
	}, nil
}
