package boomisim

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"sort"
	"strings"
)

// The query engine: Boomi's QueryConfig {"QueryFilter":{"expression":...}} with SimpleExpression and
// GroupingExpression (docs/boomi-api.md#query-filters), compiled once per request into a predicate over one object type.

// queryConfig is the request body of POST /{Object}/query. "@type" keys are tolerated because some clients
// echo them; every other unknown key is an error, so a misspelt filter never silently matches everything.
type queryConfig struct {
	Type        string       `json:"@type,omitempty"`
	QueryFilter *queryFilter `json:"QueryFilter"`
}

type queryFilter struct {
	Type       string      `json:"@type,omitempty"`
	Expression *expression `json:"expression"`
}

// expression is either a SimpleExpression (operator, property, argument) or a GroupingExpression
// (operator and/or, nestedExpression).
type expression struct {
	Type             string        `json:"@type,omitempty"`
	Operator         string        `json:"operator"`
	Property         string        `json:"property,omitempty"`
	Argument         []string      `json:"argument,omitempty"`
	NestedExpression []*expression `json:"nestedExpression,omitempty"`
}

// decodeQuery reads a query body. An empty body, {} and {"QueryFilter":{}} all mean "everything" and give a
// nil expression (docs/boomi-api.md#listing-everything; UNCONFIRMED(list-all-without-filter) for the
// first two, accepted because clients send them).
func decodeQuery(body []byte) (*expression, *apiError) {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, nil
	}
	var qc queryConfig
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&qc); err != nil {
		return nil, errMalformedJSON(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errorf(statusBadRequest, "The request body has data after the QueryConfig object; send exactly one JSON object.")
	}
	if qc.QueryFilter == nil {
		return nil, nil
	}
	return qc.QueryFilter.Expression, nil
}

// operatorArity is the number of arguments each comparison operator takes (docs/boomi-api.md#query-filters). The per-object
// schema enums list CONTAINS/NOT_CONTAINS but not STARTS_WITH/NOT_LIKE; the intro lists those: all accepted.
var operatorArity = map[string]int{
	"EQUALS": 1, "NOT_EQUALS": 1,
	"LIKE": 1, "NOT_LIKE": 1,
	"STARTS_WITH": 1, "CONTAINS": 1, "NOT_CONTAINS": 1,
	"IS_NULL": 0, "IS_NOT_NULL": 0,
	"BETWEEN":      2,
	"GREATER_THAN": 1, "GREATER_THAN_OR_EQUAL": 1,
	"LESS_THAN": 1, "LESS_THAN_OR_EQUAL": 1,
}

// queryKind describes how one object type can be queried: its queryable properties (matched
// case-insensitively, docs/boomi-api.md#query-filters, docs/boomi-api.md#account) and, when restricted, the only operators it allows.
type queryKind[T any] struct {
	object    string
	props     map[string]func(*T) string // lower-case property name -> value ("" = null)
	names     []string                   // canonical property names, for error messages
	operators []string                   // nil = every operator of operatorArity
}

type queryProp[T any] struct {
	name string
	get  func(*T) string
}

func newQueryKind[T any](object string, operators []string, props ...queryProp[T]) *queryKind[T] {
	k := &queryKind[T]{object: object, props: map[string]func(*T) string{}, operators: operators}
	for _, p := range props {
		k.props[strings.ToLower(p.name)] = p.get
		k.names = append(k.names, p.name)
	}
	sort.Strings(k.names)
	return k
}

// compile validates e against k and returns the predicate it describes (nil e matches everything).
func compile[T any](k *queryKind[T], e *expression) (func(*T) bool, *apiError) {
	if e == nil {
		return func(*T) bool { return true }, nil
	}
	op := strings.TrimSpace(e.Operator)
	if op == "" {
		return nil, &apiError{status: statusBadRequest, message: msgFilterNeedsOperator}
	}
	if strings.EqualFold(op, "and") || strings.EqualFold(op, "or") {
		return compileGrouping(k, e, strings.EqualFold(op, "and"))
	}
	if len(e.NestedExpression) > 0 {
		return nil, errorf(statusBadRequest, "Operator %s compares a property; nestedExpression is only for and/or.", op)
	}
	op = strings.ToUpper(op)
	arity, known := operatorArity[op]
	if !known {
		return nil, errUnknownOperator(e.Operator)
	}
	if k.operators != nil && !containsString(k.operators, op) {
		return nil, errOperatorNotAllowed(k.object, op, k.operators)
	}
	if e.Property == "" {
		return nil, errMissingProperty(op)
	}
	get, ok := k.props[strings.ToLower(e.Property)]
	if !ok {
		return nil, errUnknownProperty(k.object, e.Property, k.names)
	}
	if len(e.Argument) != arity {
		return nil, errArgumentCount(op, arity, len(e.Argument))
	}
	match := comparison(op, e.Argument)
	return func(obj *T) bool { return match(get(obj)) }, nil
}

