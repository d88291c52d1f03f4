// Package transport is the HTTP mechanism shared by the Boomi Platform API client (pkg/boomi) and the Boomi MFT
// client (pkg/mft): pacing, retries with backoff, error mapping to gRPC status codes, secret-free errors and logs.
// It knows nothing of either vendor: authentication and error-body decoding are injected through Config.
package transport

import (
	"net/http"
	"net/url"
	"time"
)

// Defaults applied by New when the corresponding Config field is zero.
const (
	DefaultMaxRetries           = 6
	DefaultMaxRetryElapsed      = 2 * time.Minute
	DefaultRetryInitialInterval = 500 * time.Millisecond
	DefaultRetryMaxInterval     = 20 * time.Second
	DefaultUserAgent            = "baton-boomi"
)

// Config configures one Client. BaseURL, Authorize and Service are required.
type Config struct {
	// BaseURL is already joined with the API prefix by the caller (e.g. .../api/rest/v1/{accountId}).
	BaseURL *url.URL
	// Authorize adds the authentication headers to every attempt (Basic for Boomi, ApiKey for MFT).
	Authorize func(*http.Request)
	// DecodeError extracts the vendor's message from an error body ("" if there is none).
	DecodeError func(status int, body []byte) string
	// RequestsPerSecond paces requests client-side (every attempt, retries included): the AdaptiveLimiter
	// starts at this rate and never exceeds it, backing off on 503s (AdaptiveLimiter); <= 0 disables pacing.
	RequestsPerSecond float64
	// Limiter, when set, paces this client instead of a limiter of its own built from RequestsPerSecond, so
	// that several clients drawing on one vendor quota (Boomi's Platform and Partner bases of one account)
	// share one budget and back off together. RequestsPerSecond should then state the limiter's ceiling
	// (RequestsPerSecond() reports it).
	Limiter *AdaptiveLimiter
	// MaxRetries bounds the retries after the first attempt (default DefaultMaxRetries).
	MaxRetries int
	// MaxRetryElapsed bounds the time spent retrying one call (default DefaultMaxRetryElapsed).
	MaxRetryElapsed time.Duration
	// RetryInitialInterval is the first backoff wait (default DefaultRetryInitialInterval); tests shrink it.
	RetryInitialInterval time.Duration
	// HTTPClient is optional; by default one is built with the SDK's uhttp.NewClient.
	HTTPClient *http.Client
	// Service names the vendor in error sentences: "Boomi", "Boomi MFT".
	Service string
	// IsIdempotent tells whether repeating a request that may already have been processed is harmless.
	// Nil means: every method except POST and PATCH is idempotent. See failure.retryable for how it is used.
	IsIdempotent func(method, path string) bool
	// Redact lists secret strings (token, API key, Authorization value) that must never appear in an error or
	// a log line; they are replaced by "[REDACTED]" wherever a vendor message or a network error is quoted.
	Redact []string
}
