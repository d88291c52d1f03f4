package boomisim

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

// linksWorld gives tSingle n AccountUserRole links, user-00000@example.com ... in order.
func linksWorld(n int) *State {
	st := testWorld()
	a := st.Accounts[tSingle]
	for i := 0; i < n; i++ {
		email := fmt.Sprintf("user-%05d@example.com", i)
		a.UserRoles = append(a.UserRoles, AccountUserRole{ID: linkID(tSingle, email, StandardUserRoleID),
			AccountID: tSingle, UserID: email, RoleID: StandardUserRoleID})
	}
	return st
}

func TestPagingSizes(t *testing.T) {
	for _, n := range []int{0, 1, 100, 101, 250} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			sm := newSim(t, linksWorld(n))
			first := sm.ok(sm.post(api(tSingle, "/AccountUserRole/query"), `{"QueryFilter":{}}`))
			if n == 0 {
				// Assumed shape (docs/assumptions.md#empty-query-result-shape): result omitted on an empty answer.
				if _, has := first["result"]; has || first["numberOfResults"] != 0.0 || first["queryToken"] != nil {
					t.Fatalf("empty answer %v, want {@type, numberOfResults:0} only", first)
				}
			}
			var pages []int
			seen := map[string]bool{}
			items, tok := sm.results(first)
			for {
				pages = append(pages, len(items))
				for i, it := range items {
					want := fmt.Sprintf("user-%05d@example.com", len(seen))
					if it["userId"] != want {
						t.Fatalf("page %d item %d is %v, want %s", len(pages), i, it["userId"], want)
					}
					seen[it["userId"].(string)] = true
				}
				if tok == "" {
					break
				}
				items, tok = sm.results(sm.ok(sm.do(req{method: "POST", path: api(tSingle, "/AccountUserRole/queryMore"), body: tok, contentType: "text/plain"})))
			}
			wantPages := map[int][]int{0: {0}, 1: {1}, 100: {100}, 101: {100, 1}, 250: {100, 100, 50}}[n]
			if fmt.Sprint(pages) != fmt.Sprint(wantPages) {
				t.Fatalf("page sizes %v, want %v", pages, wantPages)
			}
			if len(seen) != n {
				t.Fatalf("read %d distinct links, want %d", len(seen), n)
			}
		})
	}
}

func TestQueryMoreContentTypes(t *testing.T) {
	sm := newSim(t, linksWorld(250))
	_, tok := sm.results(sm.ok(sm.post(api(tSingle, "/AccountUserRole/query"), ``)))
	bodies := []struct{ name, ct, body string }{
		{"text/plain raw", "text/plain", tok},
		{"application/json raw (Boomi CLI)", "application/json", tok},
		{"application/json quoted", "application/json", `"` + tok + `"`},
		{"text/plain with charset and newline", "text/plain; charset=utf-8", tok + "\n"},
	}
	for _, b := range bodies {
		items, next := sm.results(sm.ok(sm.do(req{method: "POST", path: api(tSingle, "/AccountUserRole/queryMore"), body: b.body, contentType: b.ct})))
		if len(items) != 100 || items[0]["userId"] != "user-00100@example.com" || next == "" {
			t.Fatalf("%s: %d items starting %v, next token %q", b.name, len(items), items[0]["userId"], next)
		}
	}
}

func TestQueryMoreBadTokens(t *testing.T) {
	sm := newSim(t, linksWorld(150))
	_, tok := sm.results(sm.ok(sm.post(api(tSingle, "/AccountUserRole/query"), ``)))
	more := func(acct, object, body string) resp {
		return sm.do(req{method: "POST", path: api(acct, "/"+object+"/queryMore"), body: body, contentType: "text/plain"})
	}
	sm.fails(more(tSingle, "AccountUserRole", "not-a-token"), http.StatusBadRequest)
	sm.fails(more(tSingle, "AccountUserRole", ""), http.StatusBadRequest)
	sm.fails(more(tSingle, "AccountUserRole", `"unterminated`), http.StatusBadRequest)
	// A token belongs to its object and account.
	sm.fails(more(tSingle, "Role", tok), http.StatusBadRequest)
	sm.fails(more(tPrimary, "AccountUserRole", tok), http.StatusBadRequest)
	// It still works where it belongs, and again (a retried queryMore gets the same page).
	for i := 0; i < 2; i++ {
		items, next := sm.results(sm.ok(more(tSingle, "AccountUserRole", tok)))
		if len(items) != 50 || next != "" {
			t.Fatalf("try %d: %d items, token %q; want the last 50 and no token", i, len(items), next)
		}
	}
	// Expired tokens are refused.
	sm.s.now = func() time.Time { return time.Now().Add(queryTokenTTL + time.Minute) }
	msg := sm.fails(more(tSingle, "AccountUserRole", tok), http.StatusBadRequest)
	if msg != msgQueryTokenUnknown {
		t.Fatalf("expired token message %q", msg)
	}
}

