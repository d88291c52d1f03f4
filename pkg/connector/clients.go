package connector

import (
	"context"
	"fmt"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
	"github.com/baton-boomi/baton-boomi/pkg/config"
	"github.com/baton-boomi/baton-boomi/pkg/mft"
)

// Clients are the API clients the connector builds from its configuration, for tools that read Boomi the
// same way (the `baton-boomi doctor` subcommand): same flags, same checks.
type Clients struct {
	// Platform is the Platform API client; its SubAccount views use the Partner API base.
	Platform *boomi.Client
	MFT      *mft.Client // nil when MFT is not configured
	// OwnerLogin is the API token owner's login e-mail.
	OwnerLogin string
}

// OpenClients builds the clients New would build and checks the Platform credentials the way Validate does,
// so that a wrong token, account id or host fails with the same one sentence. It sends two reads.
func OpenClients(ctx context.Context, cfg *config.Boomi) (*Clients, error) {
	builder, _, err := New(ctx, cfg, nil)
	if err != nil {
		return nil, err
	}
	conn, ok := builder.(*Boomi)
	if !ok {
		return nil, fmt.Errorf("the connector builder is a %T, not *connector.Boomi", builder)
	}
	if err := validateAccess(ctx, conn.client); err != nil {
		return nil, err
	}
	return &Clients{Platform: conn.client, MFT: conn.mft, OwnerLogin: cfg.BoomiEmail}, nil
}
