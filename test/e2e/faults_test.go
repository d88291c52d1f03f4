package e2e

import (
	"encoding/json"
	"reflect"
	"testing"

	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"

	"github.com/baton-boomi/baton-boomi/internal/syncexpect"
	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

// sameContents asserts two syncs of the same state wrote the same resources, entitlements and grants
// (compared as whole messages, keyed by id).
func sameContents(t *testing.T, clean, faulted *c1zContents) {
	t.Helper()
	for rt, byID := range clean.Resources {
		for id, r := range byID {
			if other := faulted.Resources[rt][id]; other == nil || !sameMessage(t, r, other) {
				t.Errorf("%s %q differs between the clean and the faulted sync:\nclean:   %s\nfaulted: %s", rt, id, brief(r), brief(other))
				return
			}
		}
		if len(faulted.Resources[rt]) != len(byID) {
			t.Errorf("%s: %d resources in the faulted sync, %d in the clean one", rt, len(faulted.Resources[rt]), len(byID))
		}
	}
	if len(faulted.Entitlements) != len(clean.Entitlements) {
		t.Errorf("%d entitlements in the faulted sync, %d in the clean one", len(faulted.Entitlements), len(clean.Entitlements))
	}
	for id, e := range clean.Entitlements {
		if other := faulted.Entitlements[id]; other == nil || !sameMessage(t, e, other) {
			t.Errorf("entitlement %q differs between the clean and the faulted sync:\nclean:   %s\nfaulted: %s", id, brief(e), brief(other))
			return
		}
	}
	if len(faulted.Grants) != len(clean.Grants) {
		t.Errorf("%d grants in the faulted sync, %d in the clean one", len(faulted.Grants), len(clean.Grants))
	}
	for k, g := range clean.Grants {
		if other := faulted.Grants[k]; other == nil || !sameMessage(t, g, other) {
			t.Errorf("grant %s differs between the clean and the faulted sync:\nclean:   %s\nfaulted: %s", grantID(k), brief(g), brief(other))
			return
		}
	}
}

// TestSyncUnderFaultsMatchesCleanSync: 502s, a 503 storm, dropped connections and truncated bodies are
// absorbed by the client's retries; the .c1z is the same as a clean sync's and matches the simulator.
func TestSyncUnderFaultsMatchesCleanSync(t *testing.T) {
	env := startSim(t, boomisim.DefaultSpec(500, 31), noRateLimit)
	clean, _ := syncAndCompare(t, env)

	mixes := []struct {
		name      string
		faults    boomisim.Faults
		minFaults int64
	}{
		{"mixed", boomisim.Faults{
			P502:      0.05,
			PDrop:     0.03,
			PTruncate: 0.05,
			Storm503:  3, // the next three requests
			Routes: map[string]boomisim.RouteFault{
				"POST /AccountUserRole/queryMore":  {Count: 1, Status: 502},
				"POST /AccountGroupUserRole/query": {Count: 1, Status: 0}, // dropped connection
				"GET /getAssignableRoles":          {Count: 1, Status: 504},
			},
		}, 6},
		// Truncation alone, so it is certain that truncated 200 bodies were met and retried.
		{"truncated-bodies", boomisim.Faults{PTruncate: 0.3}, 1},
	}
	for _, mix := range mixes {
		t.Run(mix.name, func(t *testing.T) {
			env.Sim.ResetCounters()
			env.Sim.SetFaults(mix.faults)
			path := env.c1zPath(mix.name)
			env.mustSync(t, path, fastPacing...)
			env.Sim.SetFaults(boomisim.Faults{})
			var faults, requests int64
			for _, c := range env.Sim.Counters() {
				faults += c.Faults
				requests += c.Requests
			}
			t.Logf("%s: %d requests, %d answered by the fault injector", mix.name, requests, faults)
			if faults < mix.minFaults {
				t.Errorf("only %d faults were injected, want at least %d; the test proves little", faults, mix.minFaults)
			}
			sameContents(t, clean, readC1Z(t, path))
		})
	}
}

// TestSyncUnderRateLimitCompletes: with the simulator's 10 requests/s limit on (bucket of 1, so no burst
// allowance) and the connector pacing itself well above it, Boomi-style 503s are answered and retried
// until the sync completes correctly.
func TestSyncUnderRateLimitCompletes(t *testing.T) {
	env := startSim(t, boomisim.DefaultSpec(600, 32), boomisim.Options{RateLimit: boomisim.DefaultRateLimit, Burst: 1, FaultSeed: 1})
	roles := env.servedRoles(t)
	path := env.c1zPath("throttled")
	env.mustSync(t, path, "--requests-per-second", "40")
	var throttled int64
	for _, c := range env.Sim.Counters() {
		throttled += c.Throttled
	}
	t.Logf("throttled sync: %d requests answered 503 by the rate limiter", throttled)
	if throttled == 0 {
		t.Error("no request was throttled; the test did not exercise the 503 path")
	}
	compareSync(t, syncexpect.ForAccount(env.Sim.Snapshot(), env.Conn.AccountID, roles), readC1Z(t, path), syncexpect.Platform)
}

// sameMessage compares two messages by meaning: their JSON forms decoded to Go values. (proto.Equal
// compares packed Any annotations byte by byte, and a Struct profile's map is serialised in random order.)
func sameMessage(t *testing.T, a, b proto.Message) bool {
	t.Helper()
	var va, vb any
	for _, p := range []struct {
		m   proto.Message
		out *any
	}{{a, &va}, {b, &vb}} {
		js, err := protojson.Marshal(p.m)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(js, p.out); err != nil {
			t.Fatal(err)
		}
	}
	return reflect.DeepEqual(va, vb)
}

// brief is a message as one line of JSON, cut to a readable length.
func brief(m proto.Message) string {
	if m == nil {
		return "<absent>"
	}
	js, _ := protojson.Marshal(m)
	const maxLen = 1500
	if len(js) > maxLen {
		return string(js[:maxLen]) + "…"
	}
	return string(js)
}
