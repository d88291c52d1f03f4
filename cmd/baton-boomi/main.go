// Command baton-boomi syncs Boomi platform users, roles, account groups and sub-accounts (and, when
// configured, Boomi MFT) into baton, and provisions roles and accounts.
package main

import (
	"context"

	"github.com/conductorone/baton-sdk/pkg/config"
	"github.com/conductorone/baton-sdk/pkg/connectorrunner"
	"github.com/conductorone/baton-sdk/pkg/exit"
	// Root certificates for hosts that have none: the container image is FROM scratch. Used only when
	// the system offers no roots, so a host's own CA configuration still wins.
	_ "golang.org/x/crypto/x509roots/fallback"

	cfg "github.com/baton-boomi/baton-boomi/pkg/config"
	"github.com/baton-boomi/baton-boomi/pkg/connector"
)

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
	cmd.Version = versionString()
	if err := cmd.Execute(); err != nil {
		exit.LogExit(err)
	}
}
