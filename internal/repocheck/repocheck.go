// Package repocheck holds repository-wide checks that run with `make test`: the index of assumptions
// (docs/assumptions.md) matches the assumption markers in the code, and no file cites material that is
// not in the repository.
package repocheck

import (
	"io/fs"
	"os"
	"strings"
)

// SourceFile is one file of the repository, relative to its root.
type SourceFile struct {
	Path string
	Text string
}

// Files returns the repository's files whose names end in one of exts, skipping hidden directories,
// testdata and generated build output. It reads through os.DirFS(root), so no path leaves the repository.
func Files(root string, exts ...string) ([]SourceFile, error) {
	repo := os.DirFS(root)
	var out []SourceFile
	err := fs.WalkDir(repo, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != "." && (strings.HasPrefix(name, ".") || name == "testdata" || name == "dist" || name == "node_modules") {
				return fs.SkipDir
			}
			return nil
		}
		for _, ext := range exts {
			if strings.HasSuffix(name, ext) {
				data, err := fs.ReadFile(repo, path)
				if err != nil {
					return err
				}
				out = append(out, SourceFile{Path: path, Text: string(data)})
				break
			}
		}
		return nil
	})
	return out, err
}
