// Package metadata produces the committed connector metadata from the connector binary itself:
// baton_capabilities.json (`baton-boomi capabilities`), config_schema.json (`baton-boomi config`), the
// capability table and manifests in docs/connector.mdx, and the `--help` output in README.md. `make generate` writes them
// (internal/metadata/gen); test/e2e/metadata_test.go fails when the committed files differ.
package metadata

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
)

// File names, relative to the repository root.
const (
	CapabilitiesFile = "baton_capabilities.json"
	ConfigSchemaFile = "config_schema.json"
	ConnectorDocFile = "docs/connector.mdx"
	ReadmeFile       = "README.md"
)

// The README's --help block sits between these lines.
const (
	helpBegin = "<!-- AUTO-GENERATED:HELP from `baton-boomi --help` by `make generate`; do not edit -->"
	helpEnd   = "<!-- END AUTO-GENERATED:HELP -->"
)

// Generated blocks of docs/connector.mdx: each sits between a begin and an end marker line, and its
// content comes from the named source.
var blocks = []struct{ name, source string }{
	{"CAPABILITIES", CapabilitiesFile},
	{"SECRET", "deploy/kubernetes/secret.yaml"},
	{"DEPLOYMENT", "deploy/kubernetes/deployment.yaml"},
}

func beginMarker(name, source string) string {
	return "{/* AUTO-GENERATED:" + name + " from " + source + " by `make generate`; do not edit */}"
}

func endMarker(name string) string { return "{/* END AUTO-GENERATED:" + name + " */}" }

// Files is the generated content, keyed by file name.
type Files map[string][]byte

// FromBinary runs bin's `capabilities` and `config` subcommands and derives every generated file; root is
// the repository (docs/connector.mdx there has its generated blocks replaced).
func FromBinary(ctx context.Context, bin, root string) (Files, error) {
	caps, err := subcommand(ctx, bin, "capabilities")
	if err != nil {
		return nil, err
	}
	conf, err := subcommand(ctx, bin, "config")
	if err != nil {
		return nil, err
	}
	table, err := CapabilityTable(caps)
	if err != nil {
		return nil, err
	}
	doc, err := os.ReadFile(filepath.Join(root, ConnectorDocFile))
	if err != nil {
		return nil, err
	}
	for _, b := range blocks {
		content := table
		if b.source != CapabilitiesFile {
			yaml, err := os.ReadFile(filepath.Join(root, b.source))
			if err != nil {
				return nil, err
			}
			content = "```yaml\n" + string(yaml) + "```\n"
		}
		if doc, err = replaceBlock(doc, b.name, b.source, content); err != nil {
			return nil, err
		}
	}
	help, err := run(ctx, bin, "--help")
	if err != nil {
		return nil, err
	}
	readme, err := os.ReadFile(filepath.Join(root, ReadmeFile))
	if err != nil {
		return nil, err
	}
	if readme, err = replaceBetween(readme, ReadmeFile, helpBegin, helpEnd, "```\n"+string(help)+"```\n"); err != nil {
		return nil, err
	}
	return Files{CapabilitiesFile: caps, ConfigSchemaFile: conf, ConnectorDocFile: doc, ReadmeFile: readme}, nil
}

// subcommand returns the JSON a subcommand prints, indented the same way every time (protojson varies
// its whitespace on purpose, so its bytes cannot be committed as they are).
func subcommand(ctx context.Context, bin, name string) ([]byte, error) {
	out, err := run(ctx, bin, name)
	if err != nil {
		return nil, err
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, out); err != nil {
		return nil, fmt.Errorf("%s %s printed no JSON: %w", bin, name, err)
	}
	var indented bytes.Buffer
	if err := json.Indent(&indented, compact.Bytes(), "", "  "); err != nil {
		return nil, err
	}
	indented.WriteByte('\n')
	return indented.Bytes(), nil
}

// run returns what bin prints to stdout with arg, in an environment without the caller's BATON_* settings.
func run(ctx context.Context, bin, arg string) ([]byte, error) {
	var stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, bin, arg)
	cmd.Stderr = &stderr
	cmd.Env = []string{"HOME=/nonexistent"}
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w: %s", bin, arg, err, stderr.String())
	}
	return out, nil
}

// capabilities is the part of baton_capabilities.json the table shows.
type capabilities struct {
	ResourceTypeCapabilities []struct {
		ResourceType struct {
			ID          string `json:"id"`
			DisplayName string `json:"displayName"`
		} `json:"resourceType"`
		Capabilities []string `json:"capabilities"`
		Permissions  struct {
			Permissions []struct {
				Permission string `json:"permission"`
			} `json:"permissions"`
		} `json:"permissions"`
	} `json:"resourceTypeCapabilities"`
}

// CapabilityTable renders the resource types of a capabilities document as a Markdown table: what the
// connector syncs, what it provisions, and what each type needs in Boomi.
func CapabilityTable(capsJSON []byte) (string, error) {
	var c capabilities
	if err := json.Unmarshal(capsJSON, &c); err != nil {
		return "", fmt.Errorf("baton_capabilities.json: %w", err)
	}
	if len(c.ResourceTypeCapabilities) == 0 {
		return "", fmt.Errorf("baton_capabilities.json lists no resource type")
	}
	mark := func(caps []string, want ...string) string {
		for _, w := range want {
			if slices.Contains(caps, w) {
				return "✅"
			}
		}
		return ""
	}
	var b strings.Builder
	b.WriteString("| Resource | Sync | Provision (grant/revoke) | Create / delete | Targeted sync | Needs in Boomi |\n")
	b.WriteString("| :--- | :--- | :--- | :--- | :--- | :--- |\n")
	for _, rt := range c.ResourceTypeCapabilities {
		var perms []string
		for _, p := range rt.Permissions.Permissions {
			perms = append(perms, p.Permission)
		}
		create := ""
		switch {
		case slices.Contains(rt.Capabilities, "CAPABILITY_ACCOUNT_PROVISIONING"):
			create = "✅ account creation"
		case slices.Contains(rt.Capabilities, "CAPABILITY_RESOURCE_CREATE"):
			create = "✅"
		}
		fmt.Fprintf(&b, "| %s (`%s`) | %s | %s | %s | %s | %s |\n",
			rt.ResourceType.DisplayName, rt.ResourceType.ID,
			mark(rt.Capabilities, "CAPABILITY_SYNC"),
			mark(rt.Capabilities, "CAPABILITY_PROVISION"),
			create,
			mark(rt.Capabilities, "CAPABILITY_TARGETED_SYNC"),
			strings.Join(perms, "; "))
	}
	return b.String(), nil
}

// replaceBlock puts content between the begin and end markers of the named block of mdx.
func replaceBlock(mdx []byte, name, source, content string) ([]byte, error) {
	return replaceBetween(mdx, ConnectorDocFile, beginMarker(name, source), endMarker(name), content)
}

// replaceBetween puts content between the lines begin and end of file's text.
func replaceBetween(text []byte, file, begin, end, content string) ([]byte, error) {
	s := string(text)
	i := strings.Index(s, begin)
	j := strings.Index(s, end)
	if i < 0 || j < i {
		return nil, fmt.Errorf("%s has no block %q ... %q", file, begin, end)
	}
	return []byte(s[:i] + begin + "\n\n" + content + "\n" + s[j:]), nil
}
