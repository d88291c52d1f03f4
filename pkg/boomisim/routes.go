package boomisim

import (
	"net/http"
	"net/url"
	"strings"
)

// Path prefixes of the simulated APIs (docs/boomi-api.md#base-urls, docs/architecture.md#mft-path-table).
const (
	platformBasePrefix = "/api/rest/v1/"
	partnerBasePrefix  = "/partner/api/rest/v1/"
	mftBasePrefix      = "/mft/"
	// mftAccountKey is the rate-limit key of every MFT request: MFT has no account in its paths.
	mftAccountKey = "mft"
)

// routeVerbs are the second path segments that name an operation rather than an object id.
var routeVerbs = map[string]bool{"query": true, "queryMore": true, "bulk": true}

// RouteKey names the API route a request addresses, with object ids replaced by {id}, so counters and
// route-scoped faults group requests by operation: "POST /AccountUserRole/query", "DELETE
// /AccountUserRole/{id}", "GET /getAssignableRoles", "GET /mft/api/AdminSsoMapping/{id}". The Platform and
// Partner bases share keys; the account id and the query string are not part of the key.
func RouteKey(r *http.Request) string {
	path := r.URL.EscapedPath()
	if rest, ok := platformRest(path); ok {
		return r.Method + " /" + strings.Join(idsReplaced(rest, 1), "/")
	}
	if strings.HasPrefix(path, mftBasePrefix) {
		// /mft/api/{Controller}/{id}: the id is the third segment after /mft/.
		rest := strings.Split(strings.TrimPrefix(path, mftBasePrefix), "/")
		return r.Method + " /mft/" + strings.Join(idsReplaced(rest, 2), "/")
	}
	return r.Method + " " + path
}

// EffectiveAccount is the account a request acts on: the account in the path, or on the Partner base the
// overrideAccount query parameter when present (docs/boomi-api.md#partner-api-and-overrideaccount); "mft" for MFT requests; "" for anything
// else. The rate limit is kept per effective account when Options.OverrideAccountRateLimit is set, otherwise
// per account in the path (Boomi's default, docs/boomi-api.md#partner-api-and-overrideaccount).
func EffectiveAccount(r *http.Request) string {
	path := r.URL.EscapedPath()
	if strings.HasPrefix(path, partnerBasePrefix) {
		if override := r.URL.Query().Get("overrideAccount"); override != "" {
			return override
		}
		return accountSegment(strings.TrimPrefix(path, partnerBasePrefix))
	}
	if strings.HasPrefix(path, platformBasePrefix) {
		return accountSegment(strings.TrimPrefix(path, platformBasePrefix))
	}
	if strings.HasPrefix(path, mftBasePrefix) {
		return mftAccountKey
	}
	return ""
}

// pathAccount is the account named in the path (the authenticating account), ignoring overrideAccount;
// "mft" for MFT requests; "" for anything else.
func pathAccount(r *http.Request) string {
	path := r.URL.EscapedPath()
	for _, prefix := range []string{partnerBasePrefix, platformBasePrefix} {
		if strings.HasPrefix(path, prefix) {
			return accountSegment(strings.TrimPrefix(path, prefix))
		}
	}
	if strings.HasPrefix(path, mftBasePrefix) {
		return mftAccountKey
	}
	return ""
}

// platformRest returns the path segments after /api/rest/v1/{accountId}/ (or the Partner equivalent).
func platformRest(path string) ([]string, bool) {
	var tail string
	switch {
	case strings.HasPrefix(path, partnerBasePrefix):
		tail = strings.TrimPrefix(path, partnerBasePrefix)
	case strings.HasPrefix(path, platformBasePrefix):
		tail = strings.TrimPrefix(path, platformBasePrefix)
	default:
		return nil, false
	}
	_, rest, _ := strings.Cut(tail, "/")
	return strings.Split(rest, "/"), true
}

// accountSegment is the (unescaped) first segment of tail.
func accountSegment(tail string) string {
	seg, _, _ := strings.Cut(tail, "/")
	if unescaped, err := url.PathUnescape(seg); err == nil {
		return unescaped
	}
	return seg
}

// idsReplaced returns segs with the segment at index idIndex replaced by {id}, unless it names an operation
// (query, queryMore, bulk) or is empty.
func idsReplaced(segs []string, idIndex int) []string {
	out := append([]string(nil), segs...)
	if idIndex < len(out) && out[idIndex] != "" && !routeVerbs[out[idIndex]] {
		out[idIndex] = "{id}"
	}
	return out
}
