package boomi

import (
	"context"

	"github.com/baton-boomi/baton-boomi/pkg/transport"
)

// What a caller may know about a Client's answers without reaching into the HTTP layer beneath it (the
// shared pkg/transport, whose implementation these names forward to). Every error a Client method returns
// is a gRPC status error (status.Code works on it and on anything wrapping it) and an *Error.

// Error is the type of every error a Client request returns: its Error() is the one-sentence message and it
// keeps the HTTP status and Boomi's own message (HTTPStatus, VendorMessage).
type Error = transport.Error

// Stats counts what a Client sent: attempts, retries, answers by HTTP status, time spent waiting for the
// pacer (Client.Stats).
type Stats = transport.Stats

// HTTPStatus returns the HTTP status Boomi answered with, as carried by err, or 0 when no answer came
// (network failure, cancellation).
func HTTPStatus(err error) int { return transport.HTTPStatus(err) }

// VendorMessage returns Boomi's own error message carried by err, or "".
func VendorMessage(err error) string { return transport.VendorMessage(err) }

// FailFast returns a context under which a request that could not even be sent (connection refused, host
// name unknown) fails at once instead of being retried: for a first call that proves the host, where a
// wrong --base-url is not a fault that heals.
func FailFast(ctx context.Context) context.Context { return transport.FailFast(ctx) }
