package boomi

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

func TestEnvironmentQueryDecodesAndPages(t *testing.T) {
	c, f := newFake(t,
		reply(200, `{"@type":"QueryResult","numberOfResults":2,"queryToken":"tok+/=","result":[
			{"@type":"Environment","id":"env-1","name":"Production","classification":"PROD","parentAccount":"x"}]}`),
		reply(200, `{"@type":"QueryResult","result":[{"id":"env-2","name":"Test","classification":"TEST","extra":true}]}`))
	ctx := context.Background()
	first, err := c.QueryEnvironments(ctx, Equals("classification", ClassificationProd), "")
	require.NoError(t, err)
	require.Equal(t, []Environment{{ID: "env-1", Name: "Production", Classification: "PROD"}}, first.Items)
	require.Equal(t, "tok+/=", first.NextToken)
	second, err := c.QueryEnvironments(ctx, nil, first.NextToken)
	require.NoError(t, err)
	require.Equal(t, []Environment{{ID: "env-2", Name: "Test", Classification: "TEST"}}, second.Items)
	require.Empty(t, second.NextToken)

	reqs := f.all()
	require.Equal(t, "/api/rest/v1/acme-AB12CD/Environment/query", reqs[0].Path)
	require.JSONEq(t, `{"QueryFilter":{"expression":{"operator":"EQUALS","property":"classification","argument":["PROD"]}}}`, reqs[0].Body)
	require.Equal(t, "/api/rest/v1/acme-AB12CD/Environment/queryMore", reqs[1].Path)
	require.Equal(t, "text/plain", reqs[1].ContentType)
	require.Equal(t, "tok+/=", reqs[1].Body)
}

func TestEnvironmentRoleCreateDelete(t *testing.T) {
	c, f := newFake(t,
		reply(200, `{"@type":"EnvironmentRole","id":"ZW52fHJvbGU=","environmentId":"env-1","roleId":"r-1"}`),
		reply(200, ``), reply(200, ``))
	ctx := context.Background()
	created, err := c.CreateEnvironmentRole(ctx, EnvironmentRole{ID: "ignored", EnvironmentID: "env-1", RoleID: "r-1"})
	require.NoError(t, err)
	require.Equal(t, EnvironmentRole{ID: "ZW52fHJvbGU=", EnvironmentID: "env-1", RoleID: "r-1"}, created)
	require.NoError(t, c.DeleteEnvironmentRole(ctx, created.ID))
	require.NoError(t, c.DeleteEnvironmentRole(ctx, "a/b"))

	reqs := f.all()
	require.Equal(t, http.MethodPost, reqs[0].Method)
	require.Equal(t, "/api/rest/v1/acme-AB12CD/EnvironmentRole", reqs[0].Path)
	require.JSONEq(t, `{"environmentId":"env-1","roleId":"r-1"}`, reqs[0].Body)
	require.Equal(t, http.MethodDelete, reqs[1].Method)
	require.Equal(t, "/api/rest/v1/acme-AB12CD/EnvironmentRole/ZW52fHJvbGU=", reqs[1].Path)
	require.Equal(t, http.MethodDelete, reqs[2].Method)
	require.Equal(t, "/api/rest/v1/acme-AB12CD/EnvironmentRole/a%2Fb", reqs[2].Path)
}

func TestEnvironmentRoleCreateRefusedKeepsCode(t *testing.T) {
	c, _ := newFake(t, reply(403, `{"@type":"Error","message":"Access denied due to insufficient permissions."}`))
	_, err := c.CreateEnvironmentRole(context.Background(), EnvironmentRole{EnvironmentID: "e", RoleID: "r"})
	require.Equal(t, codes.PermissionDenied, status.Code(err))
}

func TestGetEnvironmentAndPrivilegeNames(t *testing.T) {
	c, f := newFake(t, reply(200, `{"id":"env-9","name":"DR","classification":"PROD"}`))
	env, err := c.GetEnvironment(context.Background(), "env-9")
	require.NoError(t, err)
	require.Equal(t, Environment{ID: "env-9", Name: "DR", Classification: "PROD"}, env)
	require.Equal(t, "/api/rest/v1/acme-AB12CD/Environment/env-9", f.all()[0].Path)

	require.Equal(t, "Packaged Component Deployment", PrivilegeName(PrivilegeDeploy))
	require.Equal(t, "SOMETHING_NEW", PrivilegeName("SOMETHING_NEW"))
}
