package transport

import "context"

// failFastKey marks a context whose requests must not retry a connection that could not be opened.
type failFastKey struct{}

// FailFast returns a context under which a request that could not even be sent (connection refused, host
// name unknown, proxy unreachable) fails at once instead of being retried with backoff. Validate uses it
// for its first call: a wrong --base-url is not a transient fault, and half a minute of silent retries
// only hides the (good) error. Every other failure is retried as usual.
func FailFast(ctx context.Context) context.Context {
	return context.WithValue(ctx, failFastKey{}, true)
}

func isFailFast(ctx context.Context) bool {
	on, _ := ctx.Value(failFastKey{}).(bool)
	return on
}
