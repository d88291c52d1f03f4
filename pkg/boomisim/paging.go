package boomisim

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Query paging (docs/boomi-api.md#query-results-and-paging, docs/boomi-api.md#querymore): at most pageSize results per answer, and a queryToken only while more
// remain. The whole result is rendered when the query runs, so later writes never shift pages a client is
// still reading; every page mints its own token, so retrying a queryMore with the same token is safe until
// the client presents the next one (see release).
const (
	pageSize = 100
	// queryTokenTTL is how long a token stays valid after it was issued. UNCONFIRMED(query-token-lifetime): Boomi
	// documents no lifetime; long enough for a slow, rate-limited sync to finish a list.
	queryTokenTTL = 30 * time.Minute
	// maxLiveTokens bounds the memory held by abandoned queries; the oldest tokens go first.
	maxLiveTokens = 20000
)

// resultSet is one query's rendered results.
type resultSet struct {
	object  string // the object queried ("AccountUserRole"); queryMore must name the same
	account string // the effective account; a token never crosses accounts
	items   []json.RawMessage
	tokens  []string // tokens issued for this set (guarded by pageStore.mu)
}

type pageRef struct {
	set     *resultSet
	offset  int
	expires time.Time
}

// pageStore holds the queryTokens of unfinished queries.
type pageStore struct {
	mu     sync.Mutex
	tokens map[string]pageRef
	counts NumberOfResultsMode
}

func newPageStore(counts NumberOfResultsMode) *pageStore {
	return &pageStore{tokens: map[string]pageRef{}, counts: counts}
}

// first answers the first page of a new query.
func (p *pageStore) first(object, account string, items []json.RawMessage, now time.Time) json.RawMessage {
	return p.page(&resultSet{object: object, account: account, items: items}, 0, now)
}

// next answers the page a queryMore token points at.
func (p *pageStore) next(object, account, token string, now time.Time) (json.RawMessage, *apiError) {
	if token == "" {
		return nil, &apiError{status: statusBadQueryToken, message: msgQueryTokenMissing}
	}
	p.mu.Lock()
	ref, ok := p.tokens[token]
	p.mu.Unlock()
	if !ok || now.After(ref.expires) {
		return nil, &apiError{status: statusBadQueryToken, message: msgQueryTokenUnknown}
	}
	if ref.set.object != object || ref.set.account != account {
		return nil, errQueryTokenObject(object)
	}
	answer := p.page(ref.set, ref.offset, now)
	p.release(token, ref)
	return answer, nil
}

// release frees what a client that presented token can no longer need: the tokens of earlier pages of the
// same query (it has moved past them) and twins of this one minted by retried requests. On the last page the token is re-pointed at a copy of just that
// page, so a finished query no longer pins its whole result; the token itself stays valid for a retry.
func (p *pageStore) release(token string, ref pageRef) {
	p.mu.Lock()
	defer p.mu.Unlock()
	kept := ref.set.tokens[:0]
	for _, tok := range ref.set.tokens {
		if other, ok := p.tokens[tok]; ok && tok != token && other.offset <= ref.offset {
			delete(p.tokens, tok)
			continue
		}
		kept = append(kept, tok)
	}
	ref.set.tokens = kept
	if end := ref.offset + pageSize; end >= len(ref.set.items) {
		last := &resultSet{object: ref.set.object, account: ref.set.account,
			items: append([]json.RawMessage(nil), ref.set.items[ref.offset:]...), tokens: []string{token}}
		p.tokens[token] = pageRef{set: last, offset: 0, expires: ref.expires}
	}
}

// page renders {"@type":"QueryResult","numberOfResults":n,"queryToken":...,"result":[...]} for the page at
// offset. numberOfResults is the number of matches of the whole query, or with NumberOfResultsPage the items
// of this page (docs/assumptions.md#number-of-results-counts). An empty page omits "result"
// (UNCONFIRMED(empty-query-result-shape): Boomi may send [] instead; clients accept both).
func (p *pageStore) page(set *resultSet, offset int, now time.Time) json.RawMessage {
	end := min(offset+pageSize, len(set.items))
	count := len(set.items)
	if p.counts == NumberOfResultsPage {
		count = end - offset
	}
	var b bytes.Buffer
	b.WriteString(`{"@type":"QueryResult","numberOfResults":`)
	b.WriteString(strconv.Itoa(count))
	if end < len(set.items) {
		token := p.issue(set, end, now)
		b.WriteString(`,"queryToken":`)
		tok, _ := json.Marshal(token)
		b.Write(tok)
	}
	if end > offset {
		b.WriteString(`,"result":[`)
		for i, item := range set.items[offset:end] {
			if i > 0 {
				b.WriteByte(',')
			}
			b.Write(item)
		}
		b.WriteByte(']')
	}
	b.WriteByte('}')
	return b.Bytes()
}

// issue stores a token for the page of set starting at offset.
func (p *pageStore) issue(set *resultSet, offset int, now time.Time) string {
	token := newQueryToken()
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.tokens) >= maxLiveTokens {
		p.evict(now)
	}
	p.tokens[token] = pageRef{set: set, offset: offset, expires: now.Add(queryTokenTTL)}
	set.tokens = append(set.tokens, token)
	return token
}

