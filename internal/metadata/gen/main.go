// Command gen writes the generated connector metadata (see package metadata) from a built baton-boomi
// binary: go run ./internal/metadata/gen dist/baton-boomi
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/baton-boomi/baton-boomi/internal/metadata"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: gen path/to/baton-boomi (run from the repository root)")
		os.Exit(2)
	}
	files, err := metadata.FromBinary(context.Background(), os.Args[1], ".")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	for name, data := range files {
		if err := os.WriteFile(name, data, 0o644); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
}
