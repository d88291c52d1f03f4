package boomisim

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// mftTestAPI serves a generated MFT tenant with the MFT handler alone (no server, no middleware), so these
// tests pin the handler's own rules.
type mftTestAPI struct {
	t   *testing.T
	srv *httptest.Server
	st  *MFTState
	key string
}

var mftTestClock = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

func newMFTTestAPI(t *testing.T) *mftTestAPI {
	t.Helper()
	st := GenerateMFT(42, MFTSpec{Users: 10, Roles: 3, Organizations: 4, Mappings: 3})
	var mu sync.Mutex
	srv := httptest.NewServer(newMFTHandler(&mu, func() *MFTState { return st }, func() time.Time { return mftTestClock }, 0))
	t.Cleanup(srv.Close)
	return &mftTestAPI{t: t, srv: srv, st: st, key: st.APIKeys[0]}
}

// do sends one request with the tenant's key and returns status and body.
func (a *mftTestAPI) do(method, path string, body any) (int, []byte) {
	a.t.Helper()
	return a.doWithKey(a.key, method, path, body)
}

func (a *mftTestAPI) doWithKey(key, method, path string, body any) (int, []byte) {
	a.t.Helper()
	var rd io.Reader
	if body != nil {
		data, err := json.Marshal(body)
		require.NoError(a.t, err)
		rd = bytes.NewReader(data)
	}
	req, err := http.NewRequestWithContext(context.Background(), method, a.srv.URL+path, rd)
	require.NoError(a.t, err)
	if key != "" {
		req.Header.Set("ApiKey", key)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(a.t, err)
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	require.NoError(a.t, err)
	return resp.StatusCode, out
}

func (a *mftTestAPI) mappings() []MFTSSOMapping {
	a.t.Helper()
	code, body := a.do("GET", "/mft/api/AdminSsoMapping", nil)
	require.Equal(a.t, http.StatusOK, code, string(body))
	var out []MFTSSOMapping
	require.NoError(a.t, json.Unmarshal(body, &out))
	return out
}

func errorMessage(t *testing.T, body []byte) string {
	t.Helper()
	var e struct {
		Message string `json:"message"`
	}
	require.NoError(t, json.Unmarshal(body, &e), string(body))
	return e.Message
}

func TestMFTAuthRequiresTheAPIKey(t *testing.T) {
	a := newMFTTestAPI(t)
	for _, key := range []string{"", "wrong-key"} {
		code, body := a.doWithKey(key, "GET", "/mft/api/AdminSsoMapping", nil)
		require.Equal(t, http.StatusUnauthorized, code)
		require.Contains(t, errorMessage(t, body), "ApiKey")
	}
	code, _ := a.do("GET", "/mft/api/AdminSsoMapping", nil)
	require.Equal(t, http.StatusOK, code)
}

func TestMFTListAndGetMappings(t *testing.T) {
	a := newMFTTestAPI(t)
	got := a.mappings()
	require.Equal(t, a.st.SSOMappings, got)
	require.Len(t, got, 3)
	require.True(t, got[0].IsDefault)

	code, body := a.do("GET", "/mft/api/AdminSsoMapping/"+mftItoa(got[1].ID), nil)
	require.Equal(t, http.StatusOK, code)
	var one MFTSSOMapping
	require.NoError(t, json.Unmarshal(body, &one))
	require.Equal(t, got[1], one)

	for _, path := range []string{"/mft/api/AdminSsoMapping/999999", "/mft/api/AdminSsoMapping/abc", "/mft/api/NoSuchController"} {
		code, body = a.do("GET", path, nil)
		require.Equal(t, http.StatusNotFound, code, path)
		require.NotEmpty(t, errorMessage(t, body))
	}
}

func TestMFTCreateMapping(t *testing.T) {
	a := newMFTTestAPI(t)
	roleID, orgID := a.st.Roles[0].ID, a.st.Organizations[0].ID
	code, body := a.do("POST", "/mft/api/AdminSsoMapping", map[string]any{
		"id": 5, "customerId": 1, "attributeName": "department", "attributeValue": "finance",
		"roleIds": []int32{roleID}, "organizationIds": []int32{orgID}, "createdBy": "someone",
	})
	require.Equal(t, http.StatusOK, code, string(body))
	var created MFTSSOMapping
	require.NoError(t, json.Unmarshal(body, &created))
	require.NotEqual(t, int32(5), created.ID, "the server assigns the id")
	require.Equal(t, a.st.CustomerID, created.CustomerID)
	require.Equal(t, mftAuditName, mftDeref(created.CreatedBy))
	require.Equal(t, mftTestClock.Format(mftTimeLayout), mftDeref(created.CreatedDate))
	require.Equal(t, []int32{roleID}, created.RoleIDs)
	require.Equal(t, []int32{orgID}, created.OrganizationIDs)
	require.False(t, created.IsDefault)
	require.Contains(t, a.mappings(), created)
}

func TestMFTCreateMappingRejectsInvalidInput(t *testing.T) {
	a := newMFTTestAPI(t)
	existing := a.st.SSOMappings[1]
	cases := map[string]struct {
		body map[string]any
		want string
	}{
		"empty name":          {map[string]any{"attributeName": "", "attributeValue": "x"}, "empty attributeName"},
		"blank name":          {map[string]any{"attributeName": "  ", "attributeValue": "x"}, "empty attributeName"},
		"missing name":        {map[string]any{"attributeValue": "x"}, "empty attributeName"},
		"duplicate":           {map[string]any{"attributeName": "GROUPS", "attributeValue": *existing.AttributeValue}, "already mapped"},
		"unknown role":        {map[string]any{"attributeName": "a", "attributeValue": "b", "roleIds": []int32{424242}}, "role 424242"},
		"unknown org":         {map[string]any{"attributeName": "a", "attributeValue": "b", "organizationIds": []int32{424242}}, "organization 424242"},
		"second default":      {map[string]any{"attributeName": "a", "attributeValue": "b", "isDefault": true}, "at most one"},
		"deleted custom role": {map[string]any{"attributeName": "a", "attributeValue": "b", "roleIds": []int32{a.st.Roles[len(a.st.Roles)-1].ID}}, "does not exist"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			code, body := a.do("POST", "/mft/api/AdminSsoMapping", tc.body)
			require.Equal(t, http.StatusBadRequest, code, string(body))
			require.Contains(t, errorMessage(t, body), tc.want)
			require.Len(t, a.mappings(), 3, "nothing was created")
		})
	}
	code, _ := a.do("POST", "/mft/api/AdminSsoMapping", nil)
	require.Equal(t, http.StatusBadRequest, code, "an empty body is refused")
}