// evict drops expired tokens and, if still full, the tenth that expires soonest. Called with p.mu held.
func (p *pageStore) evict(now time.Time) {
	for tok, ref := range p.tokens {
		if now.After(ref.expires) {
			delete(p.tokens, tok)
		}
	}
	if len(p.tokens) < maxLiveTokens {
		return
	}
	cutoff := now.Add(queryTokenTTL)
	for _, ref := range p.tokens {
		if ref.expires.Before(cutoff) {
			cutoff = ref.expires
		}
	}
	// Widen the cutoff until about a tenth of the tokens fall under it.
	for step := queryTokenTTL / 10; len(p.tokens) >= maxLiveTokens; cutoff = cutoff.Add(step) {
		for tok, ref := range p.tokens {
			if !ref.expires.After(cutoff) {
				delete(p.tokens, tok)
			}
		}
	}
}

// queryMoreToken reads the raw token of a queryMore body: Boomi documents text/plain, Boomi's own CLI sends
// the bare token as application/json, and some clients JSON-quote it (docs/boomi-api.md#querymore); all three work.
func queryMoreToken(body []byte) string {
	tok := strings.TrimSpace(string(body))
	if strings.HasPrefix(tok, `"`) {
		var unquoted string
		if json.Unmarshal([]byte(tok), &unquoted) == nil {
			return strings.TrimSpace(unquoted)
		}
	}
	return tok
}

// queryMoreFor returns the queryMore handler of an object.
func queryMoreFor(object string) func(s *Server, c *call) (json.RawMessage, *apiError) {
	return func(s *Server, c *call) (json.RawMessage, *apiError) {
		return s.pages.next(object, c.account, queryMoreToken(c.body), s.now())
	}
}

// queryTokenBytes sizes a token like the ones in Boomi's paging documentation: about 1.9 KB of standard
// base64 (docs/boomi-api.md#query-results-and-paging). 1,399 bytes encode to 1,868 characters ending in "==".
const queryTokenBytes = 1399

// newQueryToken returns a fresh random token in standard base64. It always contains "+", "/" and "=", so a
// client that sends the raw token as a text/plain queryMore body without care (URL-encoding it, or trimming
// "=") fails here as it would against Boomi.
func newQueryToken() string {
	raw := make([]byte, queryTokenBytes)
	_, _ = rand.Read(raw)
	copy(raw, []byte{0xfb, 0xef, 0xff}) // encodes to "++//"
	return base64.StdEncoding.EncodeToString(raw)
}
