package boomisim

import (
	"context"
	"net/http/httptest"
	"testing"
)

func TestRouteKeyAndEffectiveAccount(t *testing.T) {
	cases := []struct {
		method, target, route, account string
	}{
		{"POST", "/api/rest/v1/acme-AB12CD/AccountUserRole/query", "POST /AccountUserRole/query", "acme-AB12CD"},
		{"POST", "/api/rest/v1/acme-AB12CD/AccountUserRole/queryMore", "POST /AccountUserRole/queryMore", "acme-AB12CD"},
		{"DELETE", "/api/rest/v1/acme-AB12CD/AccountUserRole/YWNtZXxqYW5l", "DELETE /AccountUserRole/{id}", "acme-AB12CD"},
		{"GET", "/api/rest/v1/acme-AB12CD/Role/fcb6dd44-0ca8-11e2-a477-1231381987a5", "GET /Role/{id}", "acme-AB12CD"},
		{"POST", "/api/rest/v1/acme-AB12CD/Role/bulk", "POST /Role/bulk", "acme-AB12CD"},
		{"POST", "/api/rest/v1/acme-AB12CD/AccountUserRole", "POST /AccountUserRole", "acme-AB12CD"},
		{"GET", "/api/rest/v1/acme-AB12CD/getAssignableRoles", "GET /getAssignableRoles", "acme-AB12CD"},
		// Partner base: same keys; overrideAccount switches the effective account.
		{"POST", "/partner/api/rest/v1/acme-AB12CD/AccountUserRole/query?overrideAccount=child-QQ11RR", "POST /AccountUserRole/query", "child-QQ11RR"},
		{"POST", "/partner/api/rest/v1/acme-AB12CD/AccountUserRole/query", "POST /AccountUserRole/query", "acme-AB12CD"},
		// overrideAccount on the plain Platform base is not honoured (docs/boomi-api.md#partner-api-and-overrideaccount).
		{"POST", "/api/rest/v1/acme-AB12CD/AccountUserRole/query?overrideAccount=child-QQ11RR", "POST /AccountUserRole/query", "acme-AB12CD"},
		{"GET", "/api/rest/v1/acme%2DAB12CD/Account/acme-AB12CD", "GET /Account/{id}", "acme-AB12CD"},
		{"GET", "/mft/api/AdminSsoMapping/42", "GET /mft/api/AdminSsoMapping/{id}", "mft"},
		{"GET", "/mft/api/AdminSsoMapping", "GET /mft/api/AdminSsoMapping", "mft"},
		{"PUT", "/mft/api/AdminSsoMapping/bulk", "PUT /mft/api/AdminSsoMapping/bulk", "mft"},
		{"GET", "/mft/api/AdminRoles?includePermissions=true", "GET /mft/api/AdminRoles", "mft"},
		{"GET", "/nowhere", "GET /nowhere", ""},
	}
	for _, tc := range cases {
		r := httptest.NewRequestWithContext(context.Background(), tc.method, tc.target, nil)
		if got := RouteKey(r); got != tc.route {
			t.Errorf("RouteKey(%s %s) = %q, want %q", tc.method, tc.target, got, tc.route)
		}
		if got := EffectiveAccount(r); got != tc.account {
			t.Errorf("EffectiveAccount(%s %s) = %q, want %q", tc.method, tc.target, got, tc.account)
		}
	}
}

func TestIsAdminPath(t *testing.T) {
	for path, want := range map[string]bool{
		"/__admin/state": true, "/__admin": true, "/__administrator": false, "/api/rest/v1/a/__admin": false,
	} {
		if got := isAdminPath(path); got != want {
			t.Errorf("isAdminPath(%q) = %v, want %v", path, got, want)
		}
	}
}
