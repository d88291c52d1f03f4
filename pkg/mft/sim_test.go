package mft

import (
	"context"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

// The client against the simulator's MFT part, with its fault machinery: every operation of the path table
// reaches a served route, and transient failures are retried.
func TestClientAgainstTheSimulator(t *testing.T) {
	sim := boomisim.New(boomisim.Options{RateLimit: -1})
	world := boomisim.GenerateMFT(3, boomisim.MFTSpec{Users: 8, Roles: 2, Organizations: 3, Mappings: 3})
	sim.Load(&boomisim.State{MFT: world})
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	ctx := context.Background()
	c, err := New(ctx, Config{BaseURL: srv.URL + "/mft", APIKey: world.APIKeys[0], RequestsPerSecond: -1,
		RetryInitialInterval: time.Millisecond})
	require.NoError(t, err)

	sim.SetFaults(boomisim.Faults{Storm503: 2, Routes: map[string]boomisim.RouteFault{
		"GET /mft/api/AdminUsers/{id}": {Count: 1, Status: 502},
	}})
	mappings, err := c.ListSSOMappings(ctx)
	require.NoError(t, err, "two 503s are retried")
	require.Len(t, mappings, 3)
	u, err := c.GetUser(ctx, world.Users[2].ID)
	require.NoError(t, err, "a 502 on a GET is retried")
	require.Equal(t, IDList(world.Users[2].OrganizationIDs), u.OrganizationIDs)
	require.Equal(t, world.Users[2].RoleIDs, u.RoleIDs)
	require.EqualValues(t, 3, c.Stats().Retries)

	roles, err := c.ListRoles(ctx)
	require.NoError(t, err)
	require.Len(t, roles, len(world.Roles))
	require.NotEmpty(t, roles[0].Permissions, "permissions are asked for")
	orgs, err := c.ListOrganizations(ctx)
	require.NoError(t, err)
	require.Len(t, orgs, len(world.Organizations)-1)
	users, err := c.ListUsers(ctx)
	require.NoError(t, err)
	require.Len(t, users, len(world.Users))

	created, err := c.CreateSSOMapping(ctx, NewSSOMapping("dept", "qa", false, []int32{roles[0].ID}, nil))
	require.NoError(t, err)
	created.OrganizationIDs = []int32{orgs[0].ID}
	updated, err := c.UpdateSSOMapping(ctx, created)
	require.NoError(t, err)
	require.Equal(t, []int32{orgs[0].ID}, updated.OrganizationIDs)
	got, err := c.GetSSOMapping(ctx, created.ID)
	require.NoError(t, err)
	require.True(t, got.Equal(updated))

	// A POST whose outcome is unknown (502) is not repeated: a second create could duplicate the mapping.
	sim.SetFaults(boomisim.Faults{Routes: map[string]boomisim.RouteFault{"POST /mft/api/AdminSsoMapping": {Count: 1, Status: 502}}})
	_, err = c.CreateSSOMapping(ctx, NewSSOMapping("dept", "ops", false, nil, nil))
	require.Equal(t, codes.Unavailable, status.Code(err))
	require.ErrorContains(t, err, "may have been processed")

	require.NoError(t, c.DeleteSSOMapping(ctx, created.ID))
	_, err = c.GetSSOMapping(ctx, created.ID)
	require.Equal(t, codes.NotFound, status.Code(err))
	require.ErrorIs(t, c.DeleteSSOMapping(ctx, created.ID), ErrSSOMappingGone, "deleting again: the list shows it is gone")
}