// Pages come from the result as it was when the query ran: writes in between neither shift nor repeat items.
func TestPagingIsASnapshot(t *testing.T) {
	sm := newSim(t, linksWorld(200))
	items, tok := sm.results(sm.ok(sm.post(api(tSingle, "/AccountUserRole/query"), ``)))
	sm.s.Mutate(func(st *State) {
		a := st.Accounts[tSingle]
		a.UserRoles = a.UserRoles[50:] // remove 50 links from the first page
	})
	page2, next := sm.results(sm.ok(sm.do(req{method: "POST", path: api(tSingle, "/AccountUserRole/queryMore"), body: tok, contentType: "text/plain"})))
	if len(items) != 100 || len(page2) != 100 || next != "" || page2[0]["userId"] != "user-00100@example.com" {
		t.Fatalf("page 2 has %d items from %v (token %q); want the original 100..199", len(page2), page2[0]["userId"], next)
	}
	if now := sm.queryAll(tSingle, "AccountUserRole", ``); len(now) != 150 {
		t.Fatalf("a new query sees %d links, want 150", len(now))
	}
}

func TestPageStoreEvictsWhenFull(t *testing.T) {
	p := newPageStore(NumberOfResultsTotal)
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	set := &resultSet{object: "X", account: "a"}
	first := p.issue(set, 0, now)
	for i := 1; i < maxLiveTokens+5; i++ {
		p.issue(set, 0, now.Add(time.Duration(i)*time.Millisecond))
	}
	if len(p.tokens) > maxLiveTokens {
		t.Fatalf("%d live tokens, cap %d", len(p.tokens), maxLiveTokens)
	}
	if _, ok := p.tokens[first]; ok {
		t.Fatalf("the oldest token survived eviction")
	}
}

// A token stays valid for retries until the client uses the next one; then the earlier pages are freed.
func TestQueryTokensRetryAndRelease(t *testing.T) {
	sm := newSim(t, linksWorld(250))
	more := func(tok string) resp {
		return sm.do(req{method: "POST", path: api(tSingle, "/AccountUserRole/queryMore"), body: tok, contentType: "text/plain"})
	}
	_, t1 := sm.results(sm.ok(sm.post(api(tSingle, "/AccountUserRole/query"), ``)))
	_, t2 := sm.results(sm.ok(more(t1)))
	retry, t2again := sm.results(sm.ok(more(t1))) // the answer to t1 was lost: ask again
	if len(retry) != 100 || retry[0]["userId"] != "user-00100@example.com" || t2again == "" {
		t.Fatalf("retry of t1: %d items from %v", len(retry), retry[0]["userId"])
	}
	last, none := sm.results(sm.ok(more(t2)))
	if len(last) != 50 || none != "" {
		t.Fatalf("last page: %d items, token %q", len(last), none)
	}
	sm.fails(more(t1), http.StatusBadRequest) // moved past: freed
	again, _ := sm.results(sm.ok(more(t2)))   // the last token still answers a retry
	if len(again) != 50 || again[0]["userId"] != "user-00200@example.com" {
		t.Fatalf("retry of the last page: %d items from %v", len(again), again[0]["userId"])
	}
	sm.s.pages.mu.Lock()
	defer sm.s.pages.mu.Unlock()
	for tok, ref := range sm.s.pages.tokens {
		if len(ref.set.items) > pageSize {
			t.Fatalf("token %s still pins a %d-item result after the query finished", tok, len(ref.set.items))
		}
	}
}

// numberOfResults is the query's total by default and the page's count with NumberOfResultsPage; tokens are
// long standard base64 with "+", "/" and "=", and work as raw text/plain queryMore bodies.
func TestNumberOfResultsModesAndTokenFormat(t *testing.T) {
	for _, tc := range []struct {
		mode       NumberOfResultsMode
		first, mid float64
	}{{NumberOfResultsTotal, 250, 250}, {NumberOfResultsPage, 100, 100}} {
		sm := newSimWith(t, linksWorld(250), Options{NumberOfResults: tc.mode})
		first := sm.ok(sm.post(api(tSingle, "/AccountUserRole/query"), `{"QueryFilter":{}}`))
		tok := first["queryToken"].(string)
		if first["numberOfResults"] != tc.first {
			t.Fatalf("mode %d: first page numberOfResults %v, want %v", tc.mode, first["numberOfResults"], tc.first)
		}
		if len(tok) < 1800 || !strings.ContainsAny(tok, "+") || !strings.Contains(tok, "/") || !strings.HasSuffix(tok, "=") {
			t.Fatalf("token %q… (%d chars) is not long standard base64 with + / =", tok[:40], len(tok))
		}
		second := sm.ok(sm.do(req{method: "POST", path: api(tSingle, "/AccountUserRole/queryMore"), body: tok, contentType: "text/plain"}))
		if second["numberOfResults"] != tc.mid {
			t.Fatalf("mode %d: second page numberOfResults %v, want %v", tc.mode, second["numberOfResults"], tc.mid)
		}
	}
}
