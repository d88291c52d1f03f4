package boomi

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestQueryWithoutExpressionSendsEmptyFilter(t *testing.T) {
	c, f := newFake(t, reply(200, `{"@type":"QueryResult","numberOfResults":0}`))
	page, err := c.QueryAccountUserRoles(context.Background(), nil, "")
	require.NoError(t, err)
	require.Empty(t, page.Items)
	require.Equal(t, "", page.NextToken)
	req := f.all()[0]
	require.Equal(t, http.MethodPost, req.Method)
	require.Equal(t, "/api/rest/v1/acme-AB12CD/AccountUserRole/query", req.Path)
	require.Equal(t, "application/json", req.ContentType)
	require.Equal(t, `{"QueryFilter":{}}`, req.Body)
}

func TestQueryWithNestedAndOrSendsBoomiJSON(t *testing.T) {
	c, f := newFake(t, reply(200, `{"result":[]}`))
	expr := And(
		Equals("accountId", testAccount),
		Or(Equals("roleId", AdministratorRoleID), Equals("roleId", StandardUserRoleID)),
		Simple(OpIsNotNull, "userId"),
	)
	_, err := c.QueryAccountUserRoles(context.Background(), expr, "")
	require.NoError(t, err)
	require.JSONEq(t, `{"QueryFilter":{"expression":{"operator":"and","nestedExpression":[
		{"operator":"EQUALS","property":"accountId","argument":["acme-AB12CD"]},
		{"operator":"or","nestedExpression":[
			{"operator":"EQUALS","property":"roleId","argument":["fcb6dd44-0ca8-11e2-a477-1231381987a5"]},
			{"operator":"EQUALS","property":"roleId","argument":["fcb6e2d0-0ca8-11e2-a477-1231381987a5"]}]},
		{"operator":"IS_NOT_NULL","property":"userId","argument":[]}]}}}`, f.all()[0].Body)
}

func TestExpressionBuilders(t *testing.T) {
	marshal := func(e *Expression) string {
		b, err := json.Marshal(e)
		require.NoError(t, err)
		return string(b)
	}
	require.Equal(t, `{"operator":"NOT_EQUALS","property":"status","argument":["deleted"]}`, marshal(Simple(OpNotEquals, "status", "deleted")))
	require.Equal(t, `{"operator":"LIKE","property":"name","argument":["Dum%"]}`, marshal(Simple(OpLike, "name", "Dum%")))
	require.Equal(t, `{"operator":"IS_NULL","property":"x","argument":[]}`, marshal(Simple(OpIsNull, "x")))
	require.Equal(t, `{"operator":"BETWEEN","property":"date","argument":["2024-01-01T00:00:00Z","2024-02-01T00:00:00Z"]}`,
		marshal(Simple(OpBetween, "date", "2024-01-01T00:00:00Z", "2024-02-01T00:00:00Z")))
	require.Equal(t, `{"operator":"GREATER_THAN_OR_EQUAL","property":"date","argument":["d"]}`, marshal(GreaterThanOrEqual("date", "d")))
	require.Equal(t, `{"operator":"CONTAINS","property":"p","argument":["v"]}`, marshal(Simple(OpContains, "p", "v")))

	single := Equals("a", "b")
	require.Same(t, single, And(nil, single), "a group of one is the expression itself")
	require.Nil(t, And(), "an empty group means no filter")
	require.Nil(t, Or(nil, nil))
	require.True(t, Or(single, single).isGrouping())
	require.False(t, single.isGrouping())
}

// Three pages: query, then queryMore twice with the raw token as text/plain, until no token comes back.
func TestPagingAcrossThreePagesWithQueryMore(t *testing.T) {
	c, f := newFake(t,
		reply(200, `{"@type":"QueryResult","numberOfResults":2,"queryToken":"tok+1/==","result":[{"id":"a"},{"id":"b"}]}`),
		reply(200, `{"@type":"QueryResult","numberOfResults":2,"queryToken":"tok-2","result":[{"id":"c"},{"id":"d"}]}`),
		reply(200, `{"@type":"QueryResult","numberOfResults":1,"result":[{"id":"e"}]}`),
	)
	expr := Equals("roleId", StandardUserRoleID)
	var ids []string
	token := ""
	calls := 0
	for {
		page, err := c.QueryAccountUserRoles(context.Background(), expr, token)
		require.NoError(t, err)
		calls++
		for _, item := range page.Items {
			ids = append(ids, item.ID)
		}
		if page.NextToken == "" {
			break
		}
		token = page.NextToken
	}
	require.Equal(t, []string{"a", "b", "c", "d", "e"}, ids)
	require.Equal(t, 3, calls)

	reqs := f.all()
	require.Len(t, reqs, 3, "exactly one request per page")
	require.Equal(t, "/api/rest/v1/acme-AB12CD/AccountUserRole/query", reqs[0].Path)
	require.Contains(t, reqs[0].Body, `"roleId"`)
	for i, want := range []string{"tok+1/==", "tok-2"} {
		r := reqs[i+1]
		require.Equal(t, "/api/rest/v1/acme-AB12CD/AccountUserRole/queryMore", r.Path)
		require.Equal(t, "text/plain", r.ContentType)
		require.Equal(t, want, r.Body, "the raw token, not JSON")
	}
}

func TestEveryQueryMethodUsesItsObjectPath(t *testing.T) {
	c, f := newFake(t, reply(200, `{"result":[]}`))
	ctx := context.Background()
	_, err := c.QueryAccountUserRoles(ctx, nil, "")
	require.NoError(t, err)
	_, err = c.QueryRoles(ctx, nil, "")
	require.NoError(t, err)
	_, err = c.QueryAccountGroups(ctx, nil, "")
	require.NoError(t, err)
	_, err = c.QueryAccountGroupAccounts(ctx, nil, "")
	require.NoError(t, err)
	_, err = c.QueryAccountGroupUserRoles(ctx, nil, "")
	require.NoError(t, err)
	_, err = c.QueryAccountUserFederations(ctx, nil, "")
	require.NoError(t, err)
	_, err = c.QueryAccounts(ctx, nil, "")
	require.NoError(t, err)
	_, err = c.QueryAuditLogs(ctx, nil, "t")
	require.NoError(t, err)
	var paths []string
	for _, r := range f.all() {
		paths = append(paths, r.Path[len("/api/rest/v1/acme-AB12CD"):])
	}
	require.Equal(t, []string{
		"/AccountUserRole/query", "/Role/query", "/AccountGroup/query", "/AccountGroupAccount/query",
		"/AccountGroupUserRole/query", "/AccountUserFederation/query", "/Account/query", "/AuditLog/queryMore",
	}, paths)
}
