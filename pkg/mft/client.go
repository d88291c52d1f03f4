// Package mft is the client of the Boomi MFT (formerly Thru) AFT Management API: SSO attribute mappings, MFT
// roles, organizations and users. It knows Boomi MFT and nothing of baton; the HTTP mechanism (pacing,
// retries, error mapping to gRPC codes, secret redaction) is the shared pkg/transport.
package mft

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/baton-boomi/baton-boomi/pkg/defaults"
	"github.com/baton-boomi/baton-boomi/pkg/transport"
)

const (
	serviceName = "Boomi MFT"
	// errorBodyPreview bounds how much of an unrecognised error body is quoted in an error message.
	errorBodyPreview = 200
	// QuotedBodyPrefix starts the message of an error whose body had no message the client reads: the body's
	// first bytes follow it. The doctor's MFT error-body probe tells the two cases apart by it.
	QuotedBodyPrefix = "body starts with"
)

// Config configures a Client.
type Config struct {
	BaseURL           string       // the tenant's API root (the path table appends /api/...); https, or http on loopback
	APIKey            string       // secret; sent in the ApiKey header, never logged
	RequestsPerSecond float64      // pacing ceiling; 0 = defaults.MFTRequestsPerSecond; < 0 = no client-side pacing
	HTTPClient        *http.Client // optional (tests)

	// Optional retry tuning (zero = transport defaults: 6 retries, 500 ms first wait, 2 minutes in total).
	// Tests shrink RetryInitialInterval so that retries against a simulator do not wait.
	MaxRetries           int
	RetryInitialInterval time.Duration
	MaxRetryElapsed      time.Duration
}

// Client talks to one MFT tenant. It is safe for concurrent use.
type Client struct {
	transport *transport.Client
}

// New validates cfg and builds a client. It sends no request.
func New(ctx context.Context, cfg Config) (*Client, error) {
	if strings.TrimSpace(cfg.BaseURL) == "" {
		return nil, fmt.Errorf("the MFT base URL is empty: pass --mft-base-url with your MFT tenant's address (together with --mft-api-key)")
	}
	base, err := transport.ValidateBaseURL(cfg.BaseURL)
	if err != nil {
		return nil, fmt.Errorf("invalid --mft-base-url: %w", err)
	}
	key := strings.TrimSpace(cfg.APIKey)
	if key == "" {
		return nil, fmt.Errorf("the MFT API key is empty: pass --mft-api-key (MFT portal: your user profile > API Keys)")
	}
	rps := cfg.RequestsPerSecond
	if rps == 0 {
		rps = defaults.MFTRequestsPerSecond
	}
	t, err := transport.New(ctx, transport.Config{
		BaseURL:              base,
		Authorize:            func(req *http.Request) { req.Header.Set(apiKeyHeader, key) },
		DecodeError:          decodeError,
		RequestsPerSecond:    rps,
		HTTPClient:           cfg.HTTPClient,
		MaxRetries:           cfg.MaxRetries,
		RetryInitialInterval: cfg.RetryInitialInterval,
		MaxRetryElapsed:      cfg.MaxRetryElapsed,
		Service:              serviceName,
		Redact:               []string{key},
	})
	if err != nil {
		return nil, err
	}
	return &Client{transport: t}, nil
}

// Stats reports what the client has sent so far (requests, retries, statuses).
func (c *Client) Stats() Stats { return c.transport.Stats() }

// Pacer is the adaptive pacer of the MFT API (nil without pacing): its rate and back-offs so far.
func (c *Client) Pacer() *transport.AdaptiveLimiter { return c.transport.Pacer() }

// do sends one request of the path table.
func (c *Client) do(ctx context.Context, r route, body any, out any) error {
	return c.transport.Do(ctx, r.method, r.path, r.query, body, "", out)
}

// doList sends one request whose answer is a JSON array (the MFT lists do not page); nil on error.
func doList[T any](ctx context.Context, c *Client, r route, body any) ([]T, error) {
	var out []T
	if err := c.do(ctx, r, body, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// decodeError reads the vendor's message from an MFT error body. The shape is UNCONFIRMED(mft-error-body) (the
// reference shows "No sample"): a "message" field is read first; ASP.NET problem details ("title"/"detail") next,
// since MFT is an ASP.NET service; otherwise the first bytes of the body are quoted so the user sees what
// the server said.
func decodeError(_ int, body []byte) string {
	var shape struct {
		Message string `json:"message"`
		Title   string `json:"title"`
		Detail  string `json:"detail"`
	}
	if json.Unmarshal(body, &shape) == nil {
		switch {
		case shape.Message != "":
			return shape.Message
		case shape.Detail != "" && shape.Title != "":
			return shape.Title + ": " + shape.Detail
		case shape.Title != "":
			return shape.Title
		}
	}
	text := strings.TrimSpace(string(body))
	if len(text) > errorBodyPreview {
		text = text[:errorBodyPreview] + "…"
	}
	if text == "" {
		return ""
	}
	return QuotedBodyPrefix + " " + text
}
