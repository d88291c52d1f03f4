package mft

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

const testKey = "secret-mft-key-123"

// recorded is one request the fake MFT server saw.
type recorded struct {
	method, path, query, apiKey string
	body                        []byte
}

// fakeMFT answers each "METHOD /path" from a table and records every request.
type fakeMFT struct {
	mu       sync.Mutex
	requests []recorded
	answers  map[string][]fakeAnswer // consumed in order; the last one repeats
}

type fakeAnswer struct {
	status int
	body   string
}

func (f *fakeMFT) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	f.mu.Lock()
	f.requests = append(f.requests, recorded{r.Method, r.URL.Path, r.URL.RawQuery, r.Header.Get("ApiKey"), body})
	key := r.Method + " " + r.URL.Path
	answers := f.answers[key]
	var a fakeAnswer
	switch {
	case len(answers) == 0:
		a = fakeAnswer{404, `{"message":"no such route in the fake"}`}
	case len(answers) == 1:
		a = answers[0]
	default:
		a, f.answers[key] = answers[0], answers[1:]
	}
	f.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(a.status)
	_, _ = io.WriteString(w, a.body)
}

func (f *fakeMFT) seen() []recorded {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]recorded(nil), f.requests...)
}

func newFakeClient(t *testing.T, answers map[string][]fakeAnswer) (*Client, *fakeMFT) {
	t.Helper()
	fake := &fakeMFT{answers: answers}
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	c, err := New(context.Background(), Config{
		BaseURL: srv.URL + "/tenant", APIKey: testKey, RequestsPerSecond: -1,
		RetryInitialInterval: time.Millisecond, MaxRetries: 3,
	})
	require.NoError(t, err)
	return c, fake
}

const mappingJSON = `{"id":12,"customerId":7,"attributeName":"groups","attributeValue":"finance","isDefault":false,
 "createdBy":"admin","createdDate":"2026-01-01T00:00:00Z","updatedBy":null,"updatedDate":null,"deletedBy":null,
 "deletedDate":null,"organizationIds":[5,6],"roleIds":[3],"futureField":{"x":1}}`

func TestNewRefusesMissingSettings(t *testing.T) {
	ctx := context.Background()
	_, err := New(ctx, Config{APIKey: "k"})
	require.ErrorContains(t, err, "--mft-base-url")
	_, err = New(ctx, Config{BaseURL: "https://mft.example.com"})
	require.ErrorContains(t, err, "--mft-api-key")
	_, err = New(ctx, Config{BaseURL: "http://mft.example.com", APIKey: "k"})
	require.ErrorContains(t, err, "plain http")
}

func TestMappingReadsSendTheAPIKeyAndUseThePathTable(t *testing.T) {
	c, fake := newFakeClient(t, map[string][]fakeAnswer{
		"GET /tenant/api/AdminSsoMapping":    {{200, "[" + mappingJSON + "]"}},
		"GET /tenant/api/AdminSsoMapping/12": {{200, mappingJSON}},
	})
	ctx := context.Background()
	list, err := c.ListSSOMappings(ctx)
	require.NoError(t, err)
	require.Len(t, list, 1)
	m := list[0]
	require.Equal(t, int32(12), m.ID)
	require.Equal(t, "groups", m.Name())
	require.Equal(t, "finance", m.Value())
	require.Equal(t, []int32{5, 6}, m.OrganizationIDs)
	require.Equal(t, []int32{3}, m.RoleIDs)
	require.JSONEq(t, `{"x":1}`, string(m.Extra["futureField"]), "unknown fields are kept")

	one, err := c.GetSSOMapping(ctx, 12)
	require.NoError(t, err)
	require.True(t, one.Equal(m))

	for _, r := range fake.seen() {
		require.Equal(t, testKey, r.apiKey)
	}
}

func TestUpdateSendsUnknownFieldsBack(t *testing.T) {
	c, fake := newFakeClient(t, map[string][]fakeAnswer{
		"GET /tenant/api/AdminSsoMapping/12": {{200, mappingJSON}},
		"PUT /tenant/api/AdminSsoMapping":    {{200, mappingJSON}},
	})
	ctx := context.Background()
	m, err := c.GetSSOMapping(ctx, 12)
	require.NoError(t, err)
	changed := m.Clone()
	changed.RoleIDs = append(changed.RoleIDs, 9)
	require.False(t, changed.Equal(m))
	_, err = c.UpdateSSOMapping(ctx, changed)
	require.NoError(t, err)

	sent := fake.seen()[1]
	require.Equal(t, "PUT", sent.method)
	var body map[string]any
	require.NoError(t, json.Unmarshal(sent.body, &body))
	require.Equal(t, map[string]any{"x": float64(1)}, body["futureField"])
	require.Equal(t, []any{float64(3), float64(9)}, body["roleIds"])
	require.Equal(t, float64(12), body["id"], "the id travels in the body")
	require.Equal(t, "admin", body["createdBy"])
}

