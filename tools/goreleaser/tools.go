//go:build tools

// Package tools pins goreleaser for `make release-snapshot`; see tools/README.md.
package tools

import _ "github.com/goreleaser/goreleaser/v2"
