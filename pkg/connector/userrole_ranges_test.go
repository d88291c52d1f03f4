package connector

import (
	"context"
	"net/http"
	"sort"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

// userRoleRequestFloor is what reading every AccountUserRole link costs in range mode: one query per range
// and ceil(n/100)-1 queryMores for the n links of each range (the simulator orders userIds by bytes).
func userRoleRequestFloor(links []boomisim.AccountUserRole) (int64, int64) {
	var queries, queryMores int64
	perRange := make([]int, userRoleRangeCount())
	for _, l := range links {
		for i := range perRange {
			if (i == 0 || l.UserID >= userRoleRangeBounds[i-1]) && (i == len(userRoleRangeBounds) || l.UserID < userRoleRangeBounds[i]) {
				perRange[i]++
				break
			}
		}
	}
	for _, n := range perRange {
		queries++
		if n > 100 {
			queryMores += int64((n+99)/100) - 1
		}
	}
	return queries, queryMores
}

// Every link arrives exactly once through the ranges, in one chain of connector tokens.
func TestUserRoleRangesCoverEveryLinkOnce(t *testing.T) {
	e := newTestEnv(t, boomisim.Generate(syncTestSpec()))
	var got []string
	for _, l := range e.userRoleLinksAll() {
		got = append(got, l.ID)
	}
	var want []string
	for _, l := range e.account().UserRoles {
		want = append(want, l.ID)
	}
	sort.Strings(got)
	sort.Strings(want)
	require.Equal(t, want, got)
	q, m := userRoleRequestFloor(e.account().UserRoles)
	require.Equal(t, q, e.requests("POST /AccountUserRole/query"))
	require.Equal(t, m, e.requests("POST /AccountUserRole/queryMore"))
	ids := make([]string, 0, len(e.account().UserRoles))
	for _, l := range e.account().UserRoles {
		ids = append(ids, l.UserID)
	}
	require.Equal(t, q+m, AccountUserRolePages(ids))
	mode, _, _ := e.store.Get(e.ctx, keyUserRoleMode)
	require.Equal(t, userRoleModeRanges, string(mode))
}

// A Boomi that refuses the userId range (400) or ignores it gets the single unfiltered chain, and every
// link still arrives once.
func TestUserRoleRangesFallBackToOneChain(t *testing.T) {
	for name, answer := range map[string]func(w http.ResponseWriter, r *http.Request, next http.Handler){
		"refused": func(w http.ResponseWriter, _ *http.Request, _ http.Handler) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write([]byte(`{"@type":"Error","message":"Unsupported operator LESS_THAN for property userId"}`))
		},
		"ignored": func(w http.ResponseWriter, r *http.Request, next http.Handler) {
			// Drop the filter: answer the unfiltered query.
			r2 := r.Clone(r.Context())
			r2.Body = http.NoBody
			r2.ContentLength = 0
			next.ServeHTTP(w, r2)
		},
	} {
		t.Run(name, func(t *testing.T) {
			e := newTestEnv(t, boomisim.Generate(syncTestSpec()), withMaxRetries(1), withHandler(func(sim *boomisim.Server, w http.ResponseWriter, r *http.Request) {
				if r.URL.Path != "" && len(r.URL.Path) > len("/AccountUserRole/query") &&
					r.URL.Path[len(r.URL.Path)-len("/AccountUserRole/query"):] == "/AccountUserRole/query" && r.ContentLength > 40 {
					answer(w, r, sim)
					return
				}
				sim.ServeHTTP(w, r)
			}))
			seen := map[string]int{}
			for _, l := range e.userRoleLinksAll() {
				seen[l.ID]++
			}
			links := e.liveAccount().UserRoles
			require.Len(t, seen, len(links))
			for id, n := range seen {
				require.Equal(t, 1, n, id)
			}
			mode, _, _ := e.store.Get(context.Background(), keyUserRoleMode)
			require.Equal(t, userRoleModeSingle, string(mode))
		})
	}
}

func TestRangeTokensRoundTripAndRejectForeignOnes(t *testing.T) {
	for i := range userRoleRangeCount() {
		r, tok, err := parseRangeToken(rangeToken(i, "abc"))
		require.NoError(t, err)
		require.Equal(t, i, r)
		require.Equal(t, "abc", tok)
	}
	_, _, err := parseRangeToken("garbage")
	require.Error(t, err)
	_, _, err = parseRangeToken("r9:x")
	require.Error(t, err)
	require.True(t, inUserRoleRange(0, "Zed@x.com"), "upper case sorts before the bounds in byte order")
	require.True(t, inUserRoleRange(3, "Zed@x.com"), "or after them ignoring case")
	require.False(t, inUserRoleRange(1, "zed@x.com"))
}

// Against a simulator that refuses ordering operators on userId, the sync spends one refused query and
// reads the single chain: ceil(n/100) pages, every link once.
func TestUserRoleRangesRefusedBySimulatorCostOneRequest(t *testing.T) {
	e := newTestEnv(t, boomisim.Generate(syncTestSpec()), withSimOptions(boomisim.Options{RateLimit: -1, UserRoleRefusesUserIDRanges: true}))
	seen := map[string]int{}
	for _, l := range e.userRoleLinksAll() {
		seen[l.ID]++
	}
	links := e.account().UserRoles
	require.Len(t, seen, len(links))
	pages := int64((len(links) + 99) / 100)
	require.Equal(t, int64(2), e.requests("POST /AccountUserRole/query"), "the refused probe and the unfiltered query")
	require.Equal(t, pages-1, e.requests("POST /AccountUserRole/queryMore"))
}