func TestMFTUpdateMappingReplacesCallerFieldsOnly(t *testing.T) {
	a := newMFTTestAPI(t)
	before := a.st.SSOMappings[2]
	update := before.clone()
	update.AttributeValue = mftStr("renamed")
	update.RoleIDs = []int32{a.st.Roles[1].ID, a.st.Roles[2].ID}
	update.OrganizationIDs = nil
	update.CreatedBy = mftStr("forged")
	update.CustomerID = 1

	code, body := a.do("PUT", "/mft/api/AdminSsoMapping", update)
	require.Equal(t, http.StatusOK, code, string(body))
	var got MFTSSOMapping
	require.NoError(t, json.Unmarshal(body, &got))
	require.Equal(t, "renamed", mftDeref(got.AttributeValue))
	require.Equal(t, update.RoleIDs, got.RoleIDs)
	require.Nil(t, got.OrganizationIDs)
	require.Equal(t, before.CreatedBy, got.CreatedBy, "createdBy is server-owned")
	require.Equal(t, before.CustomerID, got.CustomerID, "customerId is server-owned")
	require.Equal(t, mftTestClock.Format(mftTimeLayout), mftDeref(got.UpdatedDate))
	require.Equal(t, got, a.mappings()[2])

	update.ID = 999999
	code, _ = a.do("PUT", "/mft/api/AdminSsoMapping", update)
	require.Equal(t, http.StatusNotFound, code)
}

