// Command baton-boomi syncs Boomi platform users, roles, account groups and sub-accounts (and, when
// configured, Boomi MFT) into baton, and provisions roles and accounts.
package main

import (
	"context"

	"github.com/conductorone/baton-sdk/pkg/config"
	"github.com/conductorone/baton-sdk/pkg/connectorrunner"

	cfg "github.com/baton-boomi/baton-boomi/pkg/config"
	"github.com/baton-boomi/baton-boomi/pkg/connector"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	ctx := context.Background()
	config.RunConnector(ctx, "baton-boomi", version, cfg.Config, connector.New,
		connectorrunner.WithDefaultCapabilitiesConnectorBuilderV2(&connector.Boomi{}),
		connectorrunner.WithSessionStoreEnabled(),
	)
}
