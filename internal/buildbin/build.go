// Package buildbin compiles the baton-boomi binary for the end-to-end tests and the benchmark, which both
// run the real connector as a separate process.
package buildbin

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// Connector compiles ./cmd/baton-boomi into dir with the go command on PATH (under `go test`, the toolchain
// running the tests): from the working tree when rev is "", otherwise from that git revision exported into
// dir/src-<commit> (so a benchmark measures committed code, not edits in progress). It returns the binary
// and a description of its source.
func Connector(ctx context.Context, dir, rev string) (string, string, error) {
	root, err := ModuleRoot()
	if err != nil {
		return "", "", err
	}
	src, source := root, "the working tree"
	args := []string{"build"}
	if rev != "" {
		commit, err := gitOutput(ctx, root, "rev-parse", "--verify", rev+"^{commit}")
		if err != nil {
			return "", "", fmt.Errorf("--rev %s is not a commit of this repository: %w", rev, err)
		}
		src = filepath.Join(dir, "src-"+commit[:12])
		if err := exportTree(ctx, root, commit, src); err != nil {
			return "", "", err
		}
		source = "commit " + commit
		args = append(args, "-buildvcs=false")
	}
	out := filepath.Join(dir, "baton-boomi")
	cmd := exec.CommandContext(ctx, "go", append(args, "-o", out, "./cmd/baton-boomi")...)
	cmd.Dir = src
	if combined, err := cmd.CombinedOutput(); err != nil {
		return "", "", fmt.Errorf("go build ./cmd/baton-boomi (from %s) failed: %w\n%s", source, err, combined)
	}
	return out, source, nil
}

// ModuleRoot is the directory holding go.mod, found by walking up from the working directory. The
// repository checks and the manifest tests find the repository with it too.
func ModuleRoot() (string, error) {
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
			return "", fmt.Errorf("no go.mod above %s: run from inside the baton-boomi module", dir)
		}
		dir = parent
	}
}