func TestMFTBulkUpdateIsAtomic(t *testing.T) {
	a := newMFTTestAPI(t)
	before := a.mappings()
	oldDefault, newDefault := before[0].clone(), before[1].clone()

	// Setting the new default without clearing the old one leaves two defaults: refused, nothing changes.
	newDefault.IsDefault = true
	code, body := a.do("PUT", "/mft/api/AdminSsoMapping/bulk", []MFTSSOMapping{newDefault})
	require.Equal(t, http.StatusBadRequest, code, string(body))
	require.Equal(t, before, a.mappings())

	// A bulk update with one unknown id changes nothing either.
	ghost := newDefault.clone()
	ghost.ID = 999999
	oldDefault.IsDefault = false
	code, _ = a.do("PUT", "/mft/api/AdminSsoMapping/bulk", []MFTSSOMapping{oldDefault, ghost})
	require.Equal(t, http.StatusNotFound, code)
	require.Equal(t, before, a.mappings())

	// Moving the flag in one request works.
	code, body = a.do("PUT", "/mft/api/AdminSsoMapping/bulk", []MFTSSOMapping{oldDefault, newDefault})
	require.Equal(t, http.StatusOK, code, string(body))
	var answered []MFTSSOMapping
	require.NoError(t, json.Unmarshal(body, &answered))
	require.Len(t, answered, 2)
	after := a.mappings()
	require.False(t, after[0].IsDefault)
	require.True(t, after[1].IsDefault)
	require.Equal(t, before[2], after[2], "mappings not in the bulk body are untouched")

	code, _ = a.do("PUT", "/mft/api/AdminSsoMapping/bulk", []MFTSSOMapping{})
	require.Equal(t, http.StatusBadRequest, code)
}

func TestMFTDeleteMapping(t *testing.T) {
	a := newMFTTestAPI(t)
	id := mftItoa(a.st.SSOMappings[1].ID)
	code, body := a.do("DELETE", "/mft/api/AdminSsoMapping/"+id, nil)
	require.Equal(t, http.StatusOK, code)
	require.JSONEq(t, `{"data":null}`, string(body), "thruStatus, like every documented MFT delete")
	require.Len(t, a.mappings(), 2)

	code, _ = a.do("DELETE", "/mft/api/AdminSsoMapping/"+id, nil)
	require.Equal(t, http.StatusNotFound, code, "deleting again: no such mapping")

	code, _ = a.do("GET", "/mft/api/AdminSsoMapping/"+id, nil)
	require.Equal(t, http.StatusNotFound, code)
	code, _ = a.do("DELETE", "/mft/api/AdminSsoMapping/999999", nil)
	require.Equal(t, http.StatusNotFound, code, "an id that never existed is unknown")
}

