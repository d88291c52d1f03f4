// Command baton-boomi syncs Boomi platform users, roles, account groups and sub-accounts (and, when
// configured, Boomi MFT) into baton, and provisions roles and accounts.
package main

import (
	"context"

	"github.com/conductorone/baton-sdk/pkg/config"
	"github.com/conductorone/baton-sdk/pkg/connectorrunner"
	// Root certificates for hosts that have none: the container image is FROM scratch. Used only when
	// the system offers no roots, so a host's own CA configuration still wins.
	_ "golang.org/x/crypto/x509roots/fallback"

	cfg "github.com/baton-boomi/baton-boomi/pkg/config"
	"github.com/baton-boomi/baton-boomi/pkg/connector"
)

func main() {
	ctx := context.Background()
	config.RunConnector(ctx, "baton-boomi", versionString(), cfg.Config, connector.New,
		connectorrunner.WithDefaultCapabilitiesConnectorBuilderV2(&connector.Boomi{}),
		connectorrunner.WithSessionStoreEnabled(),
	)
}
