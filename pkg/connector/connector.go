// Package connector turns Boomi's identity objects into baton resources, entitlements and grants.
package connector

import (
	"context"
	"fmt"
	"sync"
	"time"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/conductorone/baton-sdk/pkg/annotations"
	"github.com/conductorone/baton-sdk/pkg/cli"
	"github.com/conductorone/baton-sdk/pkg/connectorbuilder"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
	"github.com/baton-boomi/baton-boomi/pkg/config"
	"github.com/baton-boomi/baton-boomi/pkg/mft"
)

// Boomi is the connector. The zero value builds its syncers without touching the (nil) clients, which is
// what `baton-boomi capabilities` relies on.
type Boomi struct {
	client *boomi.Client
	// mft is the Boomi MFT client, nil when --mft-base-url/--mft-api-key are not set.
	mft           *mft.Client
	notifyUsers   bool
	syncLastLogin bool
	// tree is primary-account mode (--include-sub-accounts, loadTree).
	tree treeSettings
	// release is what Close runs last: the shutdown of a backend started for this connector (the embedded
	// simulator of --simulator, NewServerReleasing); nil otherwise.
	release func()
	// flights coordinate this connector's syncs in the process: concurrent misses of one cache entry share
	// one fetch, membership merges take turns; every key carries the sync id (syncFlights).
	flights syncFlights
	// now is the connector's clock (time.Now when nil); tests pin it.
	now func() time.Time
	// baseline is where the current sync's request summary starts (sync_summary.go).
	baseline syncBaseline
	// readAhead turns on the read-ahead of a full sync (prefetchSync). New sets it; tests that build a Boomi
	// by hand count requests walk by walk without it.
	readAhead bool
	// readAheadUsersOnly limits the read-ahead to the users walk's own listings.
	readAheadUsersOnly bool
	// prefetched holds the sync ids whose read-ahead has started.
	prefetched sync.Map
	// readAheadStop holds each started read-ahead's cancel function by sync id.
	readAheadStop sync.Map
	// prefetching counts the read-ahead goroutines still running (tests wait for them).
	prefetching sync.WaitGroup
}

var _ connectorbuilder.ConnectorBuilderV2 = (*Boomi)(nil)

// clock returns the current time of the connector's clock.
func (c *Boomi) clock() time.Time {
	if c.now == nil {
		return time.Now()
	}
	return c.now()
}

// New builds the connector from its configuration. It sends no request; Validate does.
func New(ctx context.Context, cfg *config.Boomi, opts *cli.ConnectorOpts) (connectorbuilder.ConnectorBuilderV2, []connectorbuilder.Opt, error) {
	if err := config.ResolveCredentials(cfg); err != nil {
		return nil, nil, err
	}
	tree, err := treeSettingsOf(cfg)
	if err != nil {
		return nil, nil, err
	}
	c := &Boomi{notifyUsers: cfg.NotifyUsers, syncLastLogin: cfg.SyncLastLogin, tree: tree, readAhead: true}
	// A sync restricted to some resource types (--sync-resource-types) reads ahead only what the users walk
	// itself reads: the other listings may belong to types it skips.
	c.readAheadUsersOnly = opts != nil && len(opts.SyncResourceTypeIDs) > 0
	client, err := boomi.New(ctx, boomi.Config{
		BaseURL:                  cfg.BaseUrl,
		AccountID:                cfg.BoomiAccountId,
		Username:                 cfg.BoomiEmail,
		APIToken:                 cfg.BoomiApiToken,
		RequestsPerSecond:        float64(cfg.RequestsPerSecond),
		OverrideAccountRateLimit: tree.perAccountLimit,
	})
	if err != nil {
		return nil, nil, err
	}
	c.client = client
	if cfg.MftBaseUrl != "" || cfg.MftApiKey != "" {
		// The config schema already requires both flags together; mft.New names the missing one anyway.
		mftCfg := mft.Config{BaseURL: cfg.MftBaseUrl, APIKey: cfg.MftApiKey, RequestsPerSecond: float64(cfg.MftRequestsPerSecond)}
		if c.mft, err = mft.New(ctx, mftCfg); err != nil {
			return nil, nil, err
		}
	}
	return c, nil, nil
}

// Metadata describes the connector to the SDK and ConductorOne.
func (c *Boomi) Metadata(_ context.Context) (*v2.ConnectorMetadata, error) {
	return v2.ConnectorMetadata_builder{
		DisplayName: "Boomi",
		Description: "Syncs Boomi platform users, built-in and custom roles, account groups and sub-accounts " +
			"(who holds which role directly and through account groups), and Boomi MFT users, roles, " +
			"organizations and SSO mappings; grants and revokes roles, creates users and SSO users, and " +
			"manages MFT SSO mappings.",
		HelpUrl:               "https://developer.boomi.com/docs/api/platformapi/",
		AccountCreationSchema: accountCreationSchema(),
	}.Build(), nil
}

// ResourceSyncers lists one builder per resource type.
func (c *Boomi) ResourceSyncers(_ context.Context) []connectorbuilder.ResourceSyncerV2 {
	return append([]connectorbuilder.ResourceSyncerV2{
		newUserBuilder(c),
		newRoleBuilder(c),
		newAccountGroupBuilder(c),
		newAccountBuilder(c),
		newPrivilegeBuilder(c),
		newEnvironmentBuilder(c),
	}, mftSyncers(c)...)
}

// Close runs the release NewServerReleasing was given, once (the embedded simulator's shutdown). The SDK
// calls it when it shuts the connector down.
func (c *Boomi) Close() error {
	if c.release != nil {
		c.release()
		c.release = nil
	}
	return nil
}

// Validate proves the credentials with cheap authenticated calls (validateAccess, validatePartnerAccess,
// validateMFTAccess).
func (c *Boomi) Validate(ctx context.Context) (annotations.Annotations, error) {
	if c.client == nil {
		return nil, fmt.Errorf("the Boomi client is not configured: pass --boomi-account-id, --boomi-email and --boomi-api-token")
	}
	if err := validateAccess(ctx, c.client); err != nil {
		return nil, err
	}
	if c.tree.enabled {
		if err := validatePartnerAccess(ctx, c.client); err != nil {
			return nil, err
		}
	}
	return nil, validateMFTAccess(ctx, c.mft)
}
