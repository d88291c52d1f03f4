// Command baton-boomi syncs Boomi platform users, roles, account groups and sub-accounts (and, when
// configured, Boomi MFT) into baton, and provisions roles and accounts. `baton-boomi doctor` checks, read-only,
// what the connector assumes about a tenant (doctor.go).
package main

import (
	"context"
	"os"

	"github.com/conductorone/baton-sdk/pkg/config"
	"github.com/conductorone/baton-sdk/pkg/connectorrunner"

	cfg "github.com/baton-boomi/baton-boomi/pkg/config"
	"github.com/baton-boomi/baton-boomi/pkg/connector"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	ctx := context.Background()
	if len(os.Args) > 1 && os.Args[1] == "doctor" {
		os.Exit(runDoctor(ctx, os.Args[2:], os.Stdout, os.Stderr))
	}
	config.RunConnector(ctx, "baton-boomi", version, cfg.Config, connector.New,
		connectorrunner.WithDefaultCapabilitiesConnectorBuilderV2(&connector.Boomi{}),
		connectorrunner.WithSessionStoreEnabled(),
	)
}
