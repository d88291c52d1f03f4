package boomi

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/baton-boomi/baton-boomi/pkg/transport"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

func TestCreateAccountUserRoleSendsBodyAndDefaultsAccount(t *testing.T) {
	c, f := newFake(t, reply(200, `{"@type":"AccountUserRole","id":"link-1","accountId":"acme-AB12CD",
		"userId":"jane@example.com","roleId":"fcb6e2d0-0ca8-11e2-a477-1231381987a5","firstName":"Jane","lastName":"Roe","newField":1}`))
	notify := false
	out, err := c.CreateAccountUserRole(context.Background(), AccountUserRole{
		ID: "ignored", UserID: "jane@example.com", RoleID: StandardUserRoleID, FirstName: "Jane", LastName: "Roe", NotifyUser: &notify,
	})
	require.NoError(t, err)
	require.Equal(t, AccountUserRole{ID: "link-1", AccountID: testAccount, UserID: "jane@example.com",
		RoleID: StandardUserRoleID, FirstName: "Jane", LastName: "Roe"}, out)
	req := f.all()[0]
	require.Equal(t, http.MethodPost, req.Method)
	require.Equal(t, "/api/rest/v1/acme-AB12CD/AccountUserRole", req.Path)
	require.JSONEq(t, `{"accountId":"acme-AB12CD","userId":"jane@example.com","roleId":"fcb6e2d0-0ca8-11e2-a477-1231381987a5",
		"firstName":"Jane","lastName":"Roe","notifyUser":false}`, req.Body)
}

func TestCreateAccountUserRoleOmitsNotifyUserWhenUnset(t *testing.T) {
	c, f := newFake(t, reply(200, `{"id":"x"}`))
	_, err := c.CreateAccountUserRole(context.Background(), AccountUserRole{AccountID: "other", UserID: "u@x.com", RoleID: "r"})
	require.NoError(t, err)
	require.JSONEq(t, `{"accountId":"other","userId":"u@x.com","roleId":"r"}`, f.all()[0].Body)
}

func TestDeletesUseEscapedIDs(t *testing.T) {
	c, f := newFake(t, reply(200, ``))
	ctx := context.Background()
	require.NoError(t, c.DeleteAccountUserRole(ctx, "YWNtZXx1QHguY29tfHI="))
	require.NoError(t, c.DeleteAccountGroupUserRole(ctx, "a/b"))
	require.NoError(t, c.DeleteAccountUserFederation(ctx, "f|1"))
	reqs := f.all()
	for _, r := range reqs {
		require.Equal(t, http.MethodDelete, r.Method)
		require.Empty(t, r.Body)
	}
	require.Equal(t, "/api/rest/v1/acme-AB12CD/AccountUserRole/YWNtZXx1QHguY29tfHI=", reqs[0].Path)
	require.Equal(t, "/api/rest/v1/acme-AB12CD/AccountGroupUserRole/a%2Fb", reqs[1].Path)
	require.Equal(t, "/api/rest/v1/acme-AB12CD/AccountUserFederation/f%7C1", reqs[2].Path)
}

func TestDeleteOfUnknownLinkIsNotFoundWithBoomiMessage(t *testing.T) {
	c, _ := newFake(t, reply(404, `{"@type":"Error","message":"Unknown id"}`))
	err := c.DeleteAccountUserRole(context.Background(), "nope")
	require.Equal(t, codes.NotFound, status.Code(err))
	require.Equal(t, "Unknown id", transport.VendorMessage(err))
}

func TestNotifyUserAcceptsBooleanOrString(t *testing.T) {
	c, _ := newFake(t, reply(200, `{"result":[
		{"id":"1","notifyUser":true},{"id":"2","notifyUser":"false"},{"id":"3"},{"id":"4","notifyUser":null},{"id":"5","notifyUser":"maybe"}]}`))
	page, err := c.QueryAccountGroupUserRoles(context.Background(), nil, "")
	require.NoError(t, err)
	require.Len(t, page.Items, 5)
	require.True(t, *page.Items[0].NotifyUser)
	require.False(t, *page.Items[1].NotifyUser)
	require.Nil(t, page.Items[2].NotifyUser)
	require.Nil(t, page.Items[3].NotifyUser)
	require.Nil(t, page.Items[4].NotifyUser)
}

