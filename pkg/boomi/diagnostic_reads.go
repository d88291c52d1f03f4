package boomi

import (
	"context"
	"encoding/json"
	"net/http"
)

// Diagnostic reads for `baton-boomi doctor`: the same requests the connector sends, and a few variants of
// them, answered with the *shape* of Boomi's answer (counts, field presence, token format) rather than its
// data, so that the doctor can compare what a tenant does with what the connector assumes. All of them are
// reads: GET, or POST to /query and /queryMore.

// QueryShape is what one QueryResult looked like.
type QueryShape struct {
	Items           int    // entries in result
	NumberOfResults int    // the numberOfResults field (-1 when absent)
	ResultField     string // "absent", "empty" ([]) or "present"
	QueryToken      string // "" when absent
}

type rawQueryResult struct {
	NumberOfResults *int              `json:"numberOfResults"`
	QueryToken      string            `json:"queryToken"`
	Result          []json.RawMessage `json:"result"`
}

// shapeOf describes one QueryResult body.
func shapeOf(body json.RawMessage) (QueryShape, error) {
	var r rawQueryResult
	if err := json.Unmarshal(body, &r); err != nil {
		return QueryShape{}, err
	}
	s := QueryShape{Items: len(r.Result), NumberOfResults: -1, QueryToken: r.QueryToken, ResultField: "present"}
	if r.NumberOfResults != nil {
		s.NumberOfResults = *r.NumberOfResults
	}
	var fields map[string]json.RawMessage
	_ = json.Unmarshal(body, &fields)
	switch raw, ok := fields["result"]; {
	case !ok:
		s.ResultField = "absent"
	case len(r.Result) == 0 && string(raw) != "null":
		s.ResultField = "empty"
	}
	return s, nil
}

// QueryShapeOf sends POST /{object}/query with body as given (nil: the connector's own body for expr) and
// describes the answer.
func (c *Client) QueryShapeOf(ctx context.Context, object string, expr *Expression, body json.RawMessage) (QueryShape, error) {
	var payload any = queryRequest{QueryFilter: queryFilter{Expression: expr}}
	if body != nil {
		payload = body
	}
	var raw json.RawMessage
	if err := c.do(ctx, http.MethodPost, "/"+object+"/query", payload, "", &raw); err != nil {
		return QueryShape{}, err
	}
	return shapeOf(raw)
}

// QueryMoreShapeOf sends POST /{object}/queryMore with the raw token as the body, under contentType
// ("text/plain" is what the connector sends; "application/json" is what Boomi's CI/CD CLI sends).
func (c *Client) QueryMoreShapeOf(ctx context.Context, object, token, contentType string) (QueryShape, error) {
	var raw json.RawMessage
	if err := c.do(ctx, http.MethodPost, "/"+object+"/queryMore", []byte(token), contentType, &raw); err != nil {
		return QueryShape{}, err
	}
	return shapeOf(raw)
}
