package connector

import (
	"context"
	"fmt"

	"github.com/conductorone/baton-sdk/pkg/connectorbuilder"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/baton-boomi/baton-boomi/pkg/mft"
)

// The Boomi MFT part is on when both --mft-base-url and --mft-api-key are given (the configuration
// schema refuses one without the other; New builds c.mft).

// mftOffered tells whether the MFT resource types and actions are registered: when the MFT client is
// configured, and on the zero-value connector that `capabilities` describes (it has no client at all), so
// the capabilities list what the MFT part can do.
func (c *Boomi) mftOffered() bool { return c.mft != nil || c.client == nil }

// mftSyncers returns the MFT builders, or none when MFT is off.
func mftSyncers(c *Boomi) []connectorbuilder.ResourceSyncerV2 {
	if !c.mftOffered() {
		return nil
	}
	return []connectorbuilder.ResourceSyncerV2{
		newMFTUserBuilder(c),
		newMFTRoleBuilder(c),
		newMFTOrganizationBuilder(c),
		newMFTSSOMappingBuilder(c),
	}
}

// validateMFTAccess reads each MFT API the sync uses once, so a key that lacks one of them is reported
// before the sync starts, naming the API permission to add (MFT keys carry permissions per API type).
func validateMFTAccess(ctx context.Context, c *mft.Client) error {
	if c == nil {
		return nil
	}
	checks := []struct {
		api  string
		read func(context.Context) error
	}{
		{"AdminSsoMapping", func(ctx context.Context) error { _, err := c.ListSSOMappings(ctx); return err }},
		{"AdminRoles", func(ctx context.Context) error { _, err := c.ListRoles(ctx); return err }},
		{"Organization", func(ctx context.Context) error { _, err := c.ListOrganizations(ctx); return err }},
		{"AdminUsers", func(ctx context.Context) error { _, err := c.ListUsers(ctx); return err }},
	}
	for _, check := range checks {
		err := check.read(mft.FailFast(ctx)) // a wrong --mft-base-url fails at once
		switch status.Code(err) {
		case codes.OK:
			continue
		case codes.Unauthenticated:
			return status.Errorf(codes.Unauthenticated,
				"Boomi MFT refused the API key (%v): check --mft-api-key; keys are managed in the MFT portal under your user profile > API Keys and may have expired", err)
		case codes.PermissionDenied:
			return status.Errorf(codes.PermissionDenied,
				"the MFT API key may not use the %s API (%v): in the MFT portal, edit the key (user profile > API Keys) and allow the %s API", check.api, err, check.api)
		case codes.NotFound:
			return status.Errorf(codes.FailedPrecondition,
				"Boomi MFT has no %s API at the given address (%v): check that --mft-base-url is your MFT tenant's API root (the part before /api/...)", check.api, err)
		case codes.Unavailable:
			if mft.HTTPStatus(err) == 0 {
				// No answer at all: FailedPrecondition, so the SDK does not retry Validate on a wrong host.
				return status.Errorf(codes.FailedPrecondition,
					"Boomi MFT could not be reached (%v): check --mft-base-url (your MFT tenant's address, such as https://us.thruinc.com), DNS, proxy and TLS settings", err)
			}
			return fmt.Errorf("checking access to the Boomi MFT %s API: %w", check.api, err)
		default:
			return fmt.Errorf("checking access to the Boomi MFT %s API: %w", check.api, err)
		}
	}
	return nil
}
