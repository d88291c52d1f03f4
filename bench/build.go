package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// buildConnector compiles ./cmd/baton-boomi of the module this command runs in into dir.
func buildConnector(ctx context.Context, dir string) (string, error) {
	root, err := moduleRoot()
	if err != nil {
		return "", err
	}
	out := filepath.Join(dir, "baton-boomi")
	cmd := exec.CommandContext(ctx, "go", "build", "-o", out, "./cmd/baton-boomi")
	cmd.Dir = root
	if combined, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build ./cmd/baton-boomi failed: %v\n%s", err, combined)
	}
	return out, nil
}

// moduleRoot is the directory holding go.mod, found by walking up from the working directory.
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
			return "", fmt.Errorf("no go.mod above %s: run the benchmark from inside the baton-boomi module", dir)
		}
		dir = parent
	}
}
