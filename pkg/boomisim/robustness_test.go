package boomisim

import (
	"net/http"
	"strings"
	"testing"
)

// Bad input anywhere gets a 4xx Boomi Error, never a 5xx, a panic or a dropped connection.
func TestBadInputNeverFailsTheServer(t *testing.T) {
	sm := newSim(t, testWorld())
	bodies := []string{`{`, `null`, `[]`, `"text"`, `42`, `{"id":5,"name":[1],"userId":{"a":1},"roleId":true}`,
		`{"type":"GET","request":"x"}`, `{"type":"GET","request":[null]}`, `{"QueryFilter":{"expression":{"operator":"and","nestedExpression":"x"}}}`,
		`{"Privileges":{"Privilege":"API"}}`, `{"Resources":[]}`, `{"certificate":{}}`, strings.Repeat("[", 20000)}
	ids := []string{"x", "%E2%9C%93", strings.Repeat("a", 5000), "..%2F..%2Fetc", "%00"}
	checked := 0
	for _, rt := range servedRoutes {
		routeIDs := ids
		if !strings.Contains(rt.pattern, "{id}") {
			routeIDs = ids[:1]
		}
		for _, id := range routeIDs {
			path := api(tPrimary, strings.ReplaceAll(rt.pattern, "{id}", id))
			for _, body := range bodies {
				r := sm.do(req{method: rt.method, path: path, body: body})
				checked++
				if r.status >= 500 {
					t.Fatalf("%s %s with body %.40q: %d %s", rt.method, path, body, r.status, r.body)
				}
				if r.status != http.StatusOK {
					sm.fails(r, r.status) // must still be a Boomi Error body
				}
			}
		}
	}
	if checked < len(servedRoutes)*len(bodies) {
		t.Fatalf("only %d requests checked", checked)
	}
}