func TestRoleDecodingReadsBothDescriptionsAndPrivileges(t *testing.T) {
	c, _ := newFake(t, reply(200, `{"@type":"QueryResult","result":[
		{"@type":"Role","id":"r1","accountId":"acme-AB12CD","name":"Ops","Description":"upper","parentId":"p",
		 "Privileges":{"@type":"Privileges","Privilege":[{"@type":"","name":"API"},{"name":"VIEW_RESULT"},{"name":""}]}},
		{"id":"r2","accountId":"1","name":"Administrator","description":"lower"},
		{"id":"r3"}]}`))
	page, err := c.QueryRoles(context.Background(), nil, "")
	require.NoError(t, err)
	require.Equal(t, []Role{
		{ID: "r1", AccountID: testAccount, Name: "Ops", Description: "upper", ParentID: "p", Privileges: []string{"API", "VIEW_RESULT"}},
		{ID: "r2", AccountID: "1", Name: "Administrator", Description: "lower"},
		{ID: "r3"},
	}, page.Items)
	require.False(t, page.Items[0].BuiltIn())
	require.True(t, page.Items[1].BuiltIn())
}

func TestGetAssignableRolesUsesTheLowerCasePath(t *testing.T) {
	c, f := newFake(t, reply(200, `{"@type":"","Role":[{"@type":"Role","id":"fcb6dd44-0ca8-11e2-a477-1231381987a5","accountId":"1","name":"Administrator","description":"admin"}]}`))
	roles, err := c.GetAssignableRoles(context.Background())
	require.NoError(t, err)
	require.Equal(t, []Role{{ID: AdministratorRoleID, AccountID: "1", Name: "Administrator", Description: "admin"}}, roles)
	require.Len(t, f.all(), 1)
	require.Equal(t, "/api/rest/v1/acme-AB12CD/getAssignableRoles", f.all()[0].Path)
	require.Equal(t, http.MethodGet, f.all()[0].Method)
}

func TestGetAssignableRolesNeverTriesTheCamelCasePath(t *testing.T) {
	for _, st := range []int{400, 403, 404, 405} {
		c, f := newFake(t, reply(st, `{"@type":"Error","message":"Unknown objectType"}`), reply(200, `{"Role":[{"id":"x"}]}`))
		_, err := c.GetAssignableRoles(context.Background())
		require.Error(t, err, "HTTP %d is an error, not an empty role list", st)
		require.Len(t, f.all(), 1, "HTTP %d: one request, no CamelCase retry", st)
		require.Equal(t, "/api/rest/v1/acme-AB12CD/getAssignableRoles", f.all()[0].Path)
	}
}

func TestGetRoleAndCanonicalIDs(t *testing.T) {
	c, f := newFake(t, reply(200, `{"id":"r1","name":"N"}`))
	r, err := c.GetRole(context.Background(), "r1")
	require.NoError(t, err)
	require.Equal(t, "N", r.Name)
	require.Equal(t, "/api/rest/v1/acme-AB12CD/Role/r1", f.all()[0].Path)

	for id, want := range map[string]bool{
		StandardUserRoleID:                       true,
		AdministratorRoleID:                      true,
		"0B8E6C1E-5D55-4B0E-9D0F-3F1B2F7A9C11":   true,
		"fedcba98-7654-3210-fedc-ba9876543c210":  false, // 13 hex in the last group (seen in Boomi's docs)
		"fcb6e2d00ca811e2a4771231381987a5":       false,
		"":                                       false,
		"{fcb6e2d0-0ca8-11e2-a477-1231381987a5}": false,
		"gcb6e2d0-0ca8-11e2-a477-1231381987a5":   false,
	} {
		require.Equal(t, want, IsCanonicalRoleID(id), id)
	}
}

