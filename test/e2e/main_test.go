package e2e

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/baton-boomi/baton-boomi/internal/buildbin"
)

// binaryPath is the baton-boomi binary built once for the whole test run by TestMain; buildErr says why
// there is none.
var (
	binaryPath string
	buildErr   error
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "baton-boomi-e2e-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e: temp dir:", err)
		os.Exit(2)
	}
	// From the working tree, with the go command `go test` puts first on PATH (the toolchain running these
	// tests).
	binaryPath, _, buildErr = buildbin.Connector(context.Background(), dir, "")
	code := m.Run()
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

// needBinary fails the test when the connector could not be built.
func needBinary(t *testing.T) {
	t.Helper()
	if buildErr != nil {
		t.Fatalf("baton-boomi binary not available: %v", buildErr)
	}
}
