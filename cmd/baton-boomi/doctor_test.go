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

	"github.com/spf13/cobra"
	"github.com/spf13/viper"

	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

// doctorCLI runs `baton-boomi doctor args…` on a command tree like the SDK's (a root and a viper with the
// BATON_ prefix) and returns what it printed and its error.
func doctorCLI(t *testing.T, args ...string) (string, error) {
	t.Helper()
	v := viper.New()
	v.SetEnvPrefix("baton")
	v.SetEnvKeyReplacer(strings.NewReplacer("-", "_"))
	v.AutomaticEnv()
	root := &cobra.Command{Use: "baton-boomi", SilenceErrors: true, SilenceUsage: true}
	var out bytes.Buffer
	if err := addDoctorCommand(context.Background(), root, v, &out); err != nil {
		t.Fatal(err)
	}
	root.SetArgs(append([]string{"doctor"}, args...))
	err := root.Execute()
	return out.String(), err
}

func doctorSim(t *testing.T) (*boomisim.Server, string, boomisim.Connection) {
	t.Helper()
	state := boomisim.Generate(boomisim.DefaultSpec(120, 5))
	sim := boomisim.New(boomisim.Options{RateLimit: -1})
	sim.Load(state)
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	return sim, srv.URL, boomisim.AdminConnection(state)
}

// The doctor takes the connector's flags: against a simulator it prints one line per probe and writes the
// JSON report.
func TestDoctorCommandRunsTheProbesAndWritesTheReport(t *testing.T) {
	_, url, conn := doctorSim(t)
	report := filepath.Join(t.TempDir(), "doctor.json")
	out, err := doctorCLI(t, "--base-url", url, "--boomi-account-id", conn.AccountID,
		"--boomi-email", conn.Username, "--boomi-api-token", conn.Token, "--report", report)
	if err != nil {
		t.Fatalf("doctor: %v\n%s", err, out)
	}
	if !strings.Contains(out, "[holds]         authentication:") || !strings.Contains(out, "MFT is not configured") {
		t.Fatalf("output:\n%s", out)
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

// Bad credentials: no probe runs; the error is the connector's one sentence, and only reads were sent.
func TestDoctorCommandFailsWithOneSentenceOnBadCredentials(t *testing.T) {
	sim, url, conn := doctorSim(t)
	out, err := doctorCLI(t, "--base-url", url, "--boomi-account-id", conn.AccountID,
		"--boomi-email", conn.Username, "--boomi-api-token", "wrong-token")
	if err == nil || out != "" {
		t.Fatalf("err %v, output %q", err, out)
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "baton-boomi doctor: ") || strings.Contains(msg, "rpc error") || strings.Contains(msg, "\n") ||
		!strings.Contains(strings.ToLower(msg), "token") {
		t.Fatalf("error %q", msg)
	}
	for route, c := range sim.Counters() {
		if !strings.HasPrefix(route, "GET ") && c.Requests > 0 {
			t.Fatalf("the doctor sent %s", route)
		}
	}
}
