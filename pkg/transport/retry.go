package transport

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/cenkalti/backoff/v4"
	"github.com/grpc-ecosystem/go-grpc-middleware/logging/zap/ctxzap"
	"go.uber.org/zap"
)

// Retry policy.
//
// Retried, with exponential backoff and jitter, at most Config.MaxRetries times and Config.MaxRetryElapsed
// in total, and never past the caller's context:
//   - HTTP 503 (Boomi's rate-limit answer) and 429: the server refused the request before doing it, so
//     repeating it is safe for every method. UNCONFIRMED(retry-503-writes) for Boomi: its docs say 503 means "rate limit
//     exceeded or server busy" and do not say whether a busy server may have done part of the work; this is
//     the one place to change if a real tenant shows duplicated creates after a 503;
//   - HTTP 500, 502, 504, 408, timeouts, dropped/reset connections and a 2xx whose JSON body is truncated or
//     invalid: only for idempotent requests (Config.IsIdempotent), because the server may already have done
//     the work. Every Boomi and MFT read (GET, QUERY, queryMore) is idempotent, and Boomi answers a read
//     with a one-off 500 now and then; a 500 that persists past the bounds ends with an error naming the
//     route, the status and Boomi's message;
//   - connections that could not be opened at all (dial/DNS errors): for every method, nothing was sent.
//     Under FailFast (Validate's first call) they are not retried: a wrong host or port does not heal in
//     the next 30 seconds, and the user should learn that at once.
//
// Every retry is logged at info level with the attempt, the reason and the wait, so a slow sync says why.
//
// Decision for non-idempotent requests (POST creates): a create whose outcome is unknown (500/502/504,
// timeout, dropped connection, unreadable 2xx) is NOT repeated automatically, because a second create could
// duplicate the write (a second MFT object, a second invitation e-mail). The error (Unavailable; Internal
// for a 500) says the request may have been processed; the connector reads the current state (cache off)
// after such an error and before every write, so it reports the write as done if the first create went
// through, and a retry finds the link (GrantAlreadyExists) instead of writing twice.

// defaultIsIdempotent treats every method except POST and PATCH as safe to repeat.
func defaultIsIdempotent(method, _ string) bool {
	return method != http.MethodPost && method != http.MethodPatch
}

// newBackOff returns the retry schedule for one call: exponential from RetryInitialInterval, doubling, with
// ±50 % jitter, each wait capped at DefaultRetryMaxInterval, bounded by MaxRetryElapsed and MaxRetries.
func (c *Client) newBackOff() backoff.BackOff {
	exp := backoff.NewExponentialBackOff()
	exp.InitialInterval = c.cfg.RetryInitialInterval
	exp.RandomizationFactor = 0.5
	exp.Multiplier = 2
	exp.MaxInterval = DefaultRetryMaxInterval
	if exp.MaxInterval < exp.InitialInterval {
		exp.MaxInterval = exp.InitialInterval
	}
	exp.MaxElapsedTime = c.cfg.MaxRetryElapsed
	exp.Reset()
	return backoff.WithMaxRetries(exp, uint64(max(c.cfg.MaxRetries, 0))) // New makes it positive
}

// call is one Do invocation: the request and its retry state.
type call struct {
	client      *Client
	method      string
	target      *url.URL
	displayPath string // escaped path without the query: what errors and logs show
	payload     []byte
	contentType string
	out         any
	idempotent  bool
}

// failureKind says what went wrong in one attempt.
type failureKind int

const (
	failHTTP      failureKind = iota // a non-2xx answer
	failNetwork                      // no (complete) answer
	failBadBody                      // a 2xx whose JSON is truncated or invalid
	failWrongType                    // a 2xx whose JSON is valid but does not fit the expected shape
)

// failure describes one failed attempt.
type failure struct {
	kind       failureKind
	httpStatus int
	vendor     string      // cleaned vendor message (failHTTP)
	header     http.Header // response headers (failHTTP)
	detail     string      // cleaned description (failNetwork, failBadBody, failWrongType)
	cause      error
	notSent    bool // failNetwork: the request never left this machine
}

