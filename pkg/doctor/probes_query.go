package doctor

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
)

// noSuchUser is a login no tenant has (".invalid" is reserved), for a query that must match nothing.
const noSuchUser = "baton-boomi-doctor-probe@example.invalid"

// probeUserRoleNoMatch: an AccountUserRole query that matches nothing answers an empty QueryResult (one
// production client reported HTTP 500 instead), and what an empty answer looks like.
func probeUserRoleNoMatch(ctx context.Context, t *Target) Result {
	r := Result{
		Probe: "empty-query", Assumptions: []string{"userrole-no-match-empty", "empty-query-result-shape"},
		Expected: "an AccountUserRole query for an unknown userId answers numberOfResults 0 with result absent or [] (both are read as empty)",
	}
	shape, err := t.Platform.QueryShapeOf(ctx, "AccountUserRole", boomi.Equals("userId", noSuchUser), nil)
	if err != nil {
		r.Seen, r.Verdict = "the query answered "+failure(err), Differs
		r.Adapts = "none: grants, revokes and account creation read a user's links this way and would fail for a user with none"
		return r
	}
	r.Seen = fmt.Sprintf("numberOfResults %s, result %s, %d item(s)", numberOf(shape), shape.ResultField, shape.Items)
	r.Verdict = Holds
	if shape.Items != 0 {
		r.Verdict = Differs
	}
	return r
}

func numberOf(s boomi.QueryShape) string {
	if s.NumberOfResults < 0 {
		return "absent"
	}
	return fmt.Sprint(s.NumberOfResults)
}

// firstFullPage finds a list-everything query whose first page is full (more than one page of results), so
// that paging can be observed; it tries the objects most likely to have 100+ entries.
func firstFullPage(ctx context.Context, t *Target) (string, boomi.QueryShape, error) {
	var lastErr error
	for _, object := range []string{"AccountUserRole", "AuditLog", "AccountUserFederation"} {
		shape, err := t.Platform.QueryShapeOf(ctx, object, nil, nil)
		if err != nil {
			lastErr = err
			continue
		}
		if shape.QueryToken != "" {
			return object, shape, nil
		}
	}
	return "", boomi.QueryShape{}, lastErr
}

// probeNumberOfResults: what numberOfResults counts, on a first page that has a next page.
func probeNumberOfResults(ctx context.Context, t *Target) Result {
	r := Result{
		Probe: "number-of-results", Assumptions: []string{"number-of-results-counts"},
		Expected: "numberOfResults is the number of matches of the whole query (more than the 100 on a first page that has a next one)",
		Adapts:   "not needed: the connector pages by queryToken and never reads numberOfResults",
	}
	object, shape, err := firstFullPage(ctx, t)
	switch {
	case err != nil && object == "":
		r.Seen, r.Verdict = "the queries answered "+failure(err), CouldNotTest
		return r
	case object == "":
		r.Seen, r.Verdict = "no object has more than one page of results here", CouldNotTest
		return r
	}
	r.Seen = fmt.Sprintf("%s: numberOfResults %s with %d item(s) and a next page", object, numberOf(shape), shape.Items)
	if shape.NumberOfResults > shape.Items {
		r.Verdict = Holds
	} else {
		r.Verdict = Differs
		r.Seen += " (it counts the page)"
	}
	return r
}

// probeQueryMore: the queryToken's format, and that queryMore takes the raw token as text/plain (what the
// connector sends) and as application/json (what Boomi's CI/CD CLI sends).
func probeQueryMore(ctx context.Context, t *Target) Result {
	r := Result{
		Probe: "query-more", Assumptions: []string{"querymore-body"},
		Expected: "queryMore accepts the raw queryToken as a text/plain body (the connector's way) and as application/json",
	}
	object, first, err := firstFullPage(ctx, t)
	if object == "" {
		r.Seen, r.Verdict = "no object has more than one page of results here", CouldNotTest
		if err != nil {
			r.Seen = "the queries answered " + failure(err)
		}
		return r
	}
	format := tokenFormat(first.QueryToken)
	plain, plainErr := t.Platform.QueryMoreShapeOf(ctx, object, first.QueryToken, "text/plain")
	// A second query gives a second token: a token may be single-use.
	_, second, err := firstFullPage(ctx, t)
	jsonSeen := "not tried"
	if err == nil && second.QueryToken != "" {
		if _, jsonErr := t.Platform.QueryMoreShapeOf(ctx, object, second.QueryToken, "application/json"); jsonErr != nil {
			jsonSeen = "refused: " + failure(jsonErr)
		} else {
			jsonSeen = "accepted"
		}
	}
	if plainErr != nil {
		r.Seen = fmt.Sprintf("token %s; text/plain refused: %s; application/json %s", format, failure(plainErr), jsonSeen)
		r.Verdict = Differs
		r.Adapts = "none: every list of more than 100 objects stops after its first page"
		return r
	}
	r.Seen = fmt.Sprintf("token %s; text/plain accepted (%d item(s)); application/json %s", format, plain.Items, jsonSeen)
	r.Verdict = Holds
	return r
}

// tokenFormat describes a token by its length and alphabet, never by its value.
func tokenFormat(tok string) string {
	alphabet := "base64url or other"
	if strings.ContainsAny(tok, "+/") || strings.HasSuffix(tok, "=") {
		alphabet = "standard base64"
	}
	return fmt.Sprintf("of %d characters, %s", len(tok), alphabet)
}

// probeListAllBody: {"QueryFilter":{}} (what the connector sends) lists everything, and {} (what another
// client sends) answers the same count.
func probeListAllBody(ctx context.Context, t *Target) Result {
	r := Result{
		Probe: "list-all-body", Assumptions: []string{"list-all-without-filter"},
		Expected: `a Role query with {"QueryFilter":{}} lists every role; {} answers the same first page`,
	}
	own, err := t.Platform.QueryShapeOf(ctx, "Role", nil, nil)
	if err != nil {
		r.Seen, r.Verdict = `{"QueryFilter":{}} answered `+failure(err), Differs
		r.Adapts = "none: every list the sync reads uses this body"
		return r
	}
	bare, err := t.Platform.QueryShapeOf(ctx, "Role", nil, json.RawMessage(`{}`))
	bareSeen := fmt.Sprintf("{} answered %d item(s)", bare.Items)
	if err != nil {
		bareSeen = "{} answered " + failure(err)
	}
	r.Seen = fmt.Sprintf(`{"QueryFilter":{}} answered %d item(s); %s`, own.Items, bareSeen)
	r.Verdict = Holds
	if own.Items == 0 {
		r.Verdict = Differs
	}
	return r
}
