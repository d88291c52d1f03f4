// Package boomi is the client of the Boomi Platform API (https://api.boomi.com/api/rest/v1/{accountId}) for
// the identity objects the connector reads and writes. It knows Boomi and nothing of baton.
package boomi

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/baton-boomi/baton-boomi/pkg/defaults"
	"github.com/baton-boomi/baton-boomi/pkg/transport"
)

const (
	// apiPathPrefix is appended to the host root, followed by the account id.
	apiPathPrefix = "/api/rest/v1/"
	// tokenUserPrefix marks a Platform API token login (case-sensitive, as Boomi documents it).
	tokenUserPrefix = "BOOMI_TOKEN."
	serviceName     = "Boomi"
)

// Config configures a Client.
type Config struct {
	BaseURL           string       // host root, default defaults.PlatformBaseURL; the client appends /api/rest/v1/{accountId}
	AccountID         string       // the Boomi account id
	Username          string       // the admin's e-mail; "BOOMI_TOKEN." is prepended unless already present
	APIToken          string       // Platform API token (secret)
	RequestsPerSecond float64      // pacing ceiling; 0 = defaults.PlatformRequestsPerSecond; < 0 = no client-side pacing
	HTTPClient        *http.Client // optional (tests)

	// OverrideAccountRateLimit says that Boomi has switched on the primary account's
	// overrideAccountRateLimit property: Partner API requests for a sub-account then count against that
	// sub-account's own limit instead of the primary's, so each sub-account gets its own client-side pacer
	// (at RequestsPerSecond) instead of sharing the primary's. See docs/primary-account-mode.md.
	OverrideAccountRateLimit bool

	// Optional retry tuning (zero = transport defaults: 6 retries, 500 ms first wait, 2 minutes in total).
	// Tests shrink RetryInitialInterval so that retries against a simulator do not wait.
	MaxRetries           int
	RetryInitialInterval time.Duration
	MaxRetryElapsed      time.Duration
}

// Client talks to one Boomi account: the authenticating account itself (the Platform base), or one of its
// sub-accounts through the Partner API (SubAccount, partnerBase). It is safe for concurrent use.
type Client struct {
	accountID string // the effective account every request acts on
	// override is the overrideAccount query parameter of every request ("" on the Platform base).
	override  string
	transport *transport.Client
	partner   *partnerBase // shared by the primary client and every view made from it
}

// New validates cfg and builds a client. It sends no request.
func New(ctx context.Context, cfg Config) (*Client, error) {
	accountID := strings.TrimSpace(cfg.AccountID)
	if accountID == "" {
		return nil, fmt.Errorf("the Boomi account id is empty: pass --boomi-account-id (Settings > Account Information and Setup in Boomi)")
	}
	username := strings.TrimSpace(cfg.Username)
	if username == "" || username == tokenUserPrefix {
		return nil, fmt.Errorf("the Boomi e-mail is empty: pass --boomi-email with the login e-mail of the token's owner")
	}
	if cfg.APIToken == "" {
		return nil, fmt.Errorf("the Boomi API token is empty: pass --boomi-api-token (Settings > My User Settings > Platform API Tokens in Boomi)")
	}
	rawBase := cfg.BaseURL
	if strings.TrimSpace(rawBase) == "" {
		rawBase = defaults.PlatformBaseURL
	}
	base, err := transport.ValidateBaseURL(rawBase)
	if err != nil {
		return nil, fmt.Errorf("invalid --base-url: %w", err)
	}
	apiBase := apiBaseURL(base, accountID)

	rps := cfg.RequestsPerSecond
	if rps == 0 {
		rps = defaults.PlatformRequestsPerSecond
	}
	loginName := tokenUsername(username)
	token := cfg.APIToken
	httpClient := cfg.HTTPClient
	if httpClient == nil {
		// One connection pool for the Platform base and every Partner-base client.
		if httpClient, err = transport.NewHTTPClient(ctx); err != nil {
			return nil, fmt.Errorf("building the HTTP client for Boomi: %w", err)
		}
	}
	template := transport.Config{
		Authorize: func(req *http.Request) {
			req.SetBasicAuth(loginName, token)
		},
		DecodeError:          decodeError,
		RequestsPerSecond:    rps,
		HTTPClient:           httpClient,
		MaxRetries:           cfg.MaxRetries,
		RetryInitialInterval: cfg.RetryInitialInterval,
		MaxRetryElapsed:      cfg.MaxRetryElapsed,
		Service:              serviceName,
		IsIdempotent:         isIdempotent,
		Redact:               []string{token, loginName + ":" + token},
	}
	// The Platform and the Partner base of one account draw on the same Boomi quota by default, so they
	// share one pacer (partnerBase).
	template.Limiter = newLimiter(rps)
	platform := template
	platform.BaseURL = apiBase
	tc, err := transport.New(ctx, platform)
	if err != nil {
		return nil, err
	}
	partner, err := newPartnerBase(ctx, template, partnerBaseURL(base, accountID), accountID, cfg.OverrideAccountRateLimit)
	if err != nil {
		return nil, err
	}
	return &Client{accountID: accountID, transport: tc, partner: partner}, nil
}

