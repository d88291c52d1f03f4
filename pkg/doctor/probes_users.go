package doctor

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
)

// probeUserIDCase: whether EQUALS on userId compares exactly. The token owner's links are asked for once with
// the login as stored and once in upper case; only the two counts are reported.
func probeUserIDCase(ctx context.Context, t *Target) Result {
	r := Result{
		Probe: "userid-equals-case", Assumptions: []string{"userid-equals-case"},
		Expected: "EQUALS on AccountUserRole.userId compares exactly, so the connector also asks for the lower-case form of an id",
	}
	login := strings.TrimPrefix(strings.TrimSpace(t.OwnerLogin), "BOOMI_TOKEN.")
	if login == "" || strings.ToUpper(login) == login {
		r.Seen, r.Verdict = "no login with lower-case letters to compare", CouldNotTest
		return r
	}
	count := func(id string) (int, error) {
		links, err := boomi.ReadAllPages(ctx, func(ctx context.Context, tok string) (boomi.Page[boomi.AccountUserRole], error) {
			return t.Platform.QueryAccountUserRoles(ctx, boomi.Equals("userId", id), tok)
		})
		return len(links), err
	}
	asStored, err := count(login)
	if err != nil || asStored == 0 {
		r.Seen, r.Verdict = "the token owner's links could not be found to compare", CouldNotTest
		return r
	}
	upper, err := count(strings.ToUpper(login))
	note := ""
	switch {
	case boomi.HTTPStatus(err) == http.StatusInternalServerError:
		// The answer some tenants give to a query that matches nothing (see the empty-query probe).
		upper, note = 0, " (HTTP 500, read as no match)"
	case err != nil:
		r.Seen, r.Verdict = "the upper-case query answered "+failure(err), CouldNotTest
		return r
	}
	r.Seen = fmt.Sprintf("%d link(s) for the login as given, %d for it in upper case%s", asStored, upper, note)
	r.Verdict = Holds
	if upper == asStored {
		r.Verdict = Differs
		r.Seen += ": EQUALS ignores case"
		r.Adapts = "yes: nothing to do, the extra lower-case query is only redundant"
	}
	return r
}