func (k *call) run(ctx context.Context) error {
	schedule := k.client.newBackOff()
	logger := ctxzap.Extract(ctx)
	var previous *failure // the failure that caused this attempt (nil on the first)
	for attempt := 1; ; attempt++ {
		paced := time.Now()
		if err := k.client.pacer.Wait(ctx); err != nil {
			return k.cancelled(ctx, err)
		}
		k.client.stats.attempt(previous, time.Since(paced))
		resp, data, err := k.client.send(ctx, k.method, k.target, k.payload, k.contentType) //nolint:bodyclose // send reads and closes the body; resp carries status and headers only
		if ctx.Err() != nil {
			return k.cancelled(ctx, ctx.Err())
		}
		f := k.evaluate(resp, data, err)
		statusCode := 0
		if resp != nil {
			statusCode = resp.StatusCode
			k.client.stats.answered(resp.StatusCode)
			k.client.pacerFeedback(f)
		}
		if f != nil && f.kind == failNetwork {
			k.client.stats.transportError()
		}
		logger.Debug("api request",
			zap.String("service", k.client.cfg.Service),
			zap.String("method", k.method),
			zap.String("path", k.displayPath),
			zap.Int("status", statusCode),
			zap.Int("attempt", attempt),
		)
		if f == nil {
			return nil
		}
		if !f.retryable(k.idempotent) || (f.notSent && isFailFast(ctx)) {
			return k.finalError(f, attempt)
		}
		wait := schedule.NextBackOff()
		if wait == backoff.Stop {
			return k.finalError(f, attempt)
		}
		if ra := retryAfter(f.header); ra > wait {
			// The server said how long to wait: honour it, within the same cap as the backoff.
			wait = min(ra, DefaultRetryMaxInterval)
		}
		logger.Info("retrying API request",
			zap.String("service", k.client.cfg.Service),
			zap.String("method", k.method),
			zap.String("path", k.displayPath),
			zap.Int("attempt", attempt),
			zap.String("reason", f.reason()),
			zap.Duration("wait", wait),
		)
		previous = f
		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			return k.cancelled(ctx, ctx.Err())
		case <-timer.C:
		}
	}
}

// pacerFeedback tells an adaptive pacer what the server answered: a rate-limit refusal slows it down,
// any other answer lets it speed up again.
func (c *Client) pacerFeedback(f *failure) {
	fb, ok := c.pacer.(pacerFeedback)
	if !ok {
		return
	}
	if f != nil && f.throttled() {
		fb.Throttled()
		return
	}
	fb.Answered()
}

// evaluate decides whether one attempt succeeded (nil) and, if so, decodes the body into out.
func (k *call) evaluate(resp *http.Response, data []byte, err error) *failure {
	if err != nil {
		return &failure{kind: failNetwork, detail: k.client.describeNetworkError(err), cause: err, notSent: requestNotSent(err)}
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		vendor := ""
		if k.client.cfg.DecodeError != nil {
			vendor = k.client.cfg.DecodeError(resp.StatusCode, data)
		}
		if vendor == "" {
			vendor = fallbackMessage(data)
		}
		return &failure{kind: failHTTP, httpStatus: resp.StatusCode, vendor: k.client.clean(vendor), header: resp.Header}
	}
	if k.out == nil || len(strings.TrimSpace(string(data))) == 0 {
		// Nothing expected, or an empty (not truncated: ReadAll saw a clean end) body: out stays as it is.
		return nil
	}
	if err := json.Unmarshal(data, k.out); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) {
			return &failure{kind: failWrongType, httpStatus: resp.StatusCode, detail: k.client.clean(err.Error()), cause: err}
		}
		if trimmed := strings.TrimSpace(string(data)); strings.HasPrefix(trimmed, "<") {
			// XML or HTML instead of JSON is a deterministic answer, not a truncation: repeating it is useless.
			return &failure{kind: failWrongType, httpStatus: resp.StatusCode, detail: "the body is XML or HTML, not JSON", cause: err}
		}
		return &failure{kind: failBadBody, httpStatus: resp.StatusCode, detail: k.client.clean(err.Error()), cause: err}
	}
	return nil
}