func TestAccountGroupWithResourcesDecodesItsOwnFields(t *testing.T) {
	var g AccountGroup
	require.NoError(t, json.Unmarshal([]byte(`{"@type":"AccountGroup","id":"g1","accountId":"acme-AB12CD","name":"EMEA",
		"defaultGroup":false,"autoSubscribeAlertLevel":"error",
		"Resources":{"@type":"Resources","Resource":[{"@type":"Resource","resourceId":"r1","resourceName":"Ops","objectType":"Role"}]}}`), &g))
	require.Equal(t, AccountGroup{ID: "g1", AccountID: testAccount, Name: "EMEA", AutoSubscribeAlertLevel: "error"}, g)
}

func TestAccountGroupQueryToleratesMissingAndStringFields(t *testing.T) {
	c, _ := newFake(t, reply(200, `{"result":[{"id":"g1","defaultGroup":"true"},{"id":"g2","name":7}],"numberOfResults":2}`))
	page, err := c.QueryAccountGroups(context.Background(), nil, "")
	require.NoError(t, err)
	require.Equal(t, []AccountGroup{{ID: "g1", DefaultGroup: true}, {ID: "g2", Name: "7"}}, page.Items)
}

func TestAccountGroupAccountsAndUserRolesDecode(t *testing.T) {
	c, _ := newFake(t, reply(200, `{"result":[{"@type":"AccountGroupAccount","id":"m1","accountGroupId":"g1","accountId":"child-1"}]}`))
	page, err := c.QueryAccountGroupAccounts(context.Background(), Equals("accountGroupId", "g1"), "")
	require.NoError(t, err)
	require.Equal(t, []AccountGroupAccount{{ID: "m1", AccountGroupID: "g1", AccountID: "child-1"}}, page.Items)

	c, f := newFake(t, reply(200, `{"@type":"AccountGroupUserRole","id":"x1","accountGroupId":"g1","userId":"u@x.com","roleId":"r"}`))
	out, err := c.CreateAccountGroupUserRole(context.Background(), AccountGroupUserRole{AccountGroupID: "g1", UserID: "u@x.com", RoleID: "r"})
	require.NoError(t, err)
	require.Equal(t, AccountGroupUserRole{ID: "x1", AccountGroupID: "g1", UserID: "u@x.com", RoleID: "r"}, out)
	require.Equal(t, "/api/rest/v1/acme-AB12CD/AccountGroupUserRole", f.all()[0].Path)
	require.JSONEq(t, `{"accountGroupId":"g1","userId":"u@x.com","roleId":"r"}`, f.all()[0].Body, "no accountId on group links")
}

func TestFederationCreateUpdateAndQuery(t *testing.T) {
	c, f := newFake(t,
		reply(200, `{"@type":"AccountUserFederation","id":"f1","accountId":"acme-AB12CD","userId":"u@x.com","federationId":"U1"}`),
		reply(200, `{"id":"f1","accountId":"acme-AB12CD","userId":"u@x.com","federationId":"U2"}`),
		reply(200, `{"result":[{"id":"f1","userId":"u@x.com","federationId":"U2"}]}`),
	)
	ctx := context.Background()
	created, err := c.CreateAccountUserFederation(ctx, AccountUserFederation{UserID: "u@x.com", FederationID: "U1"})
	require.NoError(t, err)
	require.Equal(t, "f1", created.ID)
	updated, err := c.UpdateAccountUserFederation(ctx, AccountUserFederation{ID: "f1", UserID: "u@x.com", FederationID: "U2"})
	require.NoError(t, err)
	require.Equal(t, "U2", updated.FederationID)
	page, err := c.QueryAccountUserFederations(ctx, Equals("userId", "u@x.com"), "")
	require.NoError(t, err)
	require.Equal(t, []AccountUserFederation{{ID: "f1", UserID: "u@x.com", FederationID: "U2"}}, page.Items)

	reqs := f.all()
	require.Equal(t, "/api/rest/v1/acme-AB12CD/AccountUserFederation", reqs[0].Path)
	require.JSONEq(t, `{"accountId":"acme-AB12CD","userId":"u@x.com","federationId":"U1"}`, reqs[0].Body)
	require.Equal(t, "/api/rest/v1/acme-AB12CD/AccountUserFederation/f1", reqs[1].Path)
	require.JSONEq(t, `{"id":"f1","accountId":"acme-AB12CD","userId":"u@x.com","federationId":"U2"}`, reqs[1].Body)
}