func TestMFTRolesOrganizationsAndUsers(t *testing.T) {
	a := newMFTTestAPI(t)
	var roles []MFTRole
	code, body := a.do("GET", "/mft/api/AdminRoles", nil)
	require.Equal(t, http.StatusOK, code)
	require.NoError(t, json.Unmarshal(body, &roles))
	require.Len(t, roles, len(a.st.Roles))
	for _, r := range roles {
		require.Nil(t, r.Permissions, "permissions only on request")
	}
	code, body = a.do("GET", "/mft/api/AdminRoles?includePermissions=true", nil)
	require.Equal(t, http.StatusOK, code)
	require.NoError(t, json.Unmarshal(body, &roles))
	require.Equal(t, a.st.Roles, roles)

	var orgs []MFTOrganization
	code, body = a.do("GET", "/mft/api/Organization", nil)
	require.Equal(t, http.StatusOK, code)
	require.NoError(t, json.Unmarshal(body, &orgs))
	require.Len(t, orgs, len(a.st.Organizations)-1, "the soft-deleted organization is hidden")
	code, body = a.do("GET", "/mft/api/Organization?showDeleted=true", nil)
	require.Equal(t, http.StatusOK, code)
	require.NoError(t, json.Unmarshal(body, &orgs))
	require.Equal(t, a.st.Organizations, orgs)

	var list []map[string]any
	code, body = a.do("GET", "/mft/api/AdminUsers", nil)
	require.Equal(t, http.StatusOK, code)
	require.NoError(t, json.Unmarshal(body, &list))
	require.Len(t, list, len(a.st.Users))
	require.NotContains(t, list[0], "roleIds", "the list carries no role ids")
	require.Equal(t, MFTFarFutureBan, list[1]["bannedUntil"])
	require.Contains(t, list[0], "failedAttempts")

	u := a.st.Users[3]
	var detail map[string]any
	code, body = a.do("GET", "/mft/api/AdminUsers/"+mftItoa(u.ID), nil)
	require.Equal(t, http.StatusOK, code)
	require.NoError(t, json.Unmarshal(body, &detail))
	wantOrgs := ""
	for i, o := range u.OrganizationIDs {
		if i > 0 {
			wantOrgs += ","
		}
		wantOrgs += mftItoa(o)
	}
	require.Equal(t, wantOrgs, detail["organizationIds"], "organization ids are a comma-separated string")
	require.Len(t, detail["roleIds"], len(u.RoleIDs))
	require.Nil(t, detail["password"])
	code, _ = a.do("GET", "/mft/api/AdminUsers/999999", nil)
	require.Equal(t, http.StatusNotFound, code)
}

func TestGenerateMFTIsDeterministic(t *testing.T) {
	spec := MFTSpec{Users: 30, Roles: 4, Organizations: 5, Mappings: 6}
	a, b := GenerateMFT(7, spec), GenerateMFT(7, spec)
	require.Equal(t, a, b)
	c := GenerateMFT(8, spec)
	require.NotEqual(t, a.APIKeys, c.APIKeys)

	require.Len(t, a.Users, 30)
	require.Len(t, a.Roles, len(mftSystemRoles)+4)
	require.Len(t, a.Organizations, 5)
	require.Len(t, a.SSOMappings, 6)
	require.NotEmpty(t, a.APIKeys[0])
	defaults := 0
	for _, m := range a.SSOMappings {
		if m.IsDefault {
			defaults++
		}
		require.NotEmpty(t, m.RoleIDs)
	}
	require.Equal(t, 1, defaults)
	require.Equal(t, MFTFarFutureBan, mftDeref(a.Users[1].BannedUntil))
	failed := 0
	for _, u := range a.Users {
		if u.FailedAttempts > 0 {
			failed++
		}
		require.NotEmpty(t, u.RoleIDs)
	}
	require.Greater(t, failed, 1)
	require.NoError(t, a.validateMappings(a.SSOMappings, idsOf(a.SSOMappings)), "the generated mappings obey the simulator's rules")
}

func idsOf(ms []MFTSSOMapping) []int32 {
	out := make([]int32, len(ms))
	for i, m := range ms {
		out[i] = m.ID
	}
	return out
}

func TestRouteKeyNamesMFTRoutes(t *testing.T) {
	cases := map[string]string{
		"GET /mft/api/AdminSsoMapping":                 "GET /mft/api/AdminSsoMapping",
		"GET /mft/api/AdminSsoMapping/17":              "GET /mft/api/AdminSsoMapping/{id}",
		"PUT /mft/api/AdminSsoMapping/bulk":            "PUT /mft/api/AdminSsoMapping/bulk",
		"DELETE /mft/api/AdminSsoMapping/17":           "DELETE /mft/api/AdminSsoMapping/{id}",
		"GET /mft/api/AdminRoles?includePermissions=1": "GET /mft/api/AdminRoles",
		"GET /mft/api/AdminUsers/9":                    "GET /mft/api/AdminUsers/{id}",
	}
	for in, want := range cases {
		method, target, _ := bytes.Cut([]byte(in), []byte(" "))
		r := httptest.NewRequestWithContext(context.Background(), string(method), string(target), nil)
		require.Equal(t, want, RouteKey(r), in)
		require.Equal(t, "mft", EffectiveAccount(r))
	}
}