// AccountID returns the account every request acts on (a sub-account for a SubAccount view).
func (c *Client) AccountID() string { return c.accountID }

// Stats reports what the client has sent so far (requests, retries, statuses) on the Platform base; Partner
// API requests are not included.
func (c *Client) Stats() Stats { return c.transport.Stats() }

// Pacer is the adaptive pacer of this client's quota (nil without pacing): its rate and back-offs so far.
func (c *Client) Pacer() *transport.AdaptiveLimiter { return c.transport.Pacer() }

// do sends one request on this client's base, adding overrideAccount on a Partner-base view.
func (c *Client) do(ctx context.Context, method, path string, body any, contentType string, out any) error {
	var query url.Values
	if c.override != "" {
		query = url.Values{overrideParam: {c.override}}
	}
	return c.transport.Do(ctx, method, path, query, body, contentType, out)
}

// tokenUsername returns the Basic-auth user name of a Platform API token login.
func tokenUsername(username string) string {
	if strings.HasPrefix(username, tokenUserPrefix) {
		return username
	}
	return tokenUserPrefix + username
}

// apiBaseURL joins the host root (with or without a trailing slash or path) with /api/rest/v1/{accountId}.
func apiBaseURL(base *url.URL, accountID string) *url.URL {
	return joinBase(base, apiPathPrefix, accountID)
}

// isIdempotent tells the transport which requests are safe to repeat when their outcome is unknown. Boomi
// uses POST for reads (query, queryMore, bulk) and for updates that replace the object (POST /{Object}/{id});
// only a POST to the collection itself (POST /AccountUserRole) creates something.
func isIdempotent(method, path string) bool {
	if method != http.MethodPost {
		return true
	}
	if strings.HasSuffix(path, "/query") || strings.HasSuffix(path, "/queryMore") || strings.HasSuffix(path, "/bulk") {
		return true
	}
	// "/Object/{id}" is an update; "/Object" is a create.
	return strings.Count(strings.Trim(path, "/"), "/") >= 1
}

// decodeError reads Boomi's message from either error shape: {"@type":"Error","message":"..."} (what the
// live API sends) or {"error":{"message":"..."}} (what the API introduction shows).
func decodeError(_ int, body []byte) string {
	var shape struct {
		Message string          `json:"message"`
		Error   json.RawMessage `json:"error"`
	}
	if err := json.Unmarshal(body, &shape); err != nil {
		return ""
	}
	if shape.Message != "" {
		return shape.Message
	}
	var nested struct {
		Message string `json:"message"`
	}
	if json.Unmarshal(shape.Error, &nested) == nil && nested.Message != "" {
		return nested.Message
	}
	var plain string
	if json.Unmarshal(shape.Error, &plain) == nil {
		return plain
	}
	return ""
}
