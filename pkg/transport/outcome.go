package transport

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/conductorone/baton-sdk/pkg/ratelimit"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/timestamppb"
)

// newError builds the *Error that Do returns.
func (c *Client) newError(code codes.Code, httpStatus int, vendor string, cause error, message string) *Error {
	return &Error{status: status.New(code, message), httpStatus: httpStatus, vendor: vendor, cause: cause}
}

// finalError turns the last failed attempt into the error Do returns, as one sentence.
func (k *call) finalError(f *failure, attempts int) error {
	svc := k.client.cfg.Service
	after := ""
	if attempts > 1 {
		after = fmt.Sprintf(" after %d attempts", attempts)
	}
	unknown := ""
	if !k.idempotent && f.mayHaveBeenProcessed() {
		unknown = "; the request may have been processed, so it was not repeated: read the current state before trying again"
	}

	switch f.kind {
	case failHTTP:
		msg := fmt.Sprintf("%s answered %s %s with HTTP %d%s", svc, k.method, k.displayPath, f.httpStatus, after)
		if f.vendor != "" {
			msg += ": " + f.vendor
		} else if text := http.StatusText(f.httpStatus); text != "" {
			msg += " (" + text + ")"
		}
		msg += unknown
		e := k.client.newError(codeForStatus(f.httpStatus), f.httpStatus, f.vendor, nil, msg)
		if f.httpStatus == http.StatusServiceUnavailable || f.httpStatus == http.StatusTooManyRequests {
			e.status = withRateLimitDetail(e.status, f.httpStatus, f.header)
		}
		return e
	case failNetwork:
		msg := fmt.Sprintf("%s could not be reached for %s %s%s: %s%s", svc, k.method, k.displayPath, after, f.detail, unknown)
		return k.client.newError(codes.Unavailable, 0, "", f.cause, msg)
	case failBadBody:
		msg := fmt.Sprintf("%s answered %s %s with HTTP %d%s but the body is not valid JSON (%s)%s",
			svc, k.method, k.displayPath, f.httpStatus, after, f.detail, unknown)
		return k.client.newError(codes.Unavailable, f.httpStatus, "", f.cause, msg)
	default: // failWrongType
		msg := fmt.Sprintf("%s answered %s %s with HTTP %d but the body does not have the expected shape: %s",
			svc, k.method, k.displayPath, f.httpStatus, f.detail)
		return k.client.newError(codes.Internal, f.httpStatus, "", f.cause, msg)
	}
}

// cancelled reports that the caller's context ended the call (before, between or during attempts).
func (k *call) cancelled(ctx context.Context, err error) error {
	code := codes.Canceled
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded) {
		code = codes.DeadlineExceeded
	}
	msg := fmt.Sprintf("%s request %s %s was stopped before it completed because its context ended (%v)",
		k.client.cfg.Service, k.method, k.displayPath, err)
	return k.client.newError(code, 0, "", err, msg)
}

// withRateLimitDetail attaches a RateLimitDescription so that the SDK's retryer waits until the limit resets.
// Boomi sends no rate-limit headers (UNCONFIRMED(no-rate-limit-headers); none documented), so without headers the description says
// "over the limit, reset in one second" — Boomi's limit is counted per second.
func withRateLimitDetail(st *status.Status, httpStatus int, header http.Header) *status.Status {
	resetAt := time.Now().Add(time.Second)
	var limit int64
	if header != nil {
		if d, err := ratelimit.ExtractRateLimitData(httpStatus, &header); err == nil && d != nil {
			if t := d.GetResetAt().AsTime(); d.GetResetAt() != nil && t.After(time.Now()) {
				resetAt = t
			}
			limit = d.GetLimit()
		}
		if ra := retryAfter(header); ra > 0 {
			resetAt = time.Now().Add(ra)
		}
	}
	desc := v2.RateLimitDescription_builder{
		Status:    v2.RateLimitDescription_STATUS_OVERLIMIT,
		Limit:     limit,
		Remaining: 0,
		ResetAt:   timestamppb.New(resetAt),
	}.Build()
	if withDetail, err := st.WithDetails(desc); err == nil {
		return withDetail
	}
	return st
}