func compileGrouping[T any](k *queryKind[T], e *expression, and bool) (func(*T) bool, *apiError) {
	if e.Property != "" || len(e.Argument) > 0 {
		return nil, &apiError{status: statusBadRequest, message: msgGroupingWithProp}
	}
	if len(e.NestedExpression) == 0 {
		return nil, &apiError{status: statusBadRequest, message: msgGroupingNeedsNested}
	}
	parts := make([]func(*T) bool, 0, len(e.NestedExpression))
	for _, nested := range e.NestedExpression {
		if nested == nil {
			return nil, &apiError{status: statusBadRequest, message: msgFilterNeedsOperator}
		}
		p, err := compile(k, nested)
		if err != nil {
			return nil, err
		}
		parts = append(parts, p)
	}
	if and {
		return func(obj *T) bool {
			for _, p := range parts {
				if !p(obj) {
					return false
				}
			}
			return true
		}, nil
	}
	return func(obj *T) bool {
		for _, p := range parts {
			if p(obj) {
				return true
			}
		}
		return false
	}, nil
}

// comparison returns the test an operator applies to a property value. Values are strings (Boomi sends
// every argument as a string, docs/boomi-api.md#query-filters); "" stands for null.
//
// UNCONFIRMED(query-operator-matching) details, chosen here in one place: EQUALS/NOT_EQUALS compare exactly (case
// matters); LIKE, NOT_LIKE, STARTS_WITH, CONTAINS and NOT_CONTAINS ignore case; ordering operators compare
// strings (ISO dates order correctly) and never match null.
func comparison(op string, args []string) func(v string) bool {
	switch op {
	case "EQUALS":
		return func(v string) bool { return v == args[0] }
	case "NOT_EQUALS":
		return func(v string) bool { return v != args[0] }
	case "LIKE", "NOT_LIKE":
		pattern := strings.ToLower(args[0])
		want := op == "LIKE"
		return func(v string) bool { return likeMatch(pattern, strings.ToLower(v)) == want }
	case "STARTS_WITH":
		prefix := strings.ToLower(args[0])
		return func(v string) bool { return strings.HasPrefix(strings.ToLower(v), prefix) }
	case "CONTAINS", "NOT_CONTAINS":
		sub := strings.ToLower(args[0])
		want := op == "CONTAINS"
		return func(v string) bool { return strings.Contains(strings.ToLower(v), sub) == want }
	case "IS_NULL":
		return func(v string) bool { return v == "" }
	case "IS_NOT_NULL":
		return func(v string) bool { return v != "" }
	case "BETWEEN":
		lo, hi := args[0], args[1]
		return func(v string) bool { return v != "" && v >= lo && v <= hi }
	case "GREATER_THAN":
		return func(v string) bool { return v != "" && v > args[0] }
	case "GREATER_THAN_OR_EQUAL":
		return func(v string) bool { return v != "" && v >= args[0] }
	case "LESS_THAN":
		return func(v string) bool { return v != "" && v < args[0] }
	case "LESS_THAN_OR_EQUAL":
		return func(v string) bool { return v != "" && v <= args[0] }
	}
	// compile only passes operators of operatorArity, all handled above.
	panic("boomisim: comparison for unhandled operator " + op)
}

// likeMatch matches s against a LIKE pattern in which % stands for any run of characters (the only
// wildcard Boomi documents). Iterative with one backtrack point, so hostile patterns stay linear-ish.
func likeMatch(pattern, s string) bool {
	p, i := 0, 0
	star, mark := -1, 0
	for i < len(s) {
		switch {
		case p < len(pattern) && pattern[p] == '%':
			star, mark = p, i
			p++
		case p < len(pattern) && pattern[p] == s[i]:
			p++
			i++
		case star >= 0:
			p = star + 1
			mark++
			i = mark
		default:
			return false
		}
	}
	for p < len(pattern) && pattern[p] == '%' {
		p++
	}
	return p == len(pattern)
}

func boolString(b bool) string {
	if b {
		return "true"
	}
	return "false"
}
