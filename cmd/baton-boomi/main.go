// Command baton-boomi syncs Boomi platform users, roles, account groups and sub-accounts (and, when
// configured, Boomi MFT) into baton, and provisions roles and accounts.
package main

import (
	"context"

	"github.com/conductorone/baton-sdk/pkg/config"
	"github.com/conductorone/baton-sdk/pkg/connectorrunner"
	"github.com/conductorone/baton-sdk/pkg/exit"

	cfg "github.com/baton-boomi/baton-boomi/pkg/config"
	"github.com/baton-boomi/baton-boomi/pkg/connector"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// main is the SDK's config.RunConnector, except that the connector server comes from connector.NewServer,
// which logs one request summary at the end of each sync.
func main() {
	ctx := context.Background()
	_, cmd, err := config.DefineConfigurationV2(ctx, "baton-boomi", connector.NewServer, cfg.Config,
		connectorrunner.WithDefaultCapabilitiesConnectorBuilderV2(&connector.Boomi{}),
		connectorrunner.WithSessionStoreEnabled(),
	)
	if err != nil {
		exit.LogExit(err)
		return
	}
	cmd.Version = version
	if err := cmd.Execute(); err != nil {
		exit.LogExit(err)
	}
}
