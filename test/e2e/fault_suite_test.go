package e2e

import (
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/baton-boomi/baton-boomi/internal/syncexpect"
	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

// The fault-injection suite: the real binary against the simulator, with every transient fault Boomi (and
// what stands in front of it) produces, on the Platform and the MFT routes. Each scenario has a fixed seed,
// so a failure reproduces. A scenario either survives — its .c1z (resources with their traits,
// entitlements, grants) is identical to a fault-free sync of the same dataset — or, where no retry can
// help, exits non-zero with a sentence naming the object and the page. Never exit 0 with data missing.

// faultSuiteSpec is small on purpose (the suite runs in `make test`): 250 users cross two AccountUserRole
// page boundaries, and 12 MFT users add 12 detail reads.
func faultSuiteSpec() boomisim.DatasetSpec {
	spec := boomisim.DefaultSpec(250, 91)
	m := boomisim.DefaultMFTSpec()
	m.Users = 12
	spec.MFT = &m
	return spec
}

// faultScenario is one faulted run of the suite's dataset.
type faultScenario struct {
	name string
	opts boomisim.Options // simulator options (rate limit, fault seed)
	// faults are set before the run; arm, if set, installs them later (an after-hook) instead.
	faults boomisim.Faults
	arm    func(env *simEnv)
	args   []string // extra flags (pacing)
	// minFaults is how many answers the fault injector must have given at least, so the scenario proves
	// something; minThrottled likewise for the rate limiter.
	minFaults, minThrottled int64
	// mustFail lists what the error output must name when no retry can help (nil: the run must succeed).
	mustFail []string
}

func TestFaultSuite(t *testing.T) {
	t.Parallel()
	needBinary(t)
	st := boomisim.Generate(faultSuiteSpec())

	// The fault-free reference, itself checked against the simulator's truth.
	cleanEnv := startSimWithState(t, st, noRateLimit)
	key := st.MFT.APIKeys[0]
	roles := cleanEnv.servedRoles(t)
	cleanPath := cleanEnv.c1zPath("clean")
	cleanEnv.mustSync(t, cleanPath, append(append([]string{}, fastPacing...), mftArgs(cleanEnv, key)...)...)
	clean := readC1Z(t, cleanPath)
	snap := cleanEnv.Sim.Snapshot()
	compareSync(t, syncexpect.ForAccount(snap, cleanEnv.Conn.AccountID, roles), clean, syncexpect.Platform)
	compareSync(t, expectedMFT(snap.MFT), clean, syncexpect.MFT)
	t.Logf("fault-free reference: %s", countsSummary(clean))

	queryTokenRejected := "The queryToken is not valid or has expired."
	scenarios := []faultScenario{
		{
			// Boomi's documented limit (10 requests/s, 503 above it, bucket of one) with the connector paced
			// above it, and a 3-second storm in which every request is answered 503, from the 5th request on.
			name: "503-storm-3s-at-limit-10",
			opts: boomisim.Options{RateLimit: boomisim.DefaultRateLimit, Burst: 1, FaultSeed: 21},
			arm: func(env *simEnv) {
				var n atomic.Int64
				env.Sim.SetAfterHook(func(string) {
					if n.Add(1) == 5 {
						env.Sim.SetFaults(boomisim.Faults{StormFor: 3 * time.Second})
					}
				})
			},
			args: []string{"--requests-per-second", "15"},
			// The storm meets one request and its retries (0.5 s and 1 s ± 50 % apart, so two at least land
			// in the 3 s); the adaptive pacer slows everything else down after the first 503.
			minFaults:    2,
			minThrottled: 1,
		},
		{
			// 3 % random 500/502/504 (half of them HTML pages from a proxy) and 1 % dropped connections.
			name:      "random-5xx-3pct-html-and-1pct-drops",
			opts:      boomisim.Options{RateLimit: -1, FaultSeed: 22},
			faults:    boomisim.Faults{P500: 0.01, P502: 0.01, P504: 0.01, PDrop: 0.01, PHTML: 0.5},
			args:      fastPacing,
			minFaults: 2,
		},
		{
			name:      "truncated-json",
			opts:      boomisim.Options{RateLimit: -1, FaultSeed: 23},
			faults:    boomisim.Faults{PTruncate: 0.25},
			args:      fastPacing,
			minFaults: 2,
		},
		{
			// Slower than usual but within the client's timeout: nothing is retried, nothing is lost.
			name:   "slow-answers",
			opts:   boomisim.Options{RateLimit: -1, FaultSeed: 24},
			faults: boomisim.Faults{Latency: 60 * time.Millisecond, Jitter: 120 * time.Millisecond},
			args:   fastPacing,
		},
		{
			// Every MFT list and a user detail fail once: the first MFT list during validation answers 500
			// (the failure a new user met), the others answer 502, 504, a dropped connection and a 500 in
			// the middle of the user details.
			name: "mft-routes",
			opts: boomisim.Options{RateLimit: -1, FaultSeed: 25},
			faults: boomisim.Faults{Routes: map[string]boomisim.RouteFault{
				"GET /mft/api/AdminSsoMapping": {Count: 1, Status: 500},
				"GET /mft/api/AdminRoles":      {After: 1, Count: 1, Status: 502},
				"GET /mft/api/Organization":    {After: 1, Count: 1, Status: 504},
				"GET /mft/api/AdminUsers":      {After: 1, Count: 1, Status: 0},
				"GET /mft/api/AdminUsers/{id}": {After: 4, Count: 2, Status: 500},
			}},
			args:      fastPacing,
			minFaults: 6,
		},
		{
			// Platform routes, one of each: a 500 on the first user-role page, a drop on a later one, an
			// HTML 502 on the federation list.
			name: "platform-routes",
			opts: boomisim.Options{RateLimit: -1, FaultSeed: 26},
			faults: boomisim.Faults{Routes: map[string]boomisim.RouteFault{
				"POST /AccountUserRole/query":       {Count: 1, Status: 500},
				"POST /AccountUserRole/queryMore":   {After: 1, Count: 1, Status: 0},
				"POST /AccountUserFederation/query": {Count: 1, Status: 504},
				"GET /getAssignableRoles":           {Count: 1, Status: 502},
			}},
			args:      fastPacing,
			minFaults: 4,
		},
		{
			// Boomi suddenly rejects a queryToken in the middle of the user-role listing. No retry can
			// help (the token is gone, and restarting would emit the first page twice): the run must fail
			// and say which listing stopped where. Gone means every later ask is refused too: with a
			// one-shot fault the read-ahead could meet it alone, and the walk's own read of the page then
			// succeeded, which no real Boomi would do.
			name: "query-token-rejected-mid-listing",
			opts: boomisim.Options{RateLimit: -1, FaultSeed: 27},
			faults: boomisim.Faults{Routes: map[string]boomisim.RouteFault{
				"POST /AccountUserRole/queryMore": {After: 1, Count: 1000, Status: 400, Message: queryTokenRejected},
			}},
			args:      fastPacing,
			minFaults: 1,
			mustFail:  []string{"listing AccountUserRole stopped at the page after queryToken", queryTokenRejected},
		},
	}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			t.Parallel()
			env := startSimWithState(t, st, sc.opts)
			env.Sim.SetFaults(sc.faults)
			if sc.arm != nil {
				sc.arm(env)
			}
			path := env.c1zPath(sc.name)
			args := append(append([]string{"-f", path}, sc.args...), mftArgs(env, key)...)
			res := env.runWith(t, args...)
			env.Sim.SetAfterHook(nil)
			env.Sim.SetFaults(boomisim.Faults{})

			var faults, throttled, requests int64
			for _, c := range env.Sim.Counters() {
				faults += c.Faults
				throttled += c.Throttled
				requests += c.Requests
			}
			t.Logf("%s: %d requests, %d faults injected, %d throttled, %s", sc.name, requests, faults, throttled, res.Duration.Round(time.Millisecond))
			if faults < sc.minFaults || throttled < sc.minThrottled {
				t.Errorf("only %d faults and %d throttled answers, want at least %d and %d: the scenario proves little",
					faults, throttled, sc.minFaults, sc.minThrottled)
			}
			if sc.mustFail != nil {
				if res.ExitCode == 0 {
					t.Fatalf("the run exited 0 although a listing could not be completed:\n%s", res)
				}
				mustFailWith(t, sc.name, res, sc.mustFail...)
				return
			}
			if res.failed() {
				t.Fatalf("the sync did not survive the faults (exit %d):\n%s", res.ExitCode, res)
			}
			if !strings.Contains(res.Output, "baton-boomi sync requests") {
				t.Error("the run did not log its request summary line")
			}
			sameContents(t, clean, readC1Z(t, path))
		})
	}
}
