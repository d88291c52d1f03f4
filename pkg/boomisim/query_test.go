package boomisim

import (
	"fmt"
	"net/http"
	"sort"
	"strings"
	"testing"
)

// operatorWorld has sub-accounts of tSingle with names and dates chosen so every operator selects a
// known subset.
func operatorWorld() *State {
	st := testWorld()
	subs := []Account{
		{AccountID: "sub-1", Name: "Alpha Corp", Status: "active", DateCreated: "2020-01-01T00:00:00Z"},
		{AccountID: "sub-2", Name: "alphabet soup", Status: "trial", DateCreated: "2021-06-15T00:00:00Z", ExpirationDate: "2021-09-01T00:00:00Z"},
		{AccountID: "sub-3", Name: "Beta", Status: "deleted", DateCreated: "2022-01-01T00:00:00Z", WidgetAccount: true},
		{AccountID: "sub-4", Name: "Gamma Alpha", Status: "active", DateCreated: "2023-03-03T00:00:00Z"},
	}
	for _, a := range subs {
		st.Accounts[a.AccountID] = &AccountState{Account: a, ParentID: tSingle}
	}
	return st
}

func accountIDs(items []map[string]any) string {
	var ids []string
	for _, it := range items {
		ids = append(ids, it["accountId"].(string))
	}
	sort.Strings(ids)
	return strings.Join(ids, ",")
}

func TestQueryOperators(t *testing.T) {
	sm := newSim(t, operatorWorld())
	cases := []struct {
		name, body, want string
	}{
		{"EQUALS exact", filter("EQUALS", "name", "Beta"), "sub-3"},
		{"EQUALS is case-sensitive", filter("EQUALS", "name", "beta"), ""},
		{"NOT_EQUALS", filter("NOT_EQUALS", "status", "active"), "sub-2,sub-3"},
		{"LIKE prefix wildcard, any case", filter("LIKE", "name", "alpha%"), "sub-1,sub-2"},
		{"LIKE infix wildcard", filter("LIKE", "name", "%ALPHA%"), "sub-1,sub-2,sub-4"},
		{"LIKE without wildcard is whole-value", filter("LIKE", "name", "alpha"), ""},
		{"NOT_LIKE", filter("NOT_LIKE", "name", "%alpha%"), "sub-3"},
		{"STARTS_WITH", filter("STARTS_WITH", "name", "ALPHA"), "sub-1,sub-2"},
		{"CONTAINS", filter("CONTAINS", "name", "ph"), "sub-1,sub-2,sub-4"},
		{"NOT_CONTAINS", filter("NOT_CONTAINS", "name", "ph"), "sub-3"},
		{"IS_NULL", filter("IS_NULL", "expirationDate"), "sub-1,sub-3,sub-4"},
		{"IS_NOT_NULL", filter("IS_NOT_NULL", "expirationDate"), "sub-2"},
		{"BETWEEN inclusive", filter("BETWEEN", "dateCreated", "2021-06-15T00:00:00Z", "2022-01-01T00:00:00Z"), "sub-2,sub-3"},
		{"GREATER_THAN", filter("GREATER_THAN", "dateCreated", "2022-01-01T00:00:00Z"), "sub-4"},
		{"GREATER_THAN_OR_EQUAL", filter("GREATER_THAN_OR_EQUAL", "dateCreated", "2022-01-01T00:00:00Z"), "sub-3,sub-4"},
		{"LESS_THAN", filter("LESS_THAN", "dateCreated", "2021-06-15T00:00:00Z"), "sub-1"},
		{"LESS_THAN_OR_EQUAL", filter("LESS_THAN_OR_EQUAL", "dateCreated", "2021-06-15T00:00:00Z"), "sub-1,sub-2"},
		{"boolean property", filter("EQUALS", "widgetAccount", "true"), "sub-3"},
		{"property name any case (spec enum is upper case)", filter("EQUALS", "STATUS", "trial"), "sub-2"},
		{"lower-case operator", filter("equals", "status", "trial"), "sub-2"},
		{"and", `{"QueryFilter":{"expression":{"operator":"and","nestedExpression":[` +
			`{"operator":"EQUALS","property":"status","argument":["active"]},` +
			`{"operator":"LIKE","property":"name","argument":["%alpha%"]}]}}}`, "sub-1,sub-4"},
		{"OR upper case", `{"QueryFilter":{"expression":{"operator":"OR","nestedExpression":[` +
			`{"operator":"EQUALS","property":"status","argument":["trial"]},` +
			`{"operator":"EQUALS","property":"status","argument":["deleted"]}]}}}`, "sub-2,sub-3"},
		{"nested three deep", `{"QueryFilter":{"expression":{"operator":"and","nestedExpression":[` +
			`{"operator":"or","nestedExpression":[` +
			`{"operator":"EQUALS","property":"name","argument":["Beta"]},` +
			`{"operator":"And","nestedExpression":[{"operator":"STARTS_WITH","property":"name","argument":["gamma"]},{"operator":"IS_NULL","property":"expirationDate"}]}]},` +
			`{"operator":"NOT_EQUALS","property":"accountId","argument":["sub-1"]}]}}}`, "sub-3,sub-4"},
		{"empty body", ``, "sub-1,sub-2,sub-3,sub-4"},
		{"empty object", `{}`, "sub-1,sub-2,sub-3,sub-4"},
		{"empty QueryFilter", `{"QueryFilter":{}}`, "sub-1,sub-2,sub-3,sub-4"},
		{"@type keys tolerated", `{"@type":"QueryConfig","QueryFilter":{"expression":{"@type":"SimpleExpression","operator":"EQUALS","property":"name","argument":["Beta"]}}}`, "sub-3"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sm.t = t
			if got := accountIDs(sm.queryAll(tSingle, "Account", tc.body)); got != tc.want {
				t.Fatalf("got [%s], want [%s]", got, tc.want)
			}
		})
	}
}

