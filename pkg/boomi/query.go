package boomi

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// Query operators of a simple expression (Boomi API introduction, "Query filters"), for Simple; Equals and
// GreaterThanOrEqual spell the two the connector uses most. Not every object accepts every operator: Role
// accepts only EQUALS.
const (
	OpEquals             = "EQUALS"
	OpNotEquals          = "NOT_EQUALS"
	OpLike               = "LIKE"
	OpIsNull             = "IS_NULL"
	OpIsNotNull          = "IS_NOT_NULL"
	OpBetween            = "BETWEEN"
	OpGreaterThan        = "GREATER_THAN"
	OpGreaterThanOrEqual = "GREATER_THAN_OR_EQUAL"
	OpLessThan           = "LESS_THAN"
	OpLessThanOrEqual    = "LESS_THAN_OR_EQUAL"
	OpContains           = "CONTAINS"
	OpNotContains        = "NOT_CONTAINS"

	groupAnd = "and"
	groupOr  = "or"
)

// Expression is a Boomi query expression: either simple (Operator, Property, Arguments) or grouping
// (Operator "and"/"or" with Nested). It marshals to Boomi's JSON:
//
//	{"operator":"EQUALS","property":"userId","argument":["a@b.c"]}
//	{"operator":"and","nestedExpression":[...]}
type Expression struct {
	Operator  string
	Property  string
	Arguments []string
	Nested    []*Expression
}

// isGrouping tells whether e combines nested expressions with and/or.
func (e *Expression) isGrouping() bool {
	return strings.EqualFold(e.Operator, groupAnd) || strings.EqualFold(e.Operator, groupOr)
}

// MarshalJSON writes the simple or the grouping form.
func (e *Expression) MarshalJSON() ([]byte, error) {
	if e.isGrouping() {
		nested := e.Nested
		if nested == nil {
			nested = []*Expression{}
		}
		return json.Marshal(struct {
			Operator string        `json:"operator"`
			Nested   []*Expression `json:"nestedExpression"`
		}{strings.ToLower(e.Operator), nested})
	}
	args := e.Arguments
	if args == nil {
		args = []string{} // Boomi's arguments are always an array, empty for IS_NULL / IS_NOT_NULL
	}
	return json.Marshal(struct {
		Operator string   `json:"operator"`
		Property string   `json:"property"`
		Argument []string `json:"argument"`
	}{e.Operator, e.Property, args})
}

// Simple builds a simple expression with any operator.
func Simple(operator, property string, args ...string) *Expression {
	return &Expression{Operator: operator, Property: property, Arguments: args}
}

// Equals matches objects whose property equals value.
func Equals(property, value string) *Expression { return Simple(OpEquals, property, value) }

// GreaterThanOrEqual matches values >= value.
func GreaterThanOrEqual(property, value string) *Expression {
	return Simple(OpGreaterThanOrEqual, property, value)
}

// And combines expressions; nil entries are dropped, a single one is returned as is, none gives nil (= all).
func And(exprs ...*Expression) *Expression { return group(groupAnd, exprs) }

// Or combines expressions like And, with "or".
func Or(exprs ...*Expression) *Expression { return group(groupOr, exprs) }

func group(operator string, exprs []*Expression) *Expression {
	kept := make([]*Expression, 0, len(exprs))
	for _, e := range exprs {
		if e != nil {
			kept = append(kept, e)
		}
	}
	switch len(kept) {
	case 0:
		return nil
	case 1:
		return kept[0]
	}
	return &Expression{Operator: operator, Nested: kept}
}

// Page is one page of a query: at most 100 items (Boomi's page size) and the token for the next page.
type Page[T any] struct {
	Items     []T
	NextToken string // Boomi's queryToken; "" = last page
}

// queryRequest is the body of POST /{Object}/query: {"QueryFilter":{}} lists everything.
type queryRequest struct {
	QueryFilter queryFilter `json:"QueryFilter"`
}

type queryFilter struct {
	Expression *Expression `json:"expression,omitempty"`
}

// queryResult is Boomi's QueryResult envelope. numberOfResults is not read: whether it counts the page or
// the total is UNCONFIRMED(number-of-results-counts), and len(result) is what matters.
type queryResult[T any] struct {
	QueryToken string `json:"queryToken"`
	Result     []T    `json:"result"`
}

// queryPage fetches one page of object: the first page (token "") with POST /{object}/query and the filter,
// the next ones with POST /{object}/queryMore whose body is the raw token as text/plain (expr is ignored; the
// spec's content type; UNCONFIRMED(querymore-body) that every tenant takes it as the spec says).
// Exactly one request (plus retries) per call.
func queryPage[T any](ctx context.Context, c *Client, object string, expr *Expression, token string) (Page[T], error) {
	var res queryResult[T]
	var err error
	if token == "" {
		err = c.do(ctx, http.MethodPost, "/"+object+"/query",
			queryRequest{QueryFilter: queryFilter{Expression: expr}}, "", &res)
	} else {
		err = c.do(ctx, http.MethodPost, "/"+object+"/queryMore", []byte(token), "text/plain", &res)
	}
	if err != nil {
		return Page[T]{}, pageError(object, token, err)
	}
	return Page[T]{Items: res.Result, NextToken: res.QueryToken}, nil
}

// pageError says which object's listing stopped and at which page, around the transport's sentence (the
// gRPC code, HTTP status and vendor message stay readable through errors.As). A page after the first is
// named by the end of the queryToken that leads to it: Boomi numbers no pages, and the token is what a
// support case needs.
func pageError(object, token string, err error) error {
	if token == "" {
		return fmt.Errorf("listing %s stopped at its first page: %w", object, err)
	}
	const shown = 12
	tail := token
	if len(tail) > shown {
		tail = "…" + tail[len(tail)-shown:]
	}
	return fmt.Errorf("listing %s stopped at the page after queryToken %q: %w", object, tail, err)
}
