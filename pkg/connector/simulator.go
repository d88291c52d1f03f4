package connector

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/grpc-ecosystem/go-grpc-middleware/logging/zap/ctxzap"
	"go.uber.org/zap"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
	"github.com/baton-boomi/baton-boomi/pkg/mft"
)

// --simulator: the connector syncs an in-process Boomi simulator (pkg/boomisim) loaded with a generated
// dataset, so `baton-boomi --simulator` shows the whole connector with no Boomi account. The credential
// flags are ignored; the clients are pointed at the simulator with its generated admin credential. The
// simulator keeps Boomi's 10 requests/s limit, so the sync paces exactly as it would against Boomi.
const (
	simulatorUsers = 250
	simulatorSeed  = 7
)

type embeddedSimulator struct {
	server  *http.Server
	baseURL string
	conn    boomisim.Connection
	mftKey  string
}

func startEmbeddedSimulator(ctx context.Context) (*embeddedSimulator, error) {
	spec := boomisim.DefaultSpec(simulatorUsers, simulatorSeed)
	mftSpec := boomisim.DefaultMFTSpec()
	spec.MFT = &mftSpec
	state := boomisim.Generate(spec)
	moveAuditLogsToNow(state, time.Now())
	sim := boomisim.New(boomisim.Options{})
	sim.Load(state)

	ln, err := (&net.ListenConfig{}).Listen(ctx, "tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("starting the embedded Boomi simulator failed: no local port could be opened (%w)", err)
	}
	e := &embeddedSimulator{
		server:  &http.Server{Handler: sim, ReadHeaderTimeout: 10 * time.Second},
		baseURL: "http://" + ln.Addr().String(),
		conn:    boomisim.AdminConnection(state),
	}
	if state.MFT != nil && len(state.MFT.APIKeys) > 0 {
		e.mftKey = state.MFT.APIKeys[0]
	}
	go func() {
		if err := e.server.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			ctxzap.Extract(ctx).Error("the embedded Boomi simulator stopped", zap.Error(err))
		}
	}()
	ctxzap.Extract(ctx).Info("syncing the embedded Boomi simulator (--simulator); credential flags are ignored",
		zap.String("base_url", e.baseURL), zap.String("account_id", e.conn.AccountID), zap.Int("users", simulatorUsers))
	return e, nil
}

// clientConfig points the Platform client at the simulator.
func (e *embeddedSimulator) clientConfig(requestsPerSecond float64) boomi.Config {
	return boomi.Config{
		BaseURL:           e.baseURL,
		AccountID:         e.conn.AccountID,
		Username:          e.conn.Username,
		APIToken:          e.conn.Token,
		RequestsPerSecond: requestsPerSecond,
	}
}

// mftConfig points the MFT client at the simulator's MFT tenant (empty when the dataset has none).
func (e *embeddedSimulator) mftConfig(requestsPerSecond float64) mft.Config {
	if e.mftKey == "" {
		return mft.Config{}
	}
	return mft.Config{BaseURL: e.baseURL + "/mft", APIKey: e.mftKey, RequestsPerSecond: requestsPerSecond}
}

func (e *embeddedSimulator) close() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = e.server.Shutdown(ctx)
}

// moveAuditLogsToNow shifts the generated audit log so that its newest entry is an hour old. Generated
// worlds are anchored at a fixed date (a seed gives the same world every day); shifting keeps the demo's
// logins inside the --sync-last-login lookback window, whatever today's date.
func moveAuditLogsToNow(st *boomisim.State, at time.Time) {
	var newest time.Time
	for _, acct := range st.Accounts {
		for _, e := range acct.AuditLogs {
			if t := parseLoginTime(e.Date); t.After(newest) {
				newest = t
			}
		}
	}
	if newest.IsZero() {
		return
	}
	shift := at.Add(-time.Hour).Sub(newest).Truncate(time.Second)
	for _, acct := range st.Accounts {
		for i := range acct.AuditLogs {
			if t := parseLoginTime(acct.AuditLogs[i].Date); !t.IsZero() {
				acct.AuditLogs[i].Date = t.Add(shift).UTC().Format(auditDateLayout)
			}
		}
	}
}
