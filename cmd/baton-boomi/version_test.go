package main

import (
	"strings"
	"testing"
)

func TestVersionStringCarriesStampedVersionAndCommit(t *testing.T) {
	defer func(v, c string) { version, commit = v, c }(version, commit)
	version, commit = "v1.2.3", "0123abc"
	if got := versionString(); got != "v1.2.3 (commit 0123abc)" {
		t.Fatalf("versionString() = %q, want %q", got, "v1.2.3 (commit 0123abc)")
	}
	version, commit = "", ""
	if got := versionString(); !strings.HasPrefix(got, "dev") && !strings.HasPrefix(got, "v") {
		t.Fatalf("unstamped versionString() = %q, want dev or a module version", got)
	}
}
