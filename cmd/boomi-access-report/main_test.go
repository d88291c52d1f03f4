package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

// The happy path (a real .c1z) is covered end to end by test/e2e TestAccessReportGivesTheKnownAnswer.
func TestRunRefusesBadArguments(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "none.c1z")
	cases := []struct {
		args []string
		code int
		says string
	}{
		{nil, 2, "usage: boomi-access-report"},
		{[]string{"a.c1z", "b.c1z"}, 2, "usage: boomi-access-report"},
		{[]string{"--format", "xml", "a.c1z"}, 2, `unknown --format "xml"`},
		{[]string{"--nope", "a.c1z"}, 2, "flag provided but not defined"},
		{[]string{missing}, 1, "boomi-access-report:"},
	}
	for _, tc := range cases {
		var stdout, stderr bytes.Buffer
		if code := run(tc.args, &stdout, &stderr); code != tc.code {
			t.Errorf("%v: exit %d, want %d (stderr %q)", tc.args, code, tc.code, stderr.String())
		}
		if !strings.Contains(stderr.String(), tc.says) {
			t.Errorf("%v: stderr %q does not say %q", tc.args, stderr.String(), tc.says)
		}
		if stdout.Len() != 0 {
			t.Errorf("%v: wrote %q to stdout on failure", tc.args, stdout.String())
		}
	}
}
