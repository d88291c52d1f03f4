package main

import (
	"archive/tar"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// buildConnector compiles ./cmd/baton-boomi into dir: from the working tree when rev is "", otherwise from
// that git revision exported into dir/src (so a benchmark measures committed code, not edits in progress).
// It returns the binary and a description of its source.
func buildConnector(ctx context.Context, dir, rev string) (string, string, error) {
	root, err := moduleRoot()
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
		return "", "", fmt.Errorf("go build ./cmd/baton-boomi (from %s) failed: %v\n%s", source, err, combined)
	}
	return out, source, nil
}

func gitOutput(ctx context.Context, dir string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	out, err := cmd.Output()
	return strings.TrimSpace(string(out)), err
}

// exportTree writes the files of commit into dst (git archive, unpacked here).
func exportTree(ctx context.Context, root, commit, dst string) error {
	cmd := exec.CommandContext(ctx, "git", "archive", "--format=tar", commit)
	cmd.Dir = root
	var archive bytes.Buffer
	cmd.Stdout = &archive
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("git archive %s: %w", commit, err)
	}
	tr := tar.NewReader(&archive)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		path := filepath.Join(dst, filepath.FromSlash(h.Name))
		if !strings.HasPrefix(path, filepath.Clean(dst)+string(os.PathSeparator)) {
			return fmt.Errorf("git archive entry %q leaves the export directory", h.Name)
		}
		switch h.Typeflag {
		case tar.TypeDir:
			if err := os.MkdirAll(path, 0o755); err != nil {
				return err
			}
		case tar.TypeReg:
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				return err
			}
			f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, os.FileMode(h.Mode)&0o777)
			if err != nil {
				return err
			}
			_, err = io.Copy(f, tr)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return err
			}
		}
	}
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
