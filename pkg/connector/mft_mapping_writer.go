package connector

import (
	"context"
	"slices"

	"github.com/grpc-ecosystem/go-grpc-middleware/logging/zap/ctxzap"
	"go.uber.org/zap"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/baton-boomi/baton-boomi/pkg/mft"
)

// Writing SSO mappings without losing someone else's change.
//
// The MFT API updates a mapping by replacing the whole object (PUT with every field;
// UNCONFIRMED(mft-update-replaces-whole)), and it documents no
// version, ETag or If-Match precondition (docs/boomi-api.md#mft-adminssomapping). A grant that changes one id list must therefore
// send back every other field as it read it — and if someone else changed the mapping in between, a naive
// read-modify-write would silently undo their change. Every mapping write goes through runMFTMappingWrite:
//
//  1. read the mappings the change needs (fresh, no cache) and plan the full objects to write; an empty plan
//     means the intent already holds (idempotent: nothing is written);
//  2. read them again and compare every field of the planned mappings, unknown fields included: if anything
//     changed since step 1, start over from step 1 with the new state (at most mftWriteAttempts times);
//  3. write (one PUT, or one bulk PUT);
//  4. read again and check that the intent holds; if someone overwrote it right after the write, start over.
//
// Within one connector process all mapping writes are serialised by one lock, so the connector never races
// itself (C1 may send several grants for the same mapping at once).
//
// Residual window (cannot be closed without a conditional write in the API): a change by someone else that
// lands between the re-read of step 2 and the moment MFT applies the write of step 3 — about one request
// round trip plus the client's pacing delay — is overwritten without being detected, because the write
// carries the values of step 2 and MFT keeps no history the connector could check afterwards. If MFT ever
// honours If-Match or rejects a stale updatedDate, step 3 should send it and this window closes.
const mftWriteAttempts = 3

// mftMappingWriter makes every change of SSO mappings: the grants and revokes of MFT roles and organizations
// (grant and revoke change one mapping's id list), and creating, deleting and re-defaulting mappings
// (create, delete, setDefault). The builders that provision and the set_default_sso_mapping action hold
// one; it holds the MFT client only, nil when MFT is not configured (each write then refuses with
// mftNotConfigured before any request). Every write reads fresh, never the sync's cache.
type mftMappingWriter struct{ client *mft.Client }

// mftNotConfigured refuses an MFT write when the connector has no MFT client; purpose ends the sentence
// (" to create MFT SSO mappings", or "").
func mftNotConfigured(purpose string) error {
	return status.Error(codes.FailedPrecondition, "Boomi MFT is not configured: pass --mft-base-url and --mft-api-key"+purpose)
}

// mftMappingWrite is one intended change of SSO mappings.
type mftMappingWrite struct {
	// what names the change in error sentences: "granting MFT role 5 to SSO mapping 12".
	what string
	// read fetches, fresh, the mappings plan needs.
	read func(ctx context.Context) ([]mft.SSOMapping, error)
	// plan returns the full mappings to write so that the intent holds (nil when it already holds). It must
	// not change its argument.
	plan func(current []mft.SSOMapping) ([]mft.SSOMapping, error)
	// write sends the planned mappings in one request.
	write func(ctx context.Context, desired []mft.SSOMapping) error
}

// runMFTMappingWrite applies w as described above. wrote reports whether this call wrote anything (false:
// the intent already held).
func runMFTMappingWrite(ctx context.Context, w mftMappingWrite) (bool, error) {
	wrote := false
	unlock, err := provisioningLocks.lockMFTMappings(ctx)
	if err != nil {
		return false, err
	}
	defer unlock()

	logger := ctxzap.Extract(ctx)
	for attempt := 1; attempt <= mftWriteAttempts; attempt++ {
		current, desired, err := w.readAndPlan(ctx)
		if err != nil {
			return wrote, err
		}
		if len(desired) == 0 {
			return wrote, nil
		}
		recheck, err := w.read(ctx)
		if err != nil {
			return wrote, err
		}
		if !sameMFTMappings(current, recheck, mappingIDs(desired)) {
			logger.Info("an MFT SSO mapping changed while a change was being prepared; reading it again",
				zap.String("change", w.what), zap.Int("attempt", attempt))
			continue
		}
		if err := w.write(ctx, desired); err != nil {
			return wrote, err
		}
		wrote = true
		_, remaining, err := w.readAndPlan(ctx)
		if err != nil {
			return wrote, err
		}
		if len(remaining) == 0 {
			return wrote, nil
		}
		logger.Info("an MFT SSO mapping change was overwritten right after it was written; applying it again",
			zap.String("change", w.what), zap.Int("attempt", attempt))
	}
	if wrote {
		return wrote, status.Errorf(codes.Aborted,
			"%s: the change was written, but someone else kept changing the SSO mapping (%d attempts), so it cannot be confirmed that it holds; check who else "+
				"edits MFT SSO mappings, sync, and try again",
			w.what, mftWriteAttempts)
	}
	return wrote, status.Errorf(codes.Aborted,
		"%s: the SSO mapping was changed by someone else between every read and write (%d attempts), so nothing was written to avoid undoing that change; try again",
		w.what, mftWriteAttempts)
}

// readAndPlan reads the mappings fresh and plans the write against them: steps 1 and 4 above.
func (w mftMappingWrite) readAndPlan(ctx context.Context) ([]mft.SSOMapping, []mft.SSOMapping, error) {
	current, err := w.read(ctx)
	if err != nil {
		return nil, nil, err
	}
	desired, err := w.plan(current)
	return current, desired, err
}

// sameMFTMappings reports whether the mappings named by ids are identical (or equally absent) in a and b.
func sameMFTMappings(a, b []mft.SSOMapping, ids []int32) bool {
	for _, id := range ids {
		ia := slices.IndexFunc(a, func(m mft.SSOMapping) bool { return m.ID == id })
		ib := slices.IndexFunc(b, func(m mft.SSOMapping) bool { return m.ID == id })
		if (ia < 0) != (ib < 0) {
			return false
		}
		if ia >= 0 && !a[ia].Equal(b[ib]) {
			return false
		}
	}
	return true
}

func mappingIDs(ms []mft.SSOMapping) []int32 {
	out := make([]int32, len(ms))
	for i, m := range ms {
		out[i] = m.ID
	}
	return out
}

// readOneMFTMapping is the read of a single-mapping change.
func readOneMFTMapping(c *mft.Client, id int32) func(ctx context.Context) ([]mft.SSOMapping, error) {
	return func(ctx context.Context) ([]mft.SSOMapping, error) {
		m, err := c.GetSSOMapping(ctx, id)
		if err != nil {
			return nil, err
		}
		return []mft.SSOMapping{m}, nil
	}
}

// writeOneMFTMapping is the write of a single-mapping change.
func writeOneMFTMapping(c *mft.Client) func(ctx context.Context, desired []mft.SSOMapping) error {
	return func(ctx context.Context, desired []mft.SSOMapping) error {
		_, err := c.UpdateSSOMapping(ctx, desired[0])
		return err
	}
}
