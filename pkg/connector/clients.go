package connector

import (
	"context"
	"fmt"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
	"github.com/baton-boomi/baton-boomi/pkg/config"
	"github.com/baton-boomi/baton-boomi/pkg/mft"
)

// Clients are the API clients the connector builds from its configuration, for tools that read Boomi the
// same way (the `baton-boomi doctor` subcommand): same flags, same embedded simulator with --simulator.
type Clients struct {
	// Platform is the Platform API client; its SubAccount views use the Partner API base.
	Platform *boomi.Client
	MFT      *mft.Client // nil when MFT is not configured
	// OwnerLogin is the API token owner's login e-mail.
	OwnerLogin string
	close      func()
}

// Close stops the embedded simulator, if one was started.
func (c *Clients) Close() {
	if c.close != nil {
		c.close()
	}
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
	out := &Clients{Platform: conn.client, MFT: conn.mft, OwnerLogin: cfg.BoomiEmail, close: conn.closeSimulator}
	if conn.sim != nil {
		out.OwnerLogin = conn.sim.clientConfig(0).Username
	}
	if err := validateAccess(ctx, conn.client); err != nil {
		out.Close()
		return nil, err
	}
	return out, nil
}
