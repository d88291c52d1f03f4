package connector

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/grpc-ecosystem/go-grpc-middleware/logging/zap/ctxzap"
	"go.uber.org/zap"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
)

// Undoing a CreateAccount that failed part-way (userBuilder.CreateAccount), so no half-created user is left behind.

// outcomeUnknown tells whether a failed write may still have happened in Boomi (or Boomi MFT, whose client
// errors carry their HTTP status the same way). Only a 4xx answer says Boomi refused it; no answer
// (connection dropped, timeout, cancellation), a 5xx, or a 2xx whose body could not be read leave it open.
// It judges the final error, after the client's retries, so it is more cautious than the client's own
// decision whether one attempt may be repeated: a 503 that outlasted the retries leaves it open too.
func outcomeUnknown(err error) bool {
	code := boomi.HTTPStatus(err)
	return code < 400 || code >= 500
}

// undoPlan says what a failed CreateAccount may have written besides the user's role link.
type undoPlan struct {
	linkID           string                       // the role link Boomi reported; "" = find it by reading
	federation       bool                         // the federation step ran
	federationBefore *boomi.AccountUserFederation // the user's federation record before (nil = none)
}

// undoTimeout bounds the clean-up, which runs even when the request's context has ended: leaving a
// half-created user behind is worse than finishing a few requests late.
const undoTimeout = 2 * time.Minute

// undoUserCreation removes what a failed CreateAccount wrote and returns cause with a note on the clean-up.
// The role link goes first only when Boomi reported it; otherwise the user's links are read again and the
// ones carrying the requested role are removed — the user had no link before (checked under the user's
// lock), so those are the ones this call created. Removing the user's only link removes the user from the
// account. The federation record is deleted, or restored to its earlier value.
func undoUserCreation(ctx context.Context, c *boomi.Client, req newAccountRequest, plan undoPlan, cause error) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), undoTimeout)
	defer cancel()
	l := ctxzap.Extract(ctx)
	var undoErrs []error
	if plan.federation {
		recs, err := userFederationsOf(ctx, c, req.email)
		if err != nil {
			undoErrs = append(undoErrs, err)
		}
		for _, r := range recs {
			switch {
			case plan.federationBefore == nil:
				err = c.DeleteAccountUserFederation(ctx, r.ID)
			case r.FederationID != plan.federationBefore.FederationID:
				_, err = c.UpdateAccountUserFederation(ctx, *plan.federationBefore)
			default:
				continue
			}
			if err != nil {
				undoErrs = append(undoErrs, err)
			}
		}
	}
	linkIDs := []string{plan.linkID}
	if plan.linkID == "" {
		links, err := accountUserRolesOf(ctx, c, req.email)
		if err != nil {
			undoErrs = append(undoErrs, err)
		}
		linkIDs = nil
		for _, link := range links {
			if sameRole(link.RoleID, req.roleID) {
				linkIDs = append(linkIDs, link.ID)
			}
		}
	}
	for _, id := range linkIDs {
		if err := c.DeleteAccountUserRole(ctx, id); err != nil {
			undoErrs = append(undoErrs, err)
		}
	}
	if len(undoErrs) > 0 {
		undoErr := errors.Join(undoErrs...)
		l.Error("creating a Boomi user failed and undoing the partial creation failed too; the user may be left in the account",
			zap.String("user_id", req.email), zap.Error(cause), zap.NamedError("undo_error", undoErr))
		return fmt.Errorf("%w (undoing the partial creation also failed: %s; remove %s from the account in the Boomi UI)", cause, undoErr.Error(), req.email)
	}
	if len(linkIDs) > 0 {
		l.Info("creating a Boomi user failed after the user was added; the user was removed again",
			zap.String("user_id", req.email), zap.Error(cause))
		return fmt.Errorf("%w (the user was removed from the account again, nothing is left behind)", cause)
	}
	return cause
}