func TestCreateBulkAndDelete(t *testing.T) {
	c, fake := newFakeClient(t, map[string][]fakeAnswer{
		"POST /tenant/api/AdminSsoMapping":        {{200, mappingJSON}},
		"PUT /tenant/api/AdminSsoMapping/bulk":    {{200, "[" + mappingJSON + "," + mappingJSON + "]"}},
		"DELETE /tenant/api/AdminSsoMapping/12":   {{200, `{"data":null}`}, {200, `{"recordsAffected":0}`}, {204, ``}},
		"DELETE /tenant/api/AdminSsoMapping/4040": {{404, `{"message":"SSO mapping 4040 does not exist"}`}},
		"GET /tenant/api/AdminSsoMapping":         {{200, "[" + mappingJSON + "]"}},
	})
	ctx := context.Background()

	_, err := c.CreateSSOMapping(ctx, NewSSOMapping("  ", "x", false, nil, nil))
	require.ErrorContains(t, err, "attribute name")
	require.Empty(t, fake.seen(), "an empty name is refused before any request")

	created, err := c.CreateSSOMapping(ctx, NewSSOMapping("groups", "finance", true, []int32{3}, []int32{5}))
	require.NoError(t, err)
	require.Equal(t, int32(12), created.ID)
	var body map[string]any
	require.NoError(t, json.Unmarshal(fake.seen()[0].body, &body))
	require.Equal(t, "groups", body["attributeName"])
	require.Equal(t, true, body["isDefault"])
	require.Equal(t, []any{float64(3)}, body["roleIds"])

	out, err := c.BulkUpdateSSOMappings(ctx, []SSOMapping{created, created})
	require.NoError(t, err)
	require.Len(t, out, 2)
	var bulk []map[string]any
	require.NoError(t, json.Unmarshal(fake.seen()[1].body, &bulk))
	require.Len(t, bulk, 2, "the bulk body is an array")
	_, err = c.BulkUpdateSSOMappings(ctx, nil)
	require.Error(t, err)

	// Any 2xx is a delete, whatever the body: thruStatus {data}, a recordsAffected of 0, no body at all.
	for range 3 {
		require.NoError(t, c.DeleteSSOMapping(ctx, 12))
	}
	// A 404 is "gone" only because the list (the documented read) does not show 4040.
	require.ErrorIs(t, c.DeleteSSOMapping(ctx, 4040), ErrSSOMappingGone)
	require.Equal(t, "GET /tenant/api/AdminSsoMapping", fake.seen()[len(fake.seen())-1].key())
}

// The four undocumented AdminSsoMapping operations on a tenant that does not have them (404 or 405).
func TestUndocumentedMappingOperationsOnATenantWithoutThem(t *testing.T) {
	for _, missing := range []int{404, 405} {
		t.Run(fmt.Sprint(missing), func(t *testing.T) {
			c, fake := newFakeClient(t, map[string][]fakeAnswer{
				"GET /tenant/api/AdminSsoMapping/12":    {{missing, ``}, {missing, ``}},
				"GET /tenant/api/AdminSsoMapping":       {{200, "[" + mappingJSON + "]"}, {200, "[" + mappingJSON + "]"}, {200, "[" + mappingJSON + "]"}},
				"PUT /tenant/api/AdminSsoMapping":       {{missing, ``}},
				"PUT /tenant/api/AdminSsoMapping/bulk":  {{missing, ``}},
				"DELETE /tenant/api/AdminSsoMapping/12": {{missing, ``}},
				"GET /tenant/api/AdminSsoMapping/77":    {{missing, ``}},
			})
			ctx := context.Background()

			m, err := c.GetSSOMapping(ctx, 12)
			require.NoError(t, err, "get by id falls back to the list")
			require.Equal(t, int32(12), m.ID)
			_, err = c.GetSSOMapping(ctx, 77)
			require.Equal(t, codes.NotFound, status.Code(err), "not in the list either")

			_, err = c.UpdateSSOMapping(ctx, m)
			require.Equal(t, codes.Unimplemented, status.Code(err))
			require.Contains(t, err.Error(), "PUT /api/AdminSsoMapping")
			_, err = c.BulkUpdateSSOMappings(ctx, []SSOMapping{m})
			require.Equal(t, codes.Unimplemented, status.Code(err))
			require.Contains(t, err.Error(), "PUT /api/AdminSsoMapping/bulk")

			err = c.DeleteSSOMapping(ctx, 12)
			require.Equal(t, codes.Unimplemented, status.Code(err), "mapping 12 is still listed: nothing was deleted")
			require.NotErrorIs(t, err, ErrSSOMappingGone)
			require.Contains(t, err.Error(), "DELETE /api/AdminSsoMapping/12")
			require.Len(t, fake.seen(), 8, "get, list, get, list, update, bulk, delete, list")
		})
	}
}

