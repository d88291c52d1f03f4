package transport

import (
	"context"
	"encoding/base64"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestDoSendsJSONWithHeadersAndDecodesAnswer(t *testing.T) {
	s := &scripted{steps: []http.HandlerFunc{answer(200, `{"name":"x","count":3,"extra":true}`)}}
	c, _ := newTestClient(t, s, nil)

	var out struct {
		Name  string `json:"name"`
		Count int    `json:"count"`
	}
	err := c.Do(context.Background(), http.MethodPost, "/Thing/query", url.Values{"a": {"b c"}},
		map[string]string{"k": "v"}, "", &out)
	require.NoError(t, err)
	require.Equal(t, "x", out.Name)
	require.Equal(t, 3, out.Count)

	req := s.seen[0]
	require.Equal(t, "/api/v9/acct/Thing/query", req.URL.Path)
	require.Equal(t, "a=b+c", req.URL.RawQuery)
	require.Equal(t, "application/json", req.Header.Get("Accept"))
	require.Equal(t, "application/json", req.Header.Get("Content-Type"))
	require.Equal(t, "Basic "+base64.StdEncoding.EncodeToString([]byte("user@example.com:"+testToken)), req.Header.Get("Authorization"))
	require.JSONEq(t, `{"k":"v"}`, string(s.body[0]))
}

func TestDoSendsRawBytesWithGivenContentType(t *testing.T) {
	s := &scripted{steps: []http.HandlerFunc{answer(200, `{}`)}}
	c, _ := newTestClient(t, s, nil)
	require.NoError(t, c.Do(context.Background(), http.MethodPost, "/Thing/queryMore", nil, []byte("tok/en=="), "text/plain", nil))
	require.Equal(t, "text/plain", s.seen[0].Header.Get("Content-Type"))
	require.Equal(t, "tok/en==", string(s.body[0]))
}

func TestDoKeepsEscapedPathSegments(t *testing.T) {
	s := &scripted{steps: []http.HandlerFunc{answer(200, `{}`)}}
	c, _ := newTestClient(t, s, nil)
	require.NoError(t, c.Do(context.Background(), http.MethodDelete, "/Thing/"+url.PathEscape("a/b|c="), nil, nil, "", nil))
	require.Equal(t, "/api/v9/acct/Thing/a%2Fb%7Cc=", s.seen[0].URL.EscapedPath())
	require.Empty(t, s.seen[0].Header.Get("Content-Type"), "no body, no content type")
}

func TestDoEmptySuccessBodyLeavesOutUntouched(t *testing.T) {
	s := &scripted{steps: []http.HandlerFunc{answer(200, ``)}}
	c, _ := newTestClient(t, s, nil)
	out := map[string]string{"kept": "yes"}
	require.NoError(t, c.Do(context.Background(), http.MethodDelete, "/Thing/1", nil, nil, "", &out))
	require.Equal(t, "yes", out["kept"])
}

func TestNewRequiresBaseURLAuthorizeAndService(t *testing.T) {
	base, _ := url.Parse("https://example.com")
	_, err := New(context.Background(), Config{Authorize: func(*http.Request) {}, Service: "S"})
	require.ErrorContains(t, err, "BaseURL")
	_, err = New(context.Background(), Config{BaseURL: base, Service: "S"})
	require.ErrorContains(t, err, "Authorize")
	_, err = New(context.Background(), Config{BaseURL: base, Authorize: func(*http.Request) {}})
	require.ErrorContains(t, err, "Service")
}

func TestNewAppliesDefaults(t *testing.T) {
	base, _ := url.Parse("https://example.com")
	c, err := New(context.Background(), Config{BaseURL: base, Authorize: func(*http.Request) {}, Service: "S"})
	require.NoError(t, err)
	require.Equal(t, DefaultMaxRetries, c.cfg.MaxRetries)
	require.Equal(t, DefaultMaxRetryElapsed, c.cfg.MaxRetryElapsed)
	require.Equal(t, DefaultRetryInitialInterval, c.cfg.RetryInitialInterval)
	require.NotNil(t, c.http, "an SDK uhttp client is built when none is given")
	require.True(t, c.cfg.IsIdempotent(http.MethodGet, "/x"))
	require.True(t, c.cfg.IsIdempotent(http.MethodDelete, "/x"))
	require.True(t, c.cfg.IsIdempotent(http.MethodPut, "/x"))
	require.False(t, c.cfg.IsIdempotent(http.MethodPost, "/x"))
	require.False(t, c.cfg.IsIdempotent(http.MethodPatch, "/x"))
}
