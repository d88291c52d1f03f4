// Command baton-boomi syncs Boomi platform users, roles, account groups and sub-accounts (and, when
// configured, Boomi MFT) into baton, and provisions roles and accounts. `baton-boomi doctor` checks, read-only,
// what the connector assumes about a tenant (addDoctorCommand).
package main

import (
	"context"
	"os"

	"github.com/conductorone/baton-sdk/pkg/config"
	"github.com/conductorone/baton-sdk/pkg/connectorrunner"
	"github.com/conductorone/baton-sdk/pkg/exit"
	// Root certificates for hosts that have none: the container image is FROM scratch. Used only when
	// the system offers no roots, so a host's own CA configuration still wins.
	_ "golang.org/x/crypto/x509roots/fallback"

	"github.com/baton-boomi/baton-boomi/internal/embeddedsim"
	cfg "github.com/baton-boomi/baton-boomi/pkg/config"
	"github.com/baton-boomi/baton-boomi/pkg/connector"
)

// main is the SDK's config.RunConnector, except that the connector server comes from embeddedsim.NewServer
// (connector.NewServer, which logs one request summary at the end of each sync, pointed at an in-process
// simulator with --simulator), and that the doctor subcommand is added.
func main() {
	ctx := context.Background()
	v, cmd, err := config.DefineConfigurationV2(ctx, "baton-boomi", embeddedsim.NewServer, cfg.Config,
		connectorrunner.WithDefaultCapabilitiesConnectorBuilderV2(&connector.Boomi{}),
		connectorrunner.WithSessionStoreEnabled(),
	)
	if err != nil {
		exit.LogExit(err)
		return
	}
	cmd.Version = versionString()
	if err := addDoctorCommand(ctx, cmd, v, os.Stdout); err != nil {
		exit.LogExit(err)
		return
	}
	if err := cmd.Execute(); err != nil {
		exit.LogExit(err)
	}
}
