package transport

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/conductorone/baton-sdk/pkg/uhttp"
	"google.golang.org/grpc/codes"
)

// Client sends requests to one vendor API. It is safe for concurrent use.
type Client struct {
	cfg      Config
	http     *http.Client
	pacer    pacer
	stats    statsRecorder
	redactor *strings.Replacer
}

// pacer is the part of *AdaptiveLimiter the client uses; tests substitute a counting fake.
type pacer interface {
	Wait(ctx context.Context) error
}

// pacerFeedback is implemented by pacers that adapt to the answers (AdaptiveLimiter).
type pacerFeedback interface {
	Throttled()
	Answered()
}

// unpaced is the pacer used when RequestsPerSecond <= 0.
type unpaced struct{}

func (unpaced) Wait(ctx context.Context) error { return ctx.Err() }

// New checks cfg, fills in defaults and builds the HTTP client.
//
// The *http.Client comes from the SDK's uhttp.NewClient (SDK transport, logger from ctxzap, user agent).
// Requests are sent on it directly, NOT through uhttp.BaseHttpClient: BaseHttpClient caches every GET that
// answers 200 (in memory, 1 h TTL) unless each request opts out, and this connector reads state right before
// writing it (grant/revoke read-modify-write), so a cached read could make it skip or repeat a write. Without
// the wrapper there is no cache layer at all, so no request can be answered from a cache by mistake.
func New(ctx context.Context, cfg Config) (*Client, error) {
	if cfg.BaseURL == nil {
		return nil, fmt.Errorf("transport: Config.BaseURL is required")
	}
	if cfg.Authorize == nil {
		return nil, fmt.Errorf("transport: Config.Authorize is required")
	}
	if cfg.Service == "" {
		return nil, fmt.Errorf("transport: Config.Service is required")
	}
	if cfg.MaxRetries <= 0 {
		cfg.MaxRetries = DefaultMaxRetries
	}
	if cfg.MaxRetryElapsed <= 0 {
		cfg.MaxRetryElapsed = DefaultMaxRetryElapsed
	}
	if cfg.RetryInitialInterval <= 0 {
		cfg.RetryInitialInterval = DefaultRetryInitialInterval
	}
	if cfg.IsIdempotent == nil {
		cfg.IsIdempotent = defaultIsIdempotent
	}
	base := *cfg.BaseURL
	cfg.BaseURL = &base

	httpClient := cfg.HTTPClient
	if httpClient == nil {
		var err error
		if httpClient, err = NewHTTPClient(ctx); err != nil {
			return nil, fmt.Errorf("transport: building the HTTP client for %s: %w", cfg.Service, err)
		}
	}

	limiter := cfg.Limiter
	if limiter == nil {
		limiter = NewAdaptiveLimiter(cfg.RequestsPerSecond)
	}
	var p pacer = unpaced{}
	if limiter != nil {
		p = limiter
	}
	c := &Client{cfg: cfg, http: httpClient, pacer: p}
	c.redactor = newRedactor(cfg.Redact)
	return c, nil
}

// NewHTTPClient builds the *http.Client New uses when Config.HTTPClient is nil, so that callers that build
// several Clients for one vendor can share one connection pool. A nil logger makes the SDK transport take
// the logger from each request's context (ctxzap), where the SDK puts it, instead of freezing the one
// present when the client was built.
func NewHTTPClient(ctx context.Context) (*http.Client, error) {
	return uhttp.NewClient(ctx,
		uhttp.WithLogger(true, nil),
		uhttp.WithUserAgent(DefaultUserAgent),
	)
}

// Stats returns a snapshot of what the client has sent so far.
func (c *Client) Stats() Stats { return c.stats.snapshot() }

// Do sends one request and JSON-decodes a 2xx answer into out (out may be nil).
//
// body is nil (no body), a []byte sent as is with contentType (default application/json), or any other value,
// which is JSON-encoded. Transient failures are retried as the retry policy says (failure.retryable). Every returned error is an
// *Error: a gRPC status error whose message is one sentence naming the service, method, path and HTTP status.
func (c *Client) Do(ctx context.Context, method, path string, query url.Values, body any, contentType string, out any) error {
	payload, ctype, err := encodeBody(body, contentType)
	if err != nil {
		return c.newError(codes.InvalidArgument, 0, "", nil,
			fmt.Sprintf("%s request %s %s could not be built: the body cannot be encoded as JSON (%v)", c.cfg.Service, method, path, err))
	}
	target, err := c.resolve(path, query)
	if err != nil {
		return c.newError(codes.InvalidArgument, 0, "", nil,
			fmt.Sprintf("%s request %s could not be built: the path %q is not valid (%v)", c.cfg.Service, method, path, err))
	}
	call := &call{
		client:      c,
		method:      method,
		target:      target,
		displayPath: target.EscapedPath(),
		payload:     payload,
		contentType: ctype,
		out:         out,
		idempotent:  c.cfg.IsIdempotent(method, path),
	}
	return call.run(ctx)
}

// encodeBody turns the body argument of Do into bytes and a content type.
func encodeBody(body any, contentType string) ([]byte, string, error) {
	switch b := body.(type) {
	case nil:
		return nil, "", nil
	case []byte:
		if contentType == "" {
			contentType = "application/json"
		}
		return b, contentType, nil
	default:
		encoded, err := json.Marshal(b)
		if err != nil {
			return nil, "", err
		}
		if contentType == "" {
			contentType = "application/json"
		}
		return encoded, contentType, nil
	}
}

// resolve appends path (already escaped by the caller, e.g. "/Role/abc%7C1") and the query to the base URL.
func (c *Client) resolve(path string, query url.Values) (*url.URL, error) {
	if path != "" && !strings.HasPrefix(path, "/") {
		path = "/" + path
	}
	u := *c.cfg.BaseURL
	rawPath := strings.TrimRight(c.cfg.BaseURL.EscapedPath(), "/") + path
	decoded, err := url.PathUnescape(rawPath)
	if err != nil {
		return nil, err
	}
	u.Path = decoded
	u.RawPath = rawPath
	u.RawQuery = query.Encode()
	u.Fragment = ""
	return &u, nil
}

// send performs one HTTP exchange and reads the whole body, so that a connection dropped mid-body is seen here
// as a transport error rather than later as bad JSON.
func (c *Client) send(ctx context.Context, method string, target *url.URL, payload []byte, contentType string) (*http.Response, []byte, error) {
	var reader io.Reader
	if payload != nil {
		reader = bytes.NewReader(payload)
	}
	req, err := http.NewRequestWithContext(ctx, method, target.String(), reader)
	if err != nil {
		return nil, nil, err
	}
	req.Header.Set("Accept", "application/json")
	if payload != nil {
		req.Header.Set("Content-Type", contentType)
	}
	c.cfg.Authorize(req)
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return resp, nil, err
	}
	return resp, data, nil
}

// Pacer returns the adaptive limiter pacing this client (nil when it is not paced or a test replaced it).
func (c *Client) Pacer() *AdaptiveLimiter {
	a, _ := c.pacer.(*AdaptiveLimiter)
	return a
}

// RequestsPerSecond returns the configured pacing ceiling (0 = none), so callers and tests can check their
// setting; Pacer().Rate() is the rate in force after the adaptive back-offs.
func (c *Client) RequestsPerSecond() float64 {
	if c.cfg.RequestsPerSecond <= 0 {
		return 0
	}
	return c.cfg.RequestsPerSecond
}
