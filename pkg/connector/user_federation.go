package connector

import (
	"context"
	"fmt"
	"strings"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
)

// A user's SSO federation record, as account creation (userBuilder.CreateAccount) and the enable_sso
// action (userBuilder.enableSSO) check and write it.

// checkFederationIDFree returns the user's own federation record if one exists already (a user who had a
// federation record but no role), and fails with AlreadyExists when another user of the account holds
// federationID (federation ids must be unique within an account). Federation ids are case-sensitive unless
// the account's SSO configuration has caseInsensitiveFederationId on; then "Jane" and "jane" collide, and
// since an EQUALS filter cannot be trusted to ignore case, every record of the account is read and compared.
func checkFederationIDFree(ctx context.Context, c *boomi.Client, userID, federationID string) (*boomi.AccountUserFederation, error) {
	sso, err := c.GetAccountSSOConfig(ctx)
	if code := status.Code(err); code == codes.NotFound || code == codes.InvalidArgument {
		// No SSO configuration (docs/assumptions.md#sso-config-absent-means-disabled): Boomi's default,
		// case-sensitive federation ids.
		sso, err = boomi.AccountSSOConfig{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading the SSO configuration of Boomi account %s (it says whether federation ids ignore case): %w", c.AccountID(), err)
	}
	same := func(a, b string) bool { return a == b }
	var recs []boomi.AccountUserFederation
	if sso.CaseInsensitiveFederationID {
		same = strings.EqualFold
		recs, err = allFederations(ctx, c)
	} else {
		recs, err = federationsFor(ctx, c, userID, federationID)
	}
	if err != nil {
		return nil, err
	}
	var own *boomi.AccountUserFederation
	for i := range recs {
		r := recs[i]
		if !sameUser(r.UserID, userID) && same(r.FederationID, federationID) {
			return nil, status.Errorf(codes.AlreadyExists,
				"federation id %q already belongs to %s in Boomi account %s and federation ids must be unique per account; choose the id your identity provider sends for this user",
				federationID, r.UserID, c.AccountID())
		}
		if sameUser(r.UserID, userID) {
			own = &r
		}
	}
	return own, nil
}

// writeFederation makes userID's federation record carry federationID: creates it, updates an existing one,
// or leaves a matching one alone.
func writeFederation(ctx context.Context, c *boomi.Client, userID, federationID string, own *boomi.AccountUserFederation) error {
	var err error
	switch {
	case own == nil:
		_, err = c.CreateAccountUserFederation(ctx, boomi.AccountUserFederation{UserID: userID, FederationID: federationID})
	case own.FederationID == federationID:
		return nil
	default:
		updated := *own
		updated.FederationID = federationID
		_, err = c.UpdateAccountUserFederation(ctx, updated)
	}
	if err != nil {
		return fmt.Errorf("setting federation id %q for %s: %w", federationID, userID, err)
	}
	return nil
}