// retryable applies the retry policy described at the top of this file.
func (f *failure) retryable(idempotent bool) bool {
	switch f.kind {
	case failHTTP:
		switch f.httpStatus {
		case http.StatusServiceUnavailable, http.StatusTooManyRequests:
			return true
		case http.StatusInternalServerError, http.StatusBadGateway, http.StatusGatewayTimeout, http.StatusRequestTimeout:
			return idempotent
		}
		return false
	case failNetwork:
		return f.notSent || idempotent
	case failBadBody:
		return idempotent
	default:
		return false
	}
}

// throttled tells whether the server refused the attempt for its rate limit (503, 429).
func (f *failure) throttled() bool {
	return f.kind == failHTTP &&
		(f.httpStatus == http.StatusServiceUnavailable || f.httpStatus == http.StatusTooManyRequests)
}

// reason says in a few words why an attempt failed, for the retry log line.
func (f *failure) reason() string {
	switch f.kind {
	case failHTTP:
		if f.vendor != "" {
			return fmt.Sprintf("HTTP %d: %s", f.httpStatus, f.vendor)
		}
		return fmt.Sprintf("HTTP %d", f.httpStatus)
	case failBadBody:
		return fmt.Sprintf("HTTP %d with a body that is not valid JSON", f.httpStatus)
	default:
		return f.detail
	}
}

// mayHaveBeenProcessed tells whether the server may have processed the request of one failed attempt,
// which decides whether a non-idempotent request may be repeated: a 503 or 429 was refused before any
// processing, a request that was never sent reached nothing.
func (f *failure) mayHaveBeenProcessed() bool {
	switch f.kind {
	case failHTTP:
		return f.httpStatus == http.StatusInternalServerError || f.httpStatus == http.StatusBadGateway ||
			f.httpStatus == http.StatusGatewayTimeout || f.httpStatus == http.StatusRequestTimeout
	case failNetwork:
		return !f.notSent
	case failBadBody:
		return true
	default:
		return false
	}
}

// requestNotSent reports whether err happened before any byte of the request was written: a failed dial
// (refused, unreachable, proxy) or a failed name lookup. Such requests are safe to repeat for every method.
func requestNotSent(err error) bool {
	var opErr *net.OpError
	if errors.As(err, &opErr) && (opErr.Op == "dial" || opErr.Op == "proxyconnect") {
		return true
	}
	var dnsErr *net.DNSError
	return errors.As(err, &dnsErr)
}

// describeNetworkError names the kind of network failure in words, without URLs or headers.
func (c *Client) describeNetworkError(err error) string {
	var netErr net.Error
	switch {
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		return "the request timed out"
	case errors.Is(err, syscall.ECONNRESET):
		return "the connection was reset"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "the connection was refused"
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF), errors.Is(err, syscall.EPIPE):
		return "the connection was closed before the answer was complete"
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return "the host name " + c.clean(dnsErr.Name) + " could not be resolved"
	}
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		err = urlErr.Err // url.Error repeats the whole URL; the path is already in the sentence
	}
	return "a network error occurred (" + c.clean(err.Error()) + ")"
}

// fallbackMessage is used when the vendor decoder found no message: the start of a short, non-JSON, non-HTML
// body (a proxy's text answer, for instance), or "".
func fallbackMessage(data []byte) string {
	text := strings.TrimSpace(string(data))
	if text == "" || strings.HasPrefix(text, "{") || strings.HasPrefix(text, "[") || strings.HasPrefix(text, "<") {
		return ""
	}
	const maxLen = 200
	if len(text) > maxLen {
		text = text[:maxLen] + "…"
	}
	return text
}

// retryAfter reads a Retry-After header in seconds or as an HTTP date (0 if absent or unreadable).
func retryAfter(header http.Header) time.Duration {
	value := strings.TrimSpace(header.Get("Retry-After"))
	if value == "" {
		return 0
	}
	if seconds, err := strconv.Atoi(value); err == nil && seconds >= 0 {
		return time.Duration(seconds) * time.Second
	}
	if when, err := http.ParseTime(value); err == nil {
		if d := time.Until(when); d > 0 {
			return d
		}
	}
	return 0
}
