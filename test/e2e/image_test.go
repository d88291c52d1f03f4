//go:build image

package e2e

// The container image check, run by `make image-check` (which builds the image first and passes its name,
// version and commit in BATON_BOOMI_IMAGE*). No container can run on a machine without a container
// runtime, so the test inspects the image's configuration, extracts the binary from its filesystem with
// buildah and runs that binary against the simulator.

import (
	"bytes"
	"debug/elf"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/baton-boomi/baton-boomi/internal/syncexpect"
	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

// imageUnderTest names the image and the version and commit it must carry.
type imageUnderTest struct{ ref, version, commit string }

func imageFromEnv(t *testing.T) imageUnderTest {
	t.Helper()
	img := imageUnderTest{
		ref:     os.Getenv("BATON_BOOMI_IMAGE"),
		version: os.Getenv("BATON_BOOMI_IMAGE_VERSION"),
		commit:  os.Getenv("BATON_BOOMI_IMAGE_COMMIT"),
	}
	if img.ref == "" || img.version == "" || img.commit == "" {
		t.Fatal("set BATON_BOOMI_IMAGE, BATON_BOOMI_IMAGE_VERSION and BATON_BOOMI_IMAGE_COMMIT (make image-check does)")
	}
	return img
}

func buildah(t *testing.T, args ...string) string {
	t.Helper()
	var stderr bytes.Buffer
	cmd := exec.Command("buildah", args...)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("buildah %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return strings.TrimSpace(string(out))
}

// ociConfig is the part of the image configuration the check reads.
type ociConfig struct {
	OCIv1 struct {
		Config struct {
			User       string            `json:"User"`
			Entrypoint []string          `json:"Entrypoint"`
			Cmd        []string          `json:"Cmd"`
			Labels     map[string]string `json:"Labels"`
		} `json:"config"`
	} `json:"OCIv1"`
}

// extractBinary copies /baton-boomi out of the image's filesystem into dir and returns its path; it
// also reports the mode and owner of the image's /tmp.
func extractBinary(t *testing.T, ref, dir string) (string, os.FileInfo) {
	t.Helper()
	ctr := buildah(t, "from", "--pull=never", "--quiet", ref)
	defer buildah(t, "rm", ctr)
	mnt := buildah(t, "mount", ctr)
	defer buildah(t, "umount", ctr)
	data, err := os.ReadFile(filepath.Join(mnt, "baton-boomi"))
	if err != nil {
		t.Fatalf("image has no /baton-boomi: %v", err)
	}
	tmp, err := os.Stat(filepath.Join(mnt, "tmp"))
	if err != nil {
		t.Fatalf("image has no /tmp: %v", err)
	}
	bin := filepath.Join(dir, "baton-boomi")
	if err := os.WriteFile(bin, data, 0o755); err != nil {
		t.Fatal(err)
	}
	return bin, tmp
}

// requireStatic fails unless bin is an ELF executable with no interpreter and no shared libraries, so
// it runs in a FROM scratch image.
func requireStatic(t *testing.T, bin string) {
	t.Helper()
	f, err := elf.Open(bin)
	if err != nil {
		t.Fatalf("%s is not an ELF binary: %v", bin, err)
	}
	defer f.Close()
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			t.Fatalf("%s asks for a dynamic loader (PT_INTERP): build it with CGO_ENABLED=0", bin)
		}
	}
	if libs, _ := f.ImportedLibraries(); len(libs) > 0 {
		t.Fatalf("%s links shared libraries %v: build it with CGO_ENABLED=0", bin, libs)
	}
}

func TestImage(t *testing.T) {
	img := imageFromEnv(t)
	var cfg ociConfig
	if err := json.Unmarshal([]byte(buildah(t, "inspect", "--type", "image", img.ref)), &cfg); err != nil {
		t.Fatalf("buildah inspect: %v", err)
	}
	c := cfg.OCIv1.Config
	if c.User != "65532:65532" {
		t.Errorf("image user %q, want 65532:65532 (distroless nonroot)", c.User)
	}
	if len(c.Entrypoint) != 1 || c.Entrypoint[0] != "/baton-boomi" || len(c.Cmd) != 0 {
		t.Errorf("image entrypoint %q cmd %q, want [/baton-boomi] and no cmd", c.Entrypoint, c.Cmd)
	}
	for label, want := range map[string]string{
		"org.opencontainers.image.title":    "baton-boomi",
		"org.opencontainers.image.version":  img.version,
		"org.opencontainers.image.revision": img.commit,
		"org.opencontainers.image.licenses": "Apache-2.0",
		"org.opencontainers.image.source":   "https://github.com/baton-boomi/baton-boomi",
	} {
		if got := c.Labels[label]; got != want {
			t.Errorf("label %s = %q, want %q", label, got, want)
		}
	}

	bin, tmp := extractBinary(t, img.ref, t.TempDir())
	requireStatic(t, bin)
	if st, ok := tmp.Sys().(interface{ Uid() uint32 }); ok && st.Uid() != 65532 {
		t.Errorf("image /tmp is owned by uid %d, want 65532", st.Uid())
	}
	if !tmp.IsDir() {
		t.Errorf("image /tmp is not a directory")
	}

	ver := runBinary(t, bin, nil, "--version")
	if want := "baton-boomi version " + img.version + " (commit " + img.commit + ")"; strings.TrimSpace(ver.Output) != want {
		t.Errorf("--version printed %q, want %q", strings.TrimSpace(ver.Output), want)
	}

	// The extracted binary syncs a simulator completely.
	env := startSim(t, boomisim.DefaultSpec(40, 25), noRateLimit)
	roles := env.servedRoles(t)
	path := env.c1zPath("image-sync")
	res := runBinary(t, bin, nil, append(env.connArgs(), append([]string{"-f", path}, fastPacing...)...)...)
	if res.failed() {
		t.Fatalf("sync by the image's binary failed (exit %d, err %v):\n%s", res.ExitCode, res.Err, res)
	}
	got := readC1Z(t, path)
	exp := syncexpect.ForAccount(env.Sim.Snapshot(), env.Conn.AccountID, roles)
	compareSync(t, exp, got, syncexpect.Platform)
	assertNoSecretInC1Z(t, env.Conn.Token, path)
}
