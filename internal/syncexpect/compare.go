package syncexpect

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/baton-boomi/baton-boomi/internal/c1zread"
)

// Scope is the part of a sync one comparison covers: the MFT API's items all have ids starting "mft_"
// (resource types and entitlements), the Platform API's none, so each part can be held to its own
// expectation while the other part is ignored.
type Scope struct {
	label string // prefix of the report's kind names
	mft   bool
}

var (
	// Platform covers the Platform API's resources, entitlements and grants.
	Platform = Scope{label: "", mft: false}
	// MFT covers the MFT API's ("mft_…") resources, entitlements and grants.
	MFT = Scope{label: "MFT ", mft: true}
)

func (s Scope) covers(id string) bool { return strings.HasPrefix(id, "mft_") == s.mft }

// Report is the outcome of comparing a .c1z's contents with an expectation.
type Report struct {
	OK       bool              `json:"ok"`
	Counts   map[string][2]int `json:"counts"` // kind -> {expected, got}
	Problems []string          `json:"problems,omitempty"`
}

// examples is how many ids a problem names, so failures stay readable.
const examples = 5

// Compare holds the scope's part of got to exp: every expected resource, entitlement and grant present
// exactly once, nothing extra, no resource type exp does not know, and no grant id used twice. Kinds are
// "<type> resources", "[MFT ]entitlements" and "[MFT ]grants".
func Compare(exp *Expected, got *c1zread.Contents, scope Scope) Report {
	r := Report{Counts: map[string][2]int{}}
	for _, rt := range slices.Sorted(maps.Keys(exp.Resources)) {
		ids := map[string]int{}
		for _, res := range got.Resources[rt] {
			ids[res.GetId().GetResource()]++
		}
		r.compare(rt+" resources", exp.Resources[rt], ids)
	}
	for _, rt := range slices.Sorted(maps.Keys(got.Resources)) {
		if _, known := exp.Resources[rt]; !known && scope.covers(rt) && len(got.Resources[rt]) > 0 {
			r.Problems = append(r.Problems, fmt.Sprintf("unexpected resource type %q with %d resources", rt, len(got.Resources[rt])))
		}
	}
	ents := map[string]int{}
	for _, e := range got.Entitlements {
		if scope.covers(e.GetId()) {
			ents[e.GetId()]++
		}
	}
	r.compare(scope.label+"entitlements", exp.Entitlements, ents)
	grants, grantIDs := map[string]int{}, map[string]int{}
	for _, g := range got.Grants {
		if !scope.covers(g.GetEntitlement().GetId()) {
			continue
		}
		p := g.GetPrincipal().GetId()
		grants[GrantID(g.GetEntitlement().GetId(), p.GetResourceType(), p.GetResource())]++
		grantIDs[g.GetId()]++
	}
	r.compare(scope.label+"grants", exp.Grants, grants)
	r.report(scope.label+"grant ids", "used by more than one grant", duplicated(grantIDs))
	r.OK = len(r.Problems) == 0
	return r
}

// compare records the sizes of a kind and any missing, extra or duplicated ids.
func (r *Report) compare(kind string, want map[string]bool, got map[string]int) {
	r.Counts[kind] = [2]int{len(want), len(got)}
	var missing, extra []string
	for id := range want {
		if got[id] == 0 {
			missing = append(missing, id)
		}
	}
	for id := range got {
		if !want[id] {
			extra = append(extra, id)
		}
	}
	r.report(kind, "missing", missing)
	r.report(kind, "extra", extra)
	r.report(kind, "written more than once", duplicated(got))
}

// duplicated lists the ids counted more than once, with their count.
func duplicated(counts map[string]int) []string {
	var out []string
	for id, n := range counts {
		if n > 1 {
			out = append(out, fmt.Sprintf("%s x%d", id, n))
		}
	}
	return out
}

// report adds one problem naming how many ids of kind are wrong in the way what says, and a few of them.
func (r *Report) report(kind, what string, ids []string) {
	if len(ids) == 0 {
		return
	}
	slices.Sort(ids)
	r.Problems = append(r.Problems, fmt.Sprintf("%s: %d %s, e.g. %q", kind, len(ids), what, ids[:min(examples, len(ids))]))
}
