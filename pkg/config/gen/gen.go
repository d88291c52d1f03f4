// Command gen writes conf.gen.go, the typed Boomi config struct, from the field declarations.
// It runs in pkg/config (go generate / make generate) and gofmt's the result, because the SDK's
// generator writes unformatted code and `make lint` checks formatting.
package main

import (
	"go/format"
	"log"
	"os"

	cfg "github.com/baton-boomi/baton-boomi/pkg/config"
	"github.com/conductorone/baton-sdk/pkg/config"
)

const generatedFile = "conf.gen.go"

func main() {
	config.Generate("boomi", cfg.Config)
	src, err := os.ReadFile(generatedFile)
	if err != nil {
		log.Fatalf("reading %s: %v", generatedFile, err)
	}
	formatted, err := format.Source(src)
	if err != nil {
		log.Fatalf("formatting %s: %v", generatedFile, err)
	}
	if err := os.WriteFile(generatedFile, formatted, 0o600); err != nil {
		log.Fatalf("writing %s: %v", generatedFile, err)
	}
}
