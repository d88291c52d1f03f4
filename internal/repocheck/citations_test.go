package repocheck

import (
	"regexp"
	"strings"
	"testing"
)

// outsideCitations match references to material outside the repository (a reference file's sections, a
// design note, source tags of that reference); pieces are joined so that this file does not match itself.
var outsideCitations = regexp.MustCompile(strings.Join([]string{
	`reference ` + `§`,
	`DESIGN ` + `§`,
	`DESIGN` + `\.md`,
	`CONNECTOR_` + `DESIGN`,
	`boomi-api\.md ` + `§`,
	`baton-sdk\.md`,
	`fidelity` + `-2`,
	`shared/` + `reference`,
	`\.\./` + `shared`,
	`\[` + `W-[A-Z]`,
	`\[(REN|GLB|BINT|DOCS|MCP|CICD)` + `\]`,
}, "|"))

// Code and documentation cite only what is in the repository (docs/ holds the facts and their public sources).
func TestNoCitationsOfMaterialOutsideTheRepository(t *testing.T) {
	files, err := Files(repoRoot(t), ".go", ".md")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		for i, line := range strings.Split(f.Text, "\n") {
			if m := outsideCitations.FindString(line); m != "" {
				t.Errorf("%s:%d cites %q, which is not in the repository: point to docs/ (or state the fact) instead", f.Path, i+1, m)
			}
		}
	}
}

func TestCitationPatterns(t *testing.T) {
	for _, bad := range []string{"(reference " + "§4.3)", "DESIGN " + "§5", "[" + "W-C1]", "[RE" + "N] spec", "see DESIGN" + ".md"} {
		if !outsideCitations.MatchString(bad) {
			t.Errorf("%q is not caught", bad)
		}
	}
	for _, ok := range []string{"docs/boomi-api.md#roles", "bench/REPORT.md section 6.1", "See " + "§6.1 for the fix"} {
		if outsideCitations.MatchString(ok) {
			t.Errorf("%q is caught", ok)
		}
	}
}
