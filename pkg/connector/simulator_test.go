package connector

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
	"github.com/baton-boomi/baton-boomi/pkg/config"
)

func TestSimulatorFlagNeedsNoCredentialsAndValidates(t *testing.T) {
	ctx := context.Background()
	builder, _, err := New(ctx, &config.Boomi{Simulator: true, AccountId: "ignored", Username: "x@y.example", ApiToken: "wrong"}, nil)
	require.NoError(t, err)
	c := builder.(*Boomi)
	t.Cleanup(func() { require.NoError(t, c.Close()) })
	require.NotNil(t, c.sim)
	require.NotNil(t, c.mft, "the embedded simulator serves an MFT tenant too")
	require.NotEqual(t, "ignored", c.client.AccountID(), "credential flags are ignored")

	_, err = c.Validate(ctx)
	require.NoError(t, err)

	page, _, err := newRoleBuilder(c).List(ctx, nil, (&testEnv{store: newTestStore()}).opts(""))
	require.NoError(t, err)
	require.NotEmpty(t, page)
}

func TestEmbeddedSimulatorLoginsFallInsideTheLookback(t *testing.T) {
	st := boomisim.Generate(boomisim.DefaultSpec(30, 5))
	at := time.Date(2031, 3, 4, 5, 6, 7, 0, time.UTC)
	moveAuditLogsToNow(st, at)
	admin := boomisim.AdminConnection(st)
	logs := st.Accounts[admin.AccountID].AuditLogs
	require.NotEmpty(t, logs)
	var newest time.Time
	for _, e := range logs {
		ts := parseLoginTime(e.Date)
		require.False(t, ts.IsZero(), "date %q must stay in Boomi's format", e.Date)
		require.True(t, ts.Before(at))
		if ts.After(newest) {
			newest = ts
		}
	}
	require.Equal(t, at.Add(-time.Hour), newest)
}
