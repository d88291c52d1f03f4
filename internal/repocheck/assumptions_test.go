package repocheck

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/baton-boomi/baton-boomi/internal/buildbin"
)

// markerWord is built so that this file does not itself contain a marker.
var markerWord = "UN" + "CONFIRMED"

var (
	namedMarker = regexp.MustCompile(markerWord + `\(([a-z0-9]+(?:-[a-z0-9]+)*)\)`)
	anyMarker   = regexp.MustCompile(markerWord + `\b`)
	entryHead   = regexp.MustCompile(`(?m)^### ([a-z0-9]+(?:-[a-z0-9]+)*)\s*$`)
	entryLink   = regexp.MustCompile(`assumptions\.md#([a-z0-9-]+)`)
)

func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := buildbin.ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// Every marker in Go code is named, each name is marked exactly once, each name has its
// "### name" entry in docs/assumptions.md, and each entry has its marker.
func TestAssumptionMarkersAndIndexMatch(t *testing.T) {
	root := repoRoot(t)
	goFiles, err := Files(root, ".go")
	if err != nil {
		t.Fatal(err)
	}
	marked := map[string][]string{}
	for _, f := range goFiles {
		for i, line := range strings.Split(f.Text, "\n") {
			where := fmt.Sprintf("%s:%d", f.Path, i+1)
			named := namedMarker.FindAllStringSubmatch(line, -1)
			if len(anyMarker.FindAllString(line, -1)) != len(named) {
				t.Errorf("%s: %s without a name; write %s(some-kebab-name) and add its entry to docs/assumptions.md", where, markerWord, markerWord)
			}
			for _, m := range named {
				marked[m[1]] = append(marked[m[1]], where)
			}
		}
	}
	index, err := os.ReadFile(filepath.Join(root, "docs", "assumptions.md"))
	if err != nil {
		t.Fatalf("docs/assumptions.md: %v", err)
	}
	entries := map[string]bool{}
	for _, m := range entryHead.FindAllStringSubmatch(string(index), -1) {
		if entries[m[1]] {
			t.Errorf("docs/assumptions.md has two entries ### %s", m[1])
		}
		entries[m[1]] = true
	}
	for name, places := range marked {
		if len(places) > 1 {
			t.Errorf("%s(%s) is marked in %d places (%s): mark it in one, point to docs/assumptions.md#%s elsewhere", markerWord, name, len(places), strings.Join(places, ", "), name)
		}
		if !entries[name] {
			t.Errorf("%s(%s) at %s has no entry \"### %s\" in docs/assumptions.md", markerWord, name, places[0], name)
		}
	}
	for name := range entries {
		if _, ok := marked[name]; !ok {
			t.Errorf("docs/assumptions.md entry ### %s has no %s(%s) marker in the code", name, markerWord, name)
		}
	}
	if len(marked) == 0 {
		t.Fatal("no marker found: the walk is broken")
	}

	// Links to an entry must land on one.
	all, err := Files(root, ".go", ".md")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range all {
		for _, m := range entryLink.FindAllStringSubmatch(f.Text, -1) {
			if !entries[m[1]] {
				t.Errorf("%s links docs/assumptions.md#%s, which is not an entry", f.Path, m[1])
			}
		}
	}
}

// The check itself fails on what it should catch.
func TestMarkerPatterns(t *testing.T) {
	named := namedMarker.FindAllStringSubmatch("// "+markerWord+"(mft-api-paths) and "+markerWord+"(x)", -1)
	if len(named) != 2 || named[0][1] != "mft-api-paths" {
		t.Fatalf("named markers: %v", named)
	}
	for _, bare := range []string{markerWord + ":", markerWord + " (x)", markerWord + "(Not-Kebab)", markerWord + "()"} {
		if len(anyMarker.FindAllString(bare, -1)) == len(namedMarker.FindAllString(bare, -1)) {
			t.Errorf("%q would pass as a named marker", bare)
		}
	}
	heads := entryHead.FindAllStringSubmatch("## area\n### one-two\ntext\n### three\n", -1)
	if !slices.EqualFunc(heads, [][]string{{"", "one-two"}, {"", "three"}}, func(a, b []string) bool { return a[1] == b[1] }) {
		t.Fatalf("entry heads: %v", heads)
	}
}
