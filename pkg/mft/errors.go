package mft

import (
	"context"

	"github.com/baton-boomi/baton-boomi/pkg/transport"
)

// What a caller may know about a Client's answers without reaching into the HTTP layer beneath it (the
// shared pkg/transport, whose implementation these names forward to), as pkg/boomi offers for the Platform
// client. Every error a Client method returns is a gRPC status error that keeps the HTTP status.

// Stats counts what a Client sent: attempts, retries, answers by HTTP status, time spent waiting for the
// pacer (Client.Stats).
type Stats = transport.Stats

// HTTPStatus returns the HTTP status MFT answered with, as carried by err, or 0 when no answer came
// (network failure, cancellation).
func HTTPStatus(err error) int { return transport.HTTPStatus(err) }

// VendorMessage returns MFT's own error message carried by err (or the quoted start of a body it could not
// read, QuotedBodyPrefix), or "".
func VendorMessage(err error) string { return transport.VendorMessage(err) }

// FailFast returns a context under which a request that could not even be sent (connection refused, host
// name unknown) fails at once instead of being retried: for a first call that proves the host, where a
// wrong --mft-base-url is not a fault that heals.
func FailFast(ctx context.Context) context.Context { return transport.FailFast(ctx) }
