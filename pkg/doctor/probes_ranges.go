package doctor

import (
	"context"
	"fmt"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
)

// probeUserRoleRanges: an AccountUserRole query by userId range (LESS_THAN, and GREATER_THAN_OR_EQUAL with
// LESS_THAN under "and") is accepted and answers only links in the range, which lets a sync read the
// listing as four chains side by side (connector.AccountUserRoleRanges).
func probeUserRoleRanges(ctx context.Context, t *Target) Result {
	r := Result{
		Probe: "user-role-ranges", Assumptions: []string{"account-user-role-userid-ranges"},
		Expected: `AccountUserRole queries with userId LESS_THAN "e", and GREATER_THAN_OR_EQUAL "e" and LESS_THAN "k", answer only links in those ranges`,
		Adapts:   "the sync probes the same way and, when it does not hold, reads AccountUserRole as one chain (slower, same data)",
	}
	ranges := []struct {
		label    string
		expr     *boomi.Expression
		lo, hi   string
		accepted bool
	}{
		{label: `< "e"`, expr: boomi.Simple(boomi.OpLessThan, "userId", "e"), hi: "e"},
		{label: `"e"–"k"`, expr: boomi.And(boomi.GreaterThanOrEqual("userId", "e"), boomi.Simple(boomi.OpLessThan, "userId", "k")), lo: "e", hi: "k"},
	}
	seen := ""
	for _, rg := range ranges {
		page, err := t.Platform.QueryAccountUserRoles(ctx, rg.expr, "")
		if err != nil {
			r.Seen, r.Verdict = fmt.Sprintf("%s%s refused: %s", seen, rg.label, failure(err)), Differs
			return r
		}
		outside := 0
		for _, l := range page.Items {
			if !inRange(l.UserID, rg.lo, rg.hi) {
				outside++
			}
		}
		if outside > 0 {
			r.Seen = fmt.Sprintf("%s%s answered %d link(s), %d outside the range (the filter is ignored)", seen, rg.label, len(page.Items), outside)
			r.Verdict = Differs
			return r
		}
		seen += fmt.Sprintf("%s answered %d link(s), all in range; ", rg.label, len(page.Items))
	}
	r.Seen, r.Verdict = seen[:len(seen)-2], Holds
	return r
}

// inRange tells whether id is in [lo, hi) in byte order or ignoring case, the orderings a tenant may use.
func inRange(id, lo, hi string) bool {
	within := func(v string) bool { return (lo == "" || v >= lo) && v < hi }
	return within(id) || within(lowerASCII(id))
}

func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
