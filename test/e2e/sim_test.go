package e2e

import (
	"net/http/httptest"
	"testing"

	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

// simEnv is one in-process simulator behind a real loopback listener, with the admin credential of the
// dataset it was loaded with.
type simEnv struct {
	Sim  *boomisim.Server
	HTTP *httptest.Server
	Conn boomisim.Connection
	// Dir is a per-test directory for .c1z files and logs.
	Dir string
}

// startSim generates spec's dataset, loads it into a fresh simulator with opts and serves it on 127.0.0.1.
// The listener is closed when the test ends.
func startSim(t *testing.T, spec boomisim.DatasetSpec, opts boomisim.Options) *simEnv {
	t.Helper()
	return startSimWithState(t, boomisim.Generate(spec), opts)
}

func startSimWithState(t *testing.T, st *boomisim.State, opts boomisim.Options) *simEnv {
	t.Helper()
	sim := boomisim.New(opts)
	sim.Load(st)
	ts := httptest.NewServer(sim)
	t.Cleanup(ts.Close)
	return &simEnv{Sim: sim, HTTP: ts, Conn: boomisim.AdminConnection(st), Dir: t.TempDir()}
}

// noRateLimit is the simulator option set for tests that do not study throttling: the connector still
// paces itself, the simulator just never answers 503 on its own.
var noRateLimit = boomisim.Options{RateLimit: -1, FaultSeed: 1}

// account is the connected account's state in a snapshot.
func (e *simEnv) account(st *boomisim.State) *boomisim.AccountState {
	return st.Accounts[e.Conn.AccountID]
}
