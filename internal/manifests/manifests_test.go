package manifests

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/conductorone/baton-sdk/pkg/field"

	"github.com/baton-boomi/baton-boomi/internal/buildbin"
	"github.com/baton-boomi/baton-boomi/pkg/config"
)

// sdkEnvReads are environment variables the SDK v0.26.0 reads directly rather than through a config field,
// each with the SDK file that reads it; the test checks that file really does.
var sdkEnvReads = map[string]string{
	"BATON_HOST_ID": "pkg/tasks/c1api/service_client.go",
}

func loadAll(t *testing.T) (string, *Secret, *Deployment, *Release) {
	t.Helper()
	root, err := buildbin.ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	s, d, r, err := Load(root)
	if err != nil {
		t.Fatal(err)
	}
	return root, s, d, r
}

// fieldEnvNames maps each environment variable the SDK binds to a field (BATON_ + the name with - as _)
// to the field, for the connector's fields and the SDK's own.
func fieldEnvNames() map[string]field.SchemaField {
	out := map[string]field.SchemaField{}
	for _, f := range append(append([]field.SchemaField{}, field.DefaultFields...), config.Config.Fields...) {
		out["BATON_"+strings.ToUpper(strings.ReplaceAll(f.FieldName, "-", "_"))] = f
	}
	return out
}

// sdkSource is the baton-sdk module directory this build uses.
func sdkSource(t *testing.T, root string) string {
	t.Helper()
	cmd := exec.CommandContext(t.Context(), "go", "list", "-m", "-f", "{{.Dir}}", "github.com/conductorone/baton-sdk")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil || strings.TrimSpace(string(out)) == "" {
		t.Fatalf("cannot locate the baton-sdk source (go mod download in %s): %v", root, err)
	}
	return strings.TrimSpace(string(out))
}

func TestEveryManifestEnvVarIsAConfigField(t *testing.T) {
	root, s, d, _ := loadAll(t)
	fields := fieldEnvNames()
	var names []string
	for k := range s.StringData {
		names = append(names, k)
	}
	for _, c := range d.Spec.Template.Spec.Containers {
		for _, e := range c.Env {
			names = append(names, e.Name)
		}
	}
	if len(names) == 0 {
		t.Fatal("the manifests set no environment variable")
	}
	for _, n := range names {
		if slices.Contains([]string{"BATON_ACCOUNT_ID", "BATON_USERNAME", "BATON_API_TOKEN"}, n) {
			t.Errorf("%s is the old name of a credential; the manifests use the documented BATON_BOOMI_* names", n)
		}
		if _, ok := fields[n]; ok {
			continue
		}
		file, ok := sdkEnvReads[n]
		if !ok {
			t.Errorf("%s is set by the manifests but is neither a connector nor an SDK config field", n)
			continue
		}
		src, err := os.ReadFile(filepath.Join(sdkSource(t, root), file))
		if err != nil || !strings.Contains(string(src), `"`+n+`"`) {
			t.Errorf("%s: the SDK's %s does not read it (%v)", n, file, err)
		}
	}
}

// The Secret has the keys ConductorOne's Boomi page shows, and provisioning on.
func TestSecretHasConductorOneShape(t *testing.T) {
	_, s, d, _ := loadAll(t)
	for _, k := range []string{"BATON_CLIENT_ID", "BATON_CLIENT_SECRET", "BATON_BOOMI_EMAIL", "BATON_BOOMI_API_TOKEN", "BATON_BOOMI_ACCOUNT_ID"} {
		if _, ok := s.StringData[k]; !ok {
			t.Errorf("secret.yaml lacks %s", k)
		}
	}
	if s.StringData["BATON_PROVISIONING"] != "true" {
		t.Errorf("secret.yaml sets BATON_PROVISIONING=%q, want \"true\" (without it ConductorOne cannot provision)", s.StringData["BATON_PROVISIONING"])
	}
	c := d.Spec.Template.Spec.Containers[0]
	if len(c.EnvFrom) != 1 || c.EnvFrom[0].SecretRef.Name != s.Metadata.Name {
		t.Errorf("the Deployment does not take its environment from the Secret %q", s.Metadata.Name)
	}
}

func TestDeploymentIsHardened(t *testing.T) {
	_, _, d, r := loadAll(t)
	spec := d.Spec.Template.Spec
	if d.Kind != "Deployment" || len(spec.Containers) != 1 {
		t.Fatalf("deployment.yaml: kind %q with %d containers, want one Deployment container", d.Kind, len(spec.Containers))
	}
	c := spec.Containers[0]
	check := func(ok bool, what string) {
		t.Helper()
		if !ok {
			t.Errorf("deployment.yaml: %s", what)
		}
	}
	isTrue := func(b *bool) bool { return b != nil && *b }
	isFalse := func(b *bool) bool { return b != nil && !*b }
	check(d.Spec.Replicas != nil && *d.Spec.Replicas == 1, "want replicas: 1 (one Boomi rate limit per account)")
	check(d.Spec.Strategy.Type == "Recreate", "want strategy Recreate, so no two pods share the rate limit during a rollout")
	for _, sc := range []SecurityContext{spec.SecurityContext, c.SecurityContext} {
		check(isTrue(sc.RunAsNonRoot), "want runAsNonRoot: true")
		check(sc.RunAsUser != nil && *sc.RunAsUser == 65532, "want runAsUser: 65532 (the image's user)")
		check(sc.SeccompProfile.Type == "RuntimeDefault", "want seccompProfile RuntimeDefault")
	}
	sc := c.SecurityContext
	check(isTrue(sc.ReadOnlyRootFilesystem), "want readOnlyRootFilesystem: true")
	check(isFalse(sc.AllowPrivilegeEscalation), "want allowPrivilegeEscalation: false")
	check(slices.Equal(sc.Capabilities.Drop, []string{"ALL"}), "want capabilities drop [ALL]")
	check(c.LivenessProbe != nil && c.LivenessProbe.HTTPGet != nil && c.LivenessProbe.HTTPGet.Path == "/live", "want a liveness probe on /live")
	check(c.ReadinessProbe != nil && c.ReadinessProbe.HTTPGet != nil && c.ReadinessProbe.HTTPGet.Path == "/ready", "want a readiness probe on /ready")
	check(c.Resources.Requests["cpu"] != "" && c.Resources.Requests["memory"] != "" && c.Resources.Limits["memory"] != "", "want cpu/memory requests and a memory limit")
	tmp := slices.ContainsFunc(c.VolumeMounts, func(m struct {
		Name      string `yaml:"name"`
		MountPath string `yaml:"mountPath"`
	}) bool {
		return m.MountPath == "/tmp"
	})
	check(tmp, "want a writable /tmp mount (the root filesystem is read-only)")
	env := map[string]string{}
	for _, e := range c.Env {
		env[e.Name] = e.Value
	}
	check(env["BATON_HOST_ID"] != "", "want BATON_HOST_ID set (a stable connector name in ConductorOne)")
	check(env["BATON_HEALTH_CHECK"] == "true" && env["BATON_HEALTH_CHECK_BIND_ADDRESS"] == "0.0.0.0", "want the health server on, bound to 0.0.0.0 for the probes")

	// The image is one the release publishes.
	repo, tag, _ := strings.Cut(c.Image, ":")
	published := false
	for _, dk := range r.Dockers {
		published = published || (slices.Contains(dk.Images, repo) && slices.Contains(dk.Tags, tag))
	}
	check(published, "image "+c.Image+" is not one .goreleaser.yaml publishes")
}
