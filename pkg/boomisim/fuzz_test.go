package boomisim

import (
	"testing"
)

// FuzzQueryFilter: any request body is either a filter that compiles for every object type and can be
// run, or a 400 with a message; the parser never panics. Deeply nested groupings included.
func FuzzQueryFilter(f *testing.F) {
	for _, seed := range []string{
		``, `{}`, `{"QueryFilter":{}}`,
		`{"QueryFilter":{"expression":{"operator":"EQUALS","property":"userId","argument":["a@b.c"]}}}`,
		`{"QueryFilter":{"expression":{"operator":"and","nestedExpression":[{"operator":"LIKE","property":"name","argument":["%a_"]},{"operator":"IS_NULL","property":"accountId","argument":[]}]}}}`,
		`{"QueryFilter":{"expression":{"operator":"BETWEEN","property":"date","argument":["2026-01-01T00:00:00Z","2026-02-01T00:00:00Z"]}}}`,
		`{"QueryFilter":{"expression":{"operator":"or","nestedExpression":[{"operator":"or","nestedExpression":[]}]}}}`,
		`{"QueryFilter":{"expression":{"operator":"EQUALS","property":"name","argument":["x"],"nestedExpression":[{}]}}}`,
		`{"@type":"QueryConfig","QueryFilter":{"@type":"QueryFilter","expression":{"@type":"SimpleExpression","operator":"NOT_EQUALS","property":"roleId","argument":["1"]}}}`,
		`{"QueryFilter":{"expression":{"operator":"LIKE","property":"userId","argument":["%%%_\\"]}}}`,
		`{"QueryFilter":null}`, `{"QueryFilter":{"expression":null}} {}`, `[1]`, `{"x":1}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		expr, apiErr := decodeQuery(body)
		if apiErr != nil {
			if apiErr.status != statusBadRequest || apiErr.message == "" {
				t.Fatalf("a bad body gave %d %q, want a 400 with a message", apiErr.status, apiErr.message)
			}
			return
		}
		checkCompiles(t, userRoleQuery, expr, &AccountUserRole{UserID: "a@b.c", RoleID: "r", AccountID: "acme"})
		checkCompiles(t, roleQuery, expr, &Role{ID: "r", Name: "Admin"})
		checkCompiles(t, auditQuery, expr, &AuditLog{UserID: "a@b.c", Date: "2026-01-01T00:00:00Z"})
		checkCompiles(t, federationQuery, expr, &AccountUserFederation{UserID: "a@b.c", FederationID: "f"})
		checkCompiles(t, groupQuery, expr, &AccountGroup{ID: "g", Name: "G"})
		checkCompiles(t, accountQuery, expr, &Account{AccountID: "acme", Name: "Acme"})
	})
}

func checkCompiles[T any](t *testing.T, k *queryKind[T], expr *expression, sample *T) {
	t.Helper()
	match, apiErr := compile(k, expr)
	if apiErr != nil {
		if apiErr.status != statusBadRequest || apiErr.message == "" {
			t.Fatalf("%s: a bad filter gave %d %q, want a 400 with a message", k.object, apiErr.status, apiErr.message)
		}
		return
	}
	_ = match(sample)
}
