package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

// The doctor takes the connector's flags: against a simulator it prints one line per probe and writes the
// JSON report, exit 0.
func TestDoctorCommandRunsTheProbesAndWritesTheReport(t *testing.T) {
	state := boomisim.Generate(boomisim.DefaultSpec(120, 5))
	sim := boomisim.New(boomisim.Options{RateLimit: -1})
	sim.Load(state)
	srv := httptest.NewServer(sim)
	defer srv.Close()
	conn := boomisim.AdminConnection(state)
	report := filepath.Join(t.TempDir(), "doctor.json")

	var out, errOut bytes.Buffer
	code := runDoctor(context.Background(), []string{"--base-url", srv.URL, "--account-id", conn.AccountID,
		"--username", conn.Username, "--api-token", conn.Token, "--report", report}, &out, &errOut)
	if code != 0 {
		t.Fatalf("exit %d; stderr %s", code, errOut.String())
	}
	if !strings.Contains(out.String(), "[holds]         authentication:") || !strings.Contains(out.String(), "MFT is not configured") {
		t.Fatalf("output:\n%s", out.String())
	}
	data, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	var r struct {
		Results []struct{ Probe, Verdict string } `json:"results"`
	}
	if err := json.Unmarshal(data, &r); err != nil || len(r.Results) < 10 {
		t.Fatalf("report %s (%v)", data, err)
	}
	if strings.Contains(string(data), conn.Token) || strings.Contains(string(data), conn.Username) {
		t.Fatalf("the report carries a credential: %s", data)
	}
}

// Bad credentials: no probe can run; exit 1 with the connector's one-sentence explanation.
func TestDoctorCommandFailsWithOneSentenceOnBadCredentials(t *testing.T) {
	state := boomisim.Generate(boomisim.DefaultSpec(120, 5))
	sim := boomisim.New(boomisim.Options{RateLimit: -1})
	sim.Load(state)
	srv := httptest.NewServer(sim)
	defer srv.Close()
	conn := boomisim.AdminConnection(state)

	var out, errOut bytes.Buffer
	code := runDoctor(context.Background(), []string{"--base-url", srv.URL, "--account-id", conn.AccountID,
		"--username", conn.Username, "--api-token", "wrong-token"}, &out, &errOut)
	if code != 1 {
		t.Fatalf("exit %d, want 1; stdout %s", code, out.String())
	}
	msg := strings.TrimSpace(errOut.String())
	if !strings.Contains(msg, "rejected the e-mail or API token") || strings.Count(msg, "\n") != 0 || out.Len() != 0 {
		t.Fatalf("stderr %q, stdout %q", msg, out.String())
	}
	for route, c := range sim.Counters() {
		if !strings.HasPrefix(route, "GET ") && c.Requests > 0 {
			t.Fatalf("the doctor sent %s", route)
		}
	}
}