func TestAccountsDecodeAndIgnoreLicensing(t *testing.T) {
	c, f := newFake(t, reply(200, `{"@type":"Account","accountId":"acme-AB12CD","name":"Acme","status":"active",
		"dateCreated":"2021-03-04T10:00:00Z","expirationDate":"2030-01-01T00:00:00Z","supportLevel":"standard","supportAccess":true,
		"widgetAccount":false,"overDeployed":"true","licensing":{"@type":"","standard":{"@type":"License","purchased":10,"used":2}},
		"molecule":{"purchased":1,"used":0}}`))
	a, err := c.GetAccount(context.Background(), testAccount)
	require.NoError(t, err)
	require.Equal(t, Account{AccountID: testAccount, Name: "Acme", Status: "active", DateCreated: "2021-03-04T10:00:00Z",
		ExpirationDate: "2030-01-01T00:00:00Z", SupportLevel: "standard", SupportAccess: true, OverDeployed: true}, a)
	require.Equal(t, "/api/rest/v1/acme-AB12CD/Account/acme-AB12CD", f.all()[0].Path)
}

func TestAccountSSOConfigDecode(t *testing.T) {
	c, f := newFake(t, reply(200, `{"@type":"AccountSSOConfig","accountId":"acme-AB12CD","enabled":true,
		"idpUrl":"https://idp.example.com/sso","fedIdFromNameId":true,"nameIdPolicy":"TRANSIENT","certificate":["LS0"],"certInfo":"a~~b"}`))
	cfg, err := c.GetAccountSSOConfig(context.Background())
	require.NoError(t, err)
	require.Equal(t, AccountSSOConfig{AccountID: testAccount, Enabled: true, IdpURL: "https://idp.example.com/sso",
		FedIDFromNameID: true, NameIDPolicy: "TRANSIENT"}, cfg)
	require.Equal(t, "/api/rest/v1/acme-AB12CD/AccountSSOConfig/acme-AB12CD", f.all()[0].Path)
}

func TestAuditLogsDecode(t *testing.T) {
	c, f := newFake(t, reply(200, `{"@type":"QueryResult","result":[{"@type":"AuditLog","documentId":"d1","accountId":"acme-AB12CD",
		"containerId":"c","userId":"u@x.com","date":"2024-05-01T10:00:00Z","type":"account","action":"ON_ENTRY","modifier":"SUCCESS",
		"level":"INFO","source":"API","message":"m","AuditLogProperty":[{"name":"k","value":"v"}]}]}`))
	expr := And(Equals("type", "account"), Equals("action", "ON_ENTRY"), Equals("modifier", "SUCCESS"))
	page, err := c.QueryAuditLogs(context.Background(), expr, "")
	require.NoError(t, err)
	require.Equal(t, []AuditLog{{DocumentID: "d1", AccountID: testAccount, UserID: "u@x.com", Date: "2024-05-01T10:00:00Z",
		Type: "account", Action: "ON_ENTRY", Modifier: "SUCCESS", Level: "INFO", Source: "API", Message: "m"}}, page.Items)
	require.Equal(t, "/api/rest/v1/acme-AB12CD/AuditLog/query", f.all()[0].Path)
}

// A result item that is not an object at all is a shape Boomi never sends: the page fails as Internal
// rather than panicking or silently dropping data.
func TestNonObjectResultItemFailsThePageCleanly(t *testing.T) {
	c, _ := newFake(t, reply(200, `{"result":["just a string"]}`))
	_, err := c.QueryAccountUserRoles(context.Background(), nil, "")
	require.Equal(t, codes.Internal, status.Code(err))
	require.Contains(t, err.Error(), "does not have the expected shape")
}
