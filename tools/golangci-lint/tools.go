//go:build tools

// Package tools pins golangci-lint for `make lint`; see tools/README.md.
package tools

import _ "github.com/golangci/golangci-lint/v2/cmd/golangci-lint"