func TestDirectoryReads(t *testing.T) {
	c, fake := newFakeClient(t, map[string][]fakeAnswer{
		"GET /tenant/api/AdminRoles": {{200, `[{"id":1,"userRoleCode":"Admin","userRoleDescription":"All","isHidden":false,
			"deletedDate":null,"permissions":[1,2],"customerId":null,"isSystemRole":true,"rank":1},
			{"id":2,"userRoleCode":"Old","deletedDate":"2026-01-01T00:00:00Z","isSystemRole":false}]`}},
		"GET /tenant/api/Organization": {{200, `[{"id":5,"tenantId":7,"name":"Acme","organizationStatusId":1,"publicCode":"AC"}]`}},
		"GET /tenant/api/AdminUsers": {{200, `[{"id":9,"firstName":"A","lastName":"B","username":"ab","isEnabled":true,
			"isActive":true,"isAdmin":false,"email":"a@b.c","customerId":7,"failedAttempts":3,
			"bannedUntil":"2099-01-01T00:00:00Z","lastLogin":"2026-05-01T10:00:00Z"}]`}},
		"GET /tenant/api/AdminUsers/9":  {{200, `{"id":9,"email":"a@b.c","roleIds":[1],"organizationIds":"5, 6,"}`}},
		"GET /tenant/api/AdminUsers/10": {{200, `{"id":10,"email":"x@b.c","roleIds":null,"organizationIds":[5]}`}},
		"GET /tenant/api/AdminUsers/11": {{200, `{"id":11,"email":"y@b.c","organizationIds":"5,abc"}`}},
	})
	ctx := context.Background()
	roles, err := c.ListRoles(ctx)
	require.NoError(t, err)
	require.Len(t, roles, 2)
	require.Equal(t, "Admin", roles[0].Code())
	require.False(t, roles[0].Deleted())
	require.True(t, roles[1].Deleted())
	require.Equal(t, "includePermissions=true", fake.seen()[0].query)

	orgs, err := c.ListOrganizations(ctx)
	require.NoError(t, err)
	require.Equal(t, "Acme", orgs[0].DisplayName())

	users, err := c.ListUsers(ctx)
	require.NoError(t, err)
	require.Equal(t, int32(3), users[0].FailedAttempts)
	require.Equal(t, "2099-01-01T00:00:00Z", *users[0].BannedUntil)

	u, err := c.GetUser(ctx, 9)
	require.NoError(t, err)
	require.Equal(t, IDList{5, 6}, u.OrganizationIDs, "a comma-separated string is read as ids")
	require.Equal(t, []int32{1}, u.RoleIDs)
	u, err = c.GetUser(ctx, 10)
	require.NoError(t, err)
	require.Equal(t, IDList{5}, u.OrganizationIDs, "an array is read too")
	_, err = c.GetUser(ctx, 11)
	require.Error(t, err)
	require.Contains(t, err.Error(), "abc")
}

func TestErrorsAreMappedAndNeverShowTheKey(t *testing.T) {
	c, _ := newFakeClient(t, map[string][]fakeAnswer{
		"GET /tenant/api/AdminRoles":      {{401, `{"message":"invalid key ` + testKey + `"}`}},
		"GET /tenant/api/Organization":    {{403, `{"title":"Forbidden","detail":"the key lacks the Organization API"}`}},
		"GET /tenant/api/AdminUsers":      {{500, `{"error":"boom"}`}},
		"GET /tenant/api/AdminSsoMapping": {{503, `busy`}, {503, `busy`}, {200, `[]`}},
	})
	ctx := context.Background()
	_, err := c.ListRoles(ctx)
	require.Equal(t, codes.Unauthenticated, status.Code(err))
	require.NotContains(t, err.Error(), testKey)
	require.Contains(t, err.Error(), "Boomi MFT answered GET /tenant/api/AdminRoles with HTTP 401")

	_, err = c.ListOrganizations(ctx)
	require.Equal(t, codes.PermissionDenied, status.Code(err))
	require.Contains(t, err.Error(), "Forbidden: the key lacks the Organization API")

	_, err = c.ListUsers(ctx)
	require.Equal(t, codes.Internal, status.Code(err))
	require.Contains(t, err.Error(), `body starts with {"error":"boom"}`)
	require.Contains(t, err.Error(), "HTTP 500 after", "a 500 on a read is retried before it is reported")
	retriedFor500 := c.Stats().Retries
	require.Positive(t, retriedFor500)

	list, err := c.ListSSOMappings(ctx)
	require.NoError(t, err, "503 is retried")
	require.Empty(t, list)
	require.EqualValues(t, retriedFor500+2, c.Stats().Retries)
	require.EqualValues(t, 2, c.Stats().ThrottleRetries)
}

func TestDecodeErrorPreviewIsBounded(t *testing.T) {
	long := strings.Repeat("x", 1000)
	msg := decodeError(500, []byte(long))
	require.Less(t, len(msg), 260)
	require.Equal(t, "", decodeError(500, nil))
	require.Equal(t, "m", decodeError(400, []byte(`{"message":"m","title":"t"}`)))
}

func (r recorded) key() string { return r.method + " " + r.path }
