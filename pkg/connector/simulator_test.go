package connector

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

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

	page, _, err := newRoleBuilder(c).List(ctx, nil, (&syncEnv{store: newMemoryStore()}).opts(""))
	require.NoError(t, err)
	require.NotEmpty(t, page)
}
