package connector

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/grpc-ecosystem/go-grpc-middleware/logging/zap/ctxzap"
	"go.uber.org/zap"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
)

// AccountUserRole in userId ranges.
//
// AccountUserRole is the longest listing of a sync (about 1.5 links per user: 153 pages at 10,000 users),
// and a Boomi listing is a chain: each queryMore needs the token of the page before. At 150 ms per page
// that chain alone is about the whole rate-limit floor of the sync. Split into a few disjoint userId
// ranges, each range is a chain of its own, and the prefetch (prefetch.go) reads the ranges side by side.
//
// UNCONFIRMED(account-user-role-userid-ranges): Boomi's AccountUserRole query accepts LESS_THAN and
// GREATER_THAN_OR_EQUAL on userId and filters by them; the docs list the operators for the query API in
// general, not per object and property. The ranges below are disjoint and together cover every userId
// under any consistent ordering (byte order, or case-insensitive), so what the ordering is only changes
// how evenly the links spread. The first range's first page is the probe: if Boomi refuses the filter
// (400) or answers links outside the range (the filter ignored), the sync falls back to the single,
// unfiltered chain for good (one request lost) and logs it.
//
// The consumers (users, admins, role grants) do not know about ranges: userRolePage hands them one chain of
// tokens, which their walks carry as the Token of a page-token state (pagination.Bag) and the page cache
// keys its pages by. In range mode a chain token is "r<i>:<Boomi token>"; the last page of range i leads to
// the first page of range i+1 ("r<i+1>:"), and "" is range 0's first page. In single mode the tokens are
// Boomi's own.
var userRoleRangeBounds = []string{"e", "k", "r"}

const (
	keyUserRoleMode    = "aur-mode"
	userRoleModeRanges = "ranges"
	userRoleModeSingle = "single"
	userRoleTokenMark  = "r"
)

// userRoleRangeCount is the number of ranges in range mode.
func userRoleRangeCount() int { return len(userRoleRangeBounds) + 1 }

// AccountUserRoleRanges is the number of userId ranges a sync lists AccountUserRole in (one query each)
// when Boomi honours them; the request tests use it.
func AccountUserRoleRanges() int { return userRoleRangeCount() }

// userRoleRange is the filter of range i: [bounds[i-1], bounds[i]), open at both ends.
func userRoleRange(i int) *boomi.Expression {
	switch {
	case i == 0:
		return boomi.Simple(boomi.OpLessThan, "userId", userRoleRangeBounds[0])
	case i == len(userRoleRangeBounds):
		return boomi.GreaterThanOrEqual("userId", userRoleRangeBounds[i-1])
	default:
		return boomi.And(boomi.GreaterThanOrEqual("userId", userRoleRangeBounds[i-1]),
			boomi.Simple(boomi.OpLessThan, "userId", userRoleRangeBounds[i]))
	}
}

// inUserRoleRange tells whether Boomi may have put userID in range i: in byte order or ignoring case.
func inUserRoleRange(i int, userID string) bool {
	within := func(v string) bool {
		if i > 0 && v < userRoleRangeBounds[i-1] {
			return false
		}
		return i == len(userRoleRangeBounds) || v < userRoleRangeBounds[i]
	}
	return within(userID) || within(strings.ToLower(userID))
}

// rangeToken is the connector token of range i at Boomi token t ("" for range 0's first page).
func rangeToken(i int, t string) string {
	if i == 0 && t == "" {
		return ""
	}
	return userRoleTokenMark + strconv.Itoa(i) + ":" + t
}

// parseRangeToken splits a connector token of range mode.
func parseRangeToken(token string) (int, string, error) {
	if token == "" {
		return 0, "", nil
	}
	head, rest, ok := strings.Cut(token, ":")
	i, err := strconv.Atoi(strings.TrimPrefix(head, userRoleTokenMark))
	if !ok || !strings.HasPrefix(head, userRoleTokenMark) || err != nil || i < 0 || i >= userRoleRangeCount() {
		return 0, "", errPageToken(token)
	}
	return i, rest, nil
}

