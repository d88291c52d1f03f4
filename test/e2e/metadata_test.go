package e2e

import (
	"context"
	"os"
	"testing"

	"github.com/baton-boomi/baton-boomi/internal/buildbin"
	"github.com/baton-boomi/baton-boomi/internal/metadata"
)

// The committed baton_capabilities.json, config_schema.json, docs/connector.mdx and README.md's --help
// block are what the binary built from this tree generates (`make generate`).
func TestCommittedMetadataIsCurrent(t *testing.T) {
	needBinary(t)
	root, err := buildbin.ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	files, err := metadata.FromBinary(context.Background(), binaryPath, root)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range files {
		got, err := os.ReadFile(root + "/" + name)
		if err != nil {
			t.Errorf("%s: %v (run make generate)", name, err)
			continue
		}
		if string(got) != string(want) {
			t.Errorf("%s is out of date: run make generate and commit the result", name)
		}
	}
}
