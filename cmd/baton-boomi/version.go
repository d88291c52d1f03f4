package main

import "runtime/debug"

// version and commit are stamped at build time by `make build`, `make image` and goreleaser:
//
//	-ldflags "-X main.version=v1.2.3 -X main.commit=0123abc"
//
// A `go install github.com/baton-boomi/baton-boomi/cmd/baton-boomi@v1.2.3` build carries no ldflags, so
// the module version and VCS revision Go records in the binary fill in whatever was not stamped.
var (
	version = ""
	commit  = ""
)

// versionString is what `baton-boomi --version` prints after "baton-boomi version ".
func versionString() string {
	v, c := version, commit
	if info, ok := debug.ReadBuildInfo(); ok {
		if v == "" && info.Main.Version != "" && info.Main.Version != "(devel)" {
			v = info.Main.Version
		}
		for _, s := range info.Settings {
			if c == "" && s.Key == "vcs.revision" {
				c = s.Value
			}
		}
	}
	if v == "" {
		v = "dev"
	}
	if c == "" {
		return v
	}
	return v + " (commit " + c + ")"
}