// fetchUserRoleRangePage reads one page of range i and rewrites its NextToken into the connector chain.
func (r *platformReads) fetchUserRoleRangePage(ctx context.Context, i int, t string) (boomi.Page[boomi.AccountUserRole], error) {
	var expr *boomi.Expression
	if t == "" {
		expr = userRoleRange(i)
	}
	page, err := r.client.QueryAccountUserRoles(ctx, expr, t)
	if err != nil {
		return page, err
	}
	switch {
	case page.NextToken != "":
		page.NextToken = rangeToken(i, page.NextToken)
	case i+1 < userRoleRangeCount():
		page.NextToken = rangeToken(i+1, "")
	}
	return page, nil
}

// userRoleMode returns how this sync lists AccountUserRole, probing once per sync (see the file comment).
func (r *platformReads) userRoleMode(ctx context.Context, st syncCache) (string, error) {
	if mode, found, err := getOne[string](ctx, st, prefixOnce, keyUserRoleMode); found || errors.Is(err, errNoSessionStore) {
		return mode, err
	}
	shared, err := st.shared(prefixOnce+keyUserRoleMode, func() (any, error) {
		if mode, found, _ := getOne[string](ctx, st, prefixOnce, keyUserRoleMode); found {
			return mode, nil
		}
		mode, err := r.probeUserRoleRanges(ctx, st)
		if err != nil {
			return "", err
		}
		if err := setOne(ctx, st, prefixOnce, keyUserRoleMode, mode); err != nil {
			return "", fmt.Errorf("storing how this sync lists AccountUserRole: %w", err)
		}
		return mode, nil
	})
	if err != nil {
		return "", err
	}
	return shared.(string), nil
}

// probeUserRoleRanges reads range 0's first page. Accepted and honoured: range mode, and the page is the
// chain's first (cached under token ""). Refused with 400, or answered with links outside the range:
// single mode. Any other failure is the sync's error (the same request would fail unfiltered too).
func (r *platformReads) probeUserRoleRanges(ctx context.Context, st syncCache) (string, error) {
	page, err := r.fetchUserRoleRangePage(ctx, 0, "")
	if status.Code(err) == codes.InvalidArgument {
		ctxzap.Extract(ctx).Info("Boomi refused the AccountUserRole query by userId range; listing it as one chain",
			zap.Error(err))
		return userRoleModeSingle, nil
	}
	if err != nil {
		return "", err
	}
	for _, l := range page.Items {
		if !inUserRoleRange(0, l.UserID) {
			ctxzap.Extract(ctx).Info("Boomi ignored the userId range of the AccountUserRole query; listing it as one chain",
				zap.String("user_id_outside_range", l.UserID))
			return userRoleModeSingle, nil
		}
	}
	_, err = cachedPage(ctx, st, objAccountUserRole, "", func(context.Context, string) (boomi.Page[boomi.AccountUserRole], error) {
		return page, nil
	})
	return userRoleModeRanges, err
}

// AccountUserRolePages is the number of AccountUserRole pages (query + queryMore) a sync reads for links
// with these userIds when Boomi honours the ranges and orders userIds by bytes: one page at least per
// range, ceil(n/100) for the n links of a range. The benchmark's floor and the request tests use it.
func AccountUserRolePages(userIDs []string) int64 {
	perRange := make([]int, userRoleRangeCount())
	for _, id := range userIDs {
		i := sort.SearchStrings(userRoleRangeBounds, id)
		if i < len(userRoleRangeBounds) && userRoleRangeBounds[i] == id {
			i++
		}
		perRange[i]++
	}
	var pages int64
	for _, n := range perRange {
		pages += int64(max(1, (n+99)/100))
	}
	return pages
}
