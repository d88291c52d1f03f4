package repocheck

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var (
	docAnchorLink = regexp.MustCompile(`docs/([a-z0-9_-]+\.md)#([a-z0-9-]+)`)
	// relativeLink is a Markdown link between files of docs/: [text](file.md#anchor).
	relativeLink = regexp.MustCompile(`\]\(([a-z0-9_-]+\.md)#([a-z0-9-]+)\)`)
	heading      = regexp.MustCompile(`(?m)^#{1,6} (.+?)\s*$`)
	slugDrop     = regexp.MustCompile(`[^a-z0-9 -]`)
)

// slug is GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens.
func slug(title string) string {
	return strings.ReplaceAll(slugDrop.ReplaceAllString(strings.ToLower(title), ""), " ", "-")
}

// Every docs/<file>.md#<anchor> that code or documentation points to is a heading of that file.
func TestDocAnchorsResolve(t *testing.T) {
	root := repoRoot(t)
	anchors := map[string]map[string]bool{}
	anchorsOf := func(file string) map[string]bool {
		if a, ok := anchors[file]; ok {
			return a
		}
		a := map[string]bool{}
		data, err := os.ReadFile(filepath.Join(root, "docs", file))
		if err == nil {
			for _, m := range heading.FindAllStringSubmatch(string(data), -1) {
				a[slug(m[1])] = true
			}
		}
		anchors[file] = a
		return a
	}
	files, err := Files(root, ".go", ".md")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		links := docAnchorLink.FindAllStringSubmatch(f.Text, -1)
		if strings.HasPrefix(f.Path, "docs/") {
			links = append(links, relativeLink.FindAllStringSubmatch(f.Text, -1)...)
		}
		for _, m := range links {
			if !anchorsOf(m[1])[m[2]] {
				t.Errorf("%s points to docs/%s#%s, which is not a heading there", f.Path, m[1], m[2])
			}
		}
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Partner API and overrideAccount":       "partner-api-and-overrideaccount",
		"JSON and @type":                        "json-and-type",
		"Audit log, user status and last login": "audit-log-user-status-and-last-login",
		"Boomi MFT (AFT Management API)":        "boomi-mft-aft-management-api",
		"number-of-results-counts":              "number-of-results-counts",
	} {
		if got := slug(in); got != want {
			t.Errorf("slug(%q) = %q, want %q", in, got, want)
		}
	}
}
