package doctor

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"strings"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
	"github.com/baton-boomi/baton-boomi/pkg/mft"
)

// unknownRoleID is a canonical UUID no Boomi account has (all zeros but the version nibble).
const unknownRoleID = "00000000-0000-4000-8000-000000000000"

// probeErrorAnswer: how Boomi answers a GET of an id that does not exist — its status (assumed 400) and
// whether the body carries a message the client reads. Only the status and "readable or not" are reported.
func probeErrorAnswer(ctx context.Context, t *Target) Result {
	r := Result{
		Probe: "error-answer", Assumptions: []string{"error-statuses"},
		Expected: "GET /Role/{unknown id} answers HTTP 400 with a message the client reads ({\"@type\":\"Error\",\"message\":…} or {\"message\":…})",
	}
	_, err := t.Platform.GetRole(ctx, unknownRoleID)
	st := boomi.HTTPStatus(err)
	if err == nil || st == 0 {
		r.Seen, r.Verdict = "no error answer to compare", CouldNotTest
		if err != nil {
			r.Seen = failure(err)
		}
		return r
	}
	readable := boomi.VendorMessage(err) != ""
	r.Seen = fmt.Sprintf("HTTP %d, message %s", st, map[bool]string{true: "readable", false: "not readable"}[readable])
	r.Verdict = Holds
	if st != http.StatusBadRequest || !readable {
		r.Verdict = Differs
		r.Adapts = "yes: statuses map to gRPC codes by class (404 is NotFound too), and an unreadable body is quoted by status"
	}
	return r
}

// mftErrorProbe: how MFT answers a GET of a mapping id that does not exist: a 404 whose body the client
// reads (a "message", or ASP.NET problem details), rather than a body it can only quote.
func mftErrorProbe(ctx context.Context, t *Target) Result {
	r := Result{
		Probe: "mft: error body", Assumptions: []string{"mft-error-body"},
		Expected: "GET /api/AdminSsoMapping/{unknown id} answers an error whose body has \"message\" (or \"title\"/\"detail\")",
	}
	_, err := t.MFT.GetSSOMappingDirect(ctx, math.MaxInt32)
	st := mft.HTTPStatus(err)
	if err == nil || st == 0 {
		r.Seen, r.Verdict = "no error answer to compare", CouldNotTest
		if err != nil {
			r.Seen = failure(err)
		}
		return r
	}
	msg := mft.VendorMessage(err)
	readable := msg != "" && !strings.HasPrefix(msg, mft.QuotedBodyPrefix)
	r.Seen = fmt.Sprintf("HTTP %d, message %s", st, map[bool]string{true: "readable", false: "not readable"}[readable])
	r.Verdict = Holds
	if !readable {
		r.Verdict = Differs
		r.Adapts = "yes: errors then quote the first bytes of the body instead of a message"
	}
	return r
}