func TestQueryRejectsBadFilters(t *testing.T) {
	sm := newSim(t, operatorWorld())
	cases := []struct {
		name, body, wantMsg string
	}{
		{"malformed JSON", `{"QueryFilter":`, "not valid JSON"},
		{"not an object", `[1,2]`, "not valid JSON"},
		{"unknown top-level field", `{"QueryFiltr":{}}`, "unknown field"},
		{"unknown expression field", `{"QueryFilter":{"expression":{"operator":"EQUALS","property":"name","argument":["x"],"value":"x"}}}`, "unknown field"},
		{"argument not an array", `{"QueryFilter":{"expression":{"operator":"EQUALS","property":"name","argument":"x"}}}`, "not valid JSON"},
		{"numeric argument", `{"QueryFilter":{"expression":{"operator":"EQUALS","property":"name","argument":[1]}}}`, "not valid JSON"},
		{"trailing data", `{} {}`, "after the QueryConfig"},
		{"unknown property", filter("EQUALS", "colour", "red"), `property "colour"`},
		{"unknown operator", filter("SOUNDS_LIKE", "name", "x"), "Unknown query operator"},
		{"missing operator", `{"QueryFilter":{"expression":{"property":"name","argument":["x"]}}}`, "needs an operator"},
		{"missing property", `{"QueryFilter":{"expression":{"operator":"EQUALS","argument":["x"]}}}`, "needs a property"},
		{"EQUALS with two arguments", filter("EQUALS", "name", "a", "b"), "takes 1 argument"},
		{"EQUALS with none", filter("EQUALS", "name"), "takes 1 argument"},
		{"BETWEEN with one", filter("BETWEEN", "dateCreated", "2020"), "takes 2 argument"},
		{"IS_NULL with one", filter("IS_NULL", "name", "x"), "takes 0 argument"},
		{"grouping without nested", `{"QueryFilter":{"expression":{"operator":"and","nestedExpression":[]}}}`, "at least one nestedExpression"},
		{"grouping with property", `{"QueryFilter":{"expression":{"operator":"or","property":"name","nestedExpression":[{"operator":"IS_NULL","property":"name"}]}}}`, "nestedExpression only"},
		{"null nested", `{"QueryFilter":{"expression":{"operator":"or","nestedExpression":[null]}}}`, "needs an operator"},
		{"simple with nested",
			`{"QueryFilter":{"expression":{"operator":"EQUALS","property":"name","argument":["x"],"nestedExpression":[{"operator":"IS_NULL","property":"name"}]}}}`, "only for and/or"},
		{"bad nested deep",
			`{"QueryFilter":{"expression":{"operator":"and","nestedExpression":[{"operator":"or","nestedExpression":[{"operator":"EQUALS","property":"nope","argument":["x"]}]}]}}}`,
			`property "nope"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sm.t = t
			msg := sm.fails(sm.post(api(tSingle, "/Account/query"), tc.body), http.StatusBadRequest)
			if !strings.Contains(msg, tc.wantMsg) {
				t.Fatalf("message %q does not mention %q", msg, tc.wantMsg)
			}
		})
	}
}

func TestRoleQueryAllowsOnlyEqualsOnNameAndParent(t *testing.T) {
	sm := newSim(t, testWorld())
	byName := sm.queryAll(tPrimary, "Role", filter("EQUALS", "name", "Ops Reader"))
	if len(byName) != 1 || byName[0]["id"] != "0b8e6c1e-5d55-4b0e-9d0f-3f1b2f7a9c11" {
		t.Fatalf("EQUALS name: %v", byName)
	}
	byParent := sm.queryAll(tPrimary, "Role", filter("EQUALS", "PARENTID", StandardUserRoleID))
	if len(byParent) != 1 {
		t.Fatalf("EQUALS parentId: %d roles, want 1", len(byParent))
	}
	grouped := sm.queryAll(tPrimary, "Role", `{"QueryFilter":{"expression":{"operator":"or","nestedExpression":[`+
		`{"operator":"EQUALS","property":"name","argument":["Administrator"]},{"operator":"EQUALS","property":"name","argument":["Support"]}]}}}`)
	if len(grouped) != 2 {
		t.Fatalf("or of EQUALS: %d roles, want 2", len(grouped))
	}
	for _, op := range []string{"LIKE", "IS_NOT_NULL", "NOT_EQUALS", "CONTAINS"} {
		args := []string{"x"}
		if op == "IS_NOT_NULL" {
			args = nil
		}
		msg := sm.fails(sm.post(api(tPrimary, "/Role/query"), filter(op, "name", args...)), http.StatusBadRequest)
		if !strings.Contains(msg, "do not support the operator "+op) {
			t.Fatalf("%s: message %q", op, msg)
		}
	}
	sm.fails(sm.post(api(tPrimary, "/Role/query"), filter("EQUALS", "accountId", "1")), http.StatusBadRequest)
}

func TestLikeMatch(t *testing.T) {
	cases := []struct {
		pattern, s string
		want       bool
	}{
		{"%", "", true}, {"%", "abc", true}, {"", "", true}, {"", "a", false},
		{"a%c", "abc", true}, {"a%c", "ac", true}, {"a%c", "abd", false},
		{"%b%", "abc", true}, {"%%b", "ab", true}, {"a%b%c", "axxbyyc", true}, {"a%b%c", "axxcyyb", false},
		{"abc", "abc", true}, {"abc", "abcd", false}, {"%a%a%a%a%b", strings.Repeat("a", 200), false},
	}
	for _, tc := range cases {
		if got := likeMatch(tc.pattern, tc.s); got != tc.want {
			t.Errorf("likeMatch(%q, %q) = %v, want %v", tc.pattern, tc.s, got, tc.want)
		}
	}
}

// FuzzDecodeQuery feeds arbitrary bodies to the query decoder and compiler: they must answer a 400-class
// error or a predicate, never panic. `go test -fuzz FuzzDecodeQuery` explores; `make test` runs the seeds.
func FuzzDecodeQuery(f *testing.F) {
	for _, seed := range []string{``, `{}`, `{"QueryFilter":{}}`, filter("EQUALS", "name", "x"), filter("BETWEEN", "dateCreated", "a", "b"),
		`{"QueryFilter":{"expression":{"operator":"and","nestedExpression":[{"operator":"or","nestedExpression":[null]}]}}}`,
		`{"QueryFilter":{"expression":{"operator":"LIKE","property":"NAME","argument":["%%a%"]}}}`, `"x"`, `null`, `{"QueryFilter":null}`} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		expr, err := decodeQuery([]byte(body))
		if err != nil {
			if err.status != http.StatusBadRequest || err.message == "" {
				t.Fatalf("decode error %v is not a 400 with a message", err)
			}
			return
		}
		match, cerr := compile(accountQuery, expr)
		if cerr != nil {
			if cerr.status != http.StatusBadRequest || cerr.message == "" {
				t.Fatalf("compile error %v is not a 400 with a message", cerr)
			}
			return
		}
		_ = match(&Account{AccountID: "a", Name: fmt.Sprint(len(body))})
		_ = match(&Account{})
	})
}
