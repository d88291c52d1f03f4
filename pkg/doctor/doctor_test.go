package doctor

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
	"github.com/baton-boomi/baton-boomi/pkg/mft"
)

// doctorEnv is a generated Boomi world (Platform and MFT) in a simulator with the given options, and a
// doctor Target on it.
type doctorEnv struct {
	sim    *boomisim.Server
	state  *boomisim.State
	target *Target
}

func newDoctorEnv(t *testing.T, opts boomisim.Options) *doctorEnv {
	t.Helper()
	spec := boomisim.DefaultSpec(150, 3)
	mftSpec := boomisim.DefaultMFTSpec()
	spec.MFT = &mftSpec
	state := boomisim.Generate(spec)
	opts.RateLimit = -1
	sim := boomisim.New(opts)
	sim.Load(state)
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	ctx := context.Background()
	conn := boomisim.AdminConnection(state)
	platformCfg := boomi.Config{BaseURL: srv.URL, AccountID: conn.AccountID, Username: conn.Username, APIToken: conn.Token,
		RequestsPerSecond: -1, RetryInitialInterval: time.Millisecond, MaxRetries: 1}
	platform, err := boomi.New(ctx, platformCfg)
	require.NoError(t, err)
	mftClient, err := mft.New(ctx, mft.Config{BaseURL: srv.URL + "/mft", APIKey: state.MFT.APIKeys[0], RequestsPerSecond: -1})
	require.NoError(t, err)
	// The generated audit log is anchored at a fixed date; the doctor looks 90 days back from "now".
	now := func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }
	newest := ""
	for _, a := range state.Accounts {
		for _, e := range a.AuditLogs {
			newest = max(newest, e.Date)
		}
	}
	if at, err := time.Parse(boomi.DateLayout, newest); err == nil {
		now = func() time.Time { return at.Add(time.Hour) }
	}
	return &doctorEnv{sim: sim, state: state, target: &Target{
		Platform: platform, MFT: mftClient, OwnerLogin: conn.Username, Now: now,
	}}
}

func verdicts(results []Result) map[string]Verdict {
	out := map[string]Verdict{}
	for _, r := range results {
		out[r.Probe] = r.Verdict
	}
	return out
}

// writeRequests counts the requests that could change something: everything but GETs, queries and
// queryMores (the simulator's route counters, Platform and MFT).
func writeRequests(sim *boomisim.Server) (int64, int64) {
	var all, writes int64
	for route, c := range sim.Counters() {
		all += c.Requests
		if strings.HasPrefix(route, "GET ") || strings.HasSuffix(route, "/query") || strings.HasSuffix(route, "/queryMore") {
			continue
		}
		writes += c.Requests
	}
	return all, writes
}

// Against a simulator that behaves as documented every probe holds, except the MFT writes, which the doctor
// never tries; and it sends no write request at all.
func TestDoctorAgainstTheSimulatorHoldsEverywhereAndWritesNothing(t *testing.T) {
	e := newDoctorEnv(t, boomisim.Options{})
	before := e.sim.Snapshot()
	results, err := Run(context.Background(), e.target)
	require.NoError(t, err)

	for _, r := range results {
		if strings.HasPrefix(r.Probe, "mft: ") && strings.HasPrefix(r.Seen, "not tried: it writes") {
			require.Equal(t, CouldNotTest, r.Verdict, r.Probe)
			continue
		}
		require.Equal(t, Holds, r.Verdict, "%s: expected %s; seen %s", r.Probe, r.Expected, r.Seen)
	}
	require.Len(t, results, 1+len(probes)+len(mft.Routes())+1)

	all, writes := writeRequests(e.sim)
	require.Zero(t, writes, "the doctor wrote: %v", e.sim.Counters())
	require.Positive(t, all)
	t.Logf("the doctor sent %d requests, none a write", all)
	require.Equal(t, before, e.sim.Snapshot(), "the simulated world is unchanged")
}

