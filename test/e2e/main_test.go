package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
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
	binaryPath, buildErr = buildConnector(dir)
	code := m.Run()
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

// buildConnector compiles cmd/baton-boomi into dir with the go tool that runs these tests.
func buildConnector(dir string) (string, error) {
	root, err := moduleRoot()
	if err != nil {
		return "", err
	}
	out := filepath.Join(dir, "baton-boomi")
	cmd := exec.Command(goTool(), "build", "-o", out, "./cmd/baton-boomi")
	cmd.Dir = root
	if combined, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build ./cmd/baton-boomi: %v\n%s", err, combined)
	}
	return out, nil
}

// needBinary fails the test when the connector could not be built.
func needBinary(t *testing.T) {
	t.Helper()
	if buildErr != nil {
		t.Fatalf("baton-boomi binary not available: %v", buildErr)
	}
}

// moduleRoot is the directory holding go.mod, found by walking up from the test's working directory.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod above the test directory")
		}
		dir = parent
	}
}

// goTool is the go command; `go test` puts its own GOROOT/bin first on PATH, so this is the toolchain
// running the tests.
func goTool() string { return "go" }
