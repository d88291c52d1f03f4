// Package repocheck holds repository-wide checks that run with `make test`: the index of assumptions
// (docs/assumptions.md) matches the assumption markers in the code, and no file cites material that is
// not in the repository.
package repocheck

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// ModuleRoot walks up from dir to the directory holding go.mod.
func ModuleRoot(dir string) (string, error) {
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above " + dir)
		}
		dir = parent
	}
}

// SourceFile is one file of the repository, relative to its root.
type SourceFile struct {
	Path string
	Text string
}

// Files returns the repository's files whose names end in one of exts, skipping hidden directories,
// testdata and generated build output.
func Files(root string, exts ...string) ([]SourceFile, error) {
	var out []SourceFile
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != root && (strings.HasPrefix(name, ".") || name == "testdata" || name == "dist" || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		for _, ext := range exts {
			if strings.HasSuffix(name, ext) {
				data, err := os.ReadFile(path)
				if err != nil {
					return err
				}
				rel, _ := filepath.Rel(root, path)
				out = append(out, SourceFile{Path: filepath.ToSlash(rel), Text: string(data)})
				break
			}
		}
		return nil
	})
	return out, err
}
