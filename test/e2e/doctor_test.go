package e2e

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// `baton-boomi doctor` through the real binary: the connector's flags (and, in a second run, the same values
// as BATON_* variables), one line per probe, the JSON report, and no write request to the simulator.
func TestDoctorThroughTheBinary(t *testing.T) {
	env, key := startMFTSim(t, 31, true)
	before := env.Sim.Snapshot()
	report := filepath.Join(env.Dir, "doctor.json")

	res := run(t, append(append([]string{"doctor"}, env.connArgs()...), append(mftArgs(env, key), "--report", report)...)...)
	if res.failed() {
		t.Fatalf("doctor failed:\n%s", res)
	}
	lines := strings.Count(res.Output, "\n[")
	if !strings.HasPrefix(res.Output, "[holds]") || lines < 15 || strings.Contains(res.Output, "[differs]") {
		t.Fatalf("doctor output (%d probe lines):\n%s", lines+1, res.Output)
	}
	data, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Summary map[string]int `json:"summary"`
		Results []struct {
			Probe, Verdict string
		} `json:"results"`
	}
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatalf("report: %v\n%s", err, data)
	}
	if len(got.Results) != lines+1 || got.Summary["differs"] != 0 || got.Summary["holds"] < 15 {
		t.Fatalf("report summary %v with %d results, output had %d lines", got.Summary, len(got.Results), lines+1)
	}
	for _, secret := range []string{env.Conn.Token, key, env.Conn.Username, env.Conn.AccountID} {
		if strings.Contains(string(data), secret) || strings.Contains(res.Output, secret) {
			t.Fatalf("the doctor's output or report carries a credential or account id")
		}
	}
	for route, c := range env.Sim.Counters() {
		if c.Requests > 0 && !strings.HasPrefix(route, "GET ") && !strings.HasSuffix(route, "/query") && !strings.HasSuffix(route, "/queryMore") {
			t.Fatalf("the doctor sent a write: %s", route)
		}
	}
	if after := env.Sim.Snapshot(); len(after.MFT.SSOMappings) != len(before.MFT.SSOMappings) {
		t.Fatal("the MFT mappings changed")
	}

	// The same values as BATON_* variables: the same probes run.
	needBinary(t)
	cmd := exec.CommandContext(t.Context(), binaryPath, "doctor")
	cmd.Env = append(cleanEnv(), "BATON_BASE_URL="+env.HTTP.URL, "BATON_BOOMI_ACCOUNT_ID="+env.Conn.AccountID,
		"BATON_BOOMI_EMAIL="+env.Conn.Username, "BATON_BOOMI_API_TOKEN="+env.Conn.Token)
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.HasPrefix(string(out), "[holds]         authentication:") {
		t.Fatalf("doctor with BATON_* variables: %v\n%s", err, out)
	}

	// Bad credentials: a non-zero exit and one sentence.
	res = run(t, "doctor", "--base-url", env.HTTP.URL, "--boomi-account-id", env.Conn.AccountID, "--boomi-email", env.Conn.Username,
		"--boomi-api-token", "not-the-token")
	if res.ExitCode == 0 || strings.Count(strings.TrimSpace(res.Output), "\n") != 0 || !strings.Contains(res.Output, "API token") {
		t.Fatalf("bad credentials: exit %d\n%s", res.ExitCode, res.Output)
	}
}
