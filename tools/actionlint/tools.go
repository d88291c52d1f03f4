//go:build tools

// Package tools pins actionlint for `make lint`; see tools/README.md.
package tools

import _ "github.com/rhysd/actionlint/cmd/actionlint"
