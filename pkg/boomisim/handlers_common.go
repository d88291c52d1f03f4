package boomisim

import (
	"bytes"
	"encoding/json"
	"strings"
)

// Plumbing shared by the object handlers: body decoding, state locking, query and bulk answers.

// maxBulkIDs is Boomi's bulk GET limit (docs/boomi-api.md#urls-and-verbs).
const maxBulkIDs = 100

// decodeBody reads a JSON object body into v. Unknown keys are ignored (Boomi adds fields without notice
// and clients echo "@type"), but the body must be one well-formed JSON object.
func decodeBody(body []byte, object string, v any) *apiError {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return errEmptyBody(object)
	}
	if trimmed[0] != '{' {
		return errorf(statusBadRequest, "The request body must be a JSON %s object.", object)
	}
	if err := json.Unmarshal(trimmed, v); err != nil {
		return errMalformedJSON(err)
	}
	return nil
}

// locked runs fn on the effective account while holding the state lock.
func (s *Server) locked(c *call, fn func(st *State, acct *AccountState) (json.RawMessage, *apiError)) (json.RawMessage, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	acct := s.state.Accounts[c.account]
	if acct == nil {
		// The account was removed (Load/Mutate) after the request was authorized.
		return nil, errNoAccountAccess(c.account)
	}
	return fn(s.state, acct)
}

// runQuery answers the first page of a query over the objects list returns for the effective account.
// The filter is validated before any state is read, so a bad filter fails the same on an empty account.
func runQuery[T any](s *Server, c *call, k *queryKind[T], list func(st *State, acct *AccountState) []T, render func(*T) json.RawMessage) (json.RawMessage, *apiError) {
	expr, err := decodeQuery(c.body)
	if err != nil {
		return nil, err
	}
	match, err := compile(k, expr)
	if err != nil {
		return nil, err
	}
	var items []json.RawMessage
	if _, err := s.locked(c, func(st *State, acct *AccountState) (json.RawMessage, *apiError) {
		objs := list(st, acct)
		for i := range objs {
			if match(&objs[i]) {
				items = append(items, render(&objs[i]))
			}
		}
		return nil, nil
	}); err != nil {
		return nil, err
	}
	return s.pages.first(k.object, c.account, items, s.now()), nil
}

// bulkRequest is the body of POST /{Object}/bulk.
type bulkRequest struct {
	Type    string `json:"type"`
	Request []struct {
		ID string `json:"id"`
	} `json:"request"`
}

// runBulkGet answers a bulk GET: one entry per requested id, in order, each with its own status
// (docs/boomi-api.md#urls-and-verbs: at most 100 ids, unknown ids are per-item 400s, not a failed request).
func (s *Server) runBulkGet(c *call, get func(st *State, acct *AccountState, id string) (json.RawMessage, *apiError)) (json.RawMessage, *apiError) {
	var req bulkRequest
	if err := decodeBody(c.body, "BulkRequest", &req); err != nil {
		return nil, err
	}
	if !strings.EqualFold(req.Type, "GET") {
		return nil, errBulkType(req.Type)
	}
	if len(req.Request) == 0 || len(req.Request) > maxBulkIDs {
		return nil, errBulkSize(len(req.Request))
	}
	return s.locked(c, func(st *State, acct *AccountState) (json.RawMessage, *apiError) {
		items := make([]bulkItem, 0, len(req.Request))
		for i, r := range req.Request {
			item := bulkItem{Type: "BulkResponse", Index: i, ID: r.ID, StatusCode: 200}
			if obj, err := get(st, acct, r.ID); err != nil {
				item.StatusCode, item.ErrorMessage = statusBadRequest, err.message
			} else {
				item.Result = obj
			}
			items = append(items, item)
		}
		return renderBulk(items), nil
	})
}

// checkAccountField enforces that an accountId given in a body names the effective account.
func checkAccountField(object, given string, c *call) *apiError {
	if given != "" && given != c.account {
		return errAccountMismatch(object, given, c.account)
	}
	return nil
}
