package buildbin

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestModuleRootIsTheDirectoryHoldingGoMod(t *testing.T) {
	root, err := ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	mod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(mod), "module github.com/baton-boomi/baton-boomi\n") {
		t.Errorf("%s/go.mod is not the baton-boomi module", root)
	}
}

func TestConnectorRefusesARevisionThatIsNoCommit(t *testing.T) {
	_, _, err := Connector(context.Background(), t.TempDir(), "no-such-revision-xyz")
	if err == nil || !strings.Contains(err.Error(), "--rev no-such-revision-xyz is not a commit of this repository") {
		t.Errorf("error %v, want one naming the revision", err)
	}
}

func TestExportTreeWritesTheCommitsFiles(t *testing.T) {
	root, err := ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	commit, err := gitOutput(context.Background(), root, "rev-parse", "HEAD")
	if err != nil {
		t.Fatalf("git rev-parse HEAD: %v", err)
	}
	dst := filepath.Join(t.TempDir(), "src")
	if err := exportTree(context.Background(), root, commit, dst); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"go.mod", "cmd/baton-boomi/main.go"} {
		if _, err := os.Stat(filepath.Join(dst, f)); err != nil {
			t.Errorf("export of %s lacks %s: %v", commit, f, err)
		}
	}
}