// Each simulator option that flips an assumption makes exactly the probe that checks it report "differs".
func TestDoctorReportsDiffersForExactlyTheFlippedAssumption(t *testing.T) {
	base, err := Run(context.Background(), newDoctorEnv(t, boomisim.Options{}).target)
	require.NoError(t, err)
	baseVerdicts := verdicts(base)

	for _, tc := range []struct {
		name  string
		opts  boomisim.Options
		probe string
	}{
		{"numberOfResults counts the page", boomisim.Options{NumberOfResults: boomisim.NumberOfResultsPage}, "number-of-results"},
		{"Role query omits built-in roles", boomisim.Options{RoleQueryOmitsBuiltin: true}, "role-query-lists-builtin"},
		{"AccountUserRole no-match is HTTP 500", boomisim.Options{UserRoleNoMatchIs500: true}, "empty-query"},
		{"AccountUserRole refuses userId ranges", boomisim.Options{UserRoleRefusesUserIDRanges: true}, "user-role-ranges"},
		{"MFT has no get-by-id route (404)", boomisim.Options{MFTMissingRoutes: http.StatusNotFound}, "mft: get one SSO mapping"},
		{"MFT has no get-by-id route (405)", boomisim.Options{MFTMissingRoutes: http.StatusMethodNotAllowed}, "mft: get one SSO mapping"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			results, err := Run(context.Background(), newDoctorEnv(t, tc.opts).target)
			require.NoError(t, err)
			got := verdicts(results)
			for probe, want := range baseVerdicts {
				if probe == tc.probe {
					require.Equal(t, Differs, got[probe], "%s should differ", probe)
					continue
				}
				require.Equal(t, want, got[probe], "%s should not change", probe)
			}
		})
	}
}

// The report holds no secret and no personal data: no token, no API key, no account id, no e-mail, no name.
func TestDoctorReportHasNoSecretsOrPersonalData(t *testing.T) {
	e := newDoctorEnv(t, boomisim.Options{})
	results, err := Run(context.Background(), e.target)
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "report.json")
	report := NewReport("test", time.Unix(0, 0), results)
	require.NoError(t, report.WriteFile(path))
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	var printed bytes.Buffer
	report.Print(&printed)

	conn := boomisim.AdminConnection(e.state)
	forbidden := []string{conn.Token, e.state.MFT.APIKeys[0], conn.AccountID, conn.Username, "@example.com"}
	for _, a := range e.state.Accounts {
		forbidden = append(forbidden, a.Account.AccountID)
		for _, u := range a.UserRoles {
			forbidden = append(forbidden, u.UserID)
		}
	}
	for _, u := range e.state.MFT.Users {
		forbidden = append(forbidden, u.Email)
	}
	for _, s := range forbidden {
		if s == "" {
			continue
		}
		require.NotContains(t, string(data), s)
		require.NotContains(t, printed.String(), s)
	}
	var back Report
	require.NoError(t, json.Unmarshal(data, &back))
	require.Equal(t, len(results), len(back.Results))
	require.Equal(t, len(results), back.Summary[Holds]+back.Summary[Differs]+back.Summary[CouldNotTest])
}

// A tenant that cannot be read stops the run with an error (the command prints it and exits non-zero).
func TestDoctorFailsWhenTheAccountCannotBeRead(t *testing.T) {
	e := newDoctorEnv(t, boomisim.Options{})
	bad, err := boomi.New(context.Background(), boomi.Config{BaseURL: "http://127.0.0.1:1", AccountID: "x-AAAAAA", Username: "u@example.invalid",
		APIToken: "t", RequestsPerSecond: -1, MaxRetries: 1, RetryInitialInterval: time.Millisecond, MaxRetryElapsed: 50 * time.Millisecond})
	require.NoError(t, err)
	e.target.Platform = bad
	_, err = Run(context.Background(), e.target)
	require.ErrorContains(t, err, "could not read the Boomi account")
}
