package transport

import (
	"errors"
	"net/http"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// Error is what Client.Do returns for every failure. It is a gRPC status error (status.Code(err) and
// status.FromError work on it and on anything wrapping it) that also keeps the HTTP status and the vendor's
// own message for callers that need them (see HTTPStatus and VendorMessage).
type Error struct {
	status     *status.Status
	httpStatus int
	vendor     string
	cause      error
}

// Error returns the one-sentence message, without the "rpc error:" prefix.
func (e *Error) Error() string { return e.status.Message() }

// GRPCStatus lets google.golang.org/grpc/status recognise the error, details included.
func (e *Error) GRPCStatus() *status.Status { return e.status }

// Unwrap exposes the underlying network or context error, if any (never an HTTP body).
func (e *Error) Unwrap() error { return e.cause }

// HTTPStatus returns the HTTP status carried by err, or 0 if err carries none (network error, cancellation).
func HTTPStatus(err error) int {
	var e *Error
	if errors.As(err, &e) {
		return e.httpStatus
	}
	return 0
}

// VendorMessage returns the vendor's own error message carried by err, or "".
func VendorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.vendor
	}
	return ""
}

// codeForStatus maps a final (not retried, or retries exhausted) HTTP status to the gRPC code that says what
// happened. Retryable statuses (502, 503, 504, 429, 408) map to Unavailable because only Unavailable and
// DeadlineExceeded make the SDK retry later. A plain 500 is Internal, not Unavailable: Boomi uses it for
// requests it cannot process, and the SDK's sync loop would otherwise retry it without end.
func codeForStatus(httpStatus int) codes.Code {
	switch httpStatus {
	case http.StatusBadRequest, http.StatusUnprocessableEntity, http.StatusRequestEntityTooLarge,
		http.StatusUnsupportedMediaType, http.StatusNotAcceptable:
		return codes.InvalidArgument
	case http.StatusUnauthorized:
		return codes.Unauthenticated
	case http.StatusForbidden:
		return codes.PermissionDenied
	case http.StatusNotFound:
		return codes.NotFound
	case http.StatusConflict:
		return codes.AlreadyExists
	case http.StatusMethodNotAllowed, http.StatusNotImplemented, http.StatusGone:
		// 410 is how Boomi answers a retired API.
		return codes.Unimplemented
	case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable,
		http.StatusGatewayTimeout, http.StatusRequestTimeout:
		return codes.Unavailable
	}
	switch {
	case httpStatus >= 500:
		return codes.Internal
	case httpStatus >= 400:
		return codes.FailedPrecondition
	default:
		return codes.Unknown
	}
}
