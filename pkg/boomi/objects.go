package boomi

import (
	"context"
	"net/http"
	"net/url"
)

// The single-object requests every Boomi object type uses the same way (queries: queryPage). Each is
// exactly one request plus the transport's retries; creates are not repeated when their outcome is unknown.

// objectPath builds "/{Object}/{id}" with the id escaped (ids are opaque and may hold '/', '|' or '=').
func objectPath(object, id string) string {
	return "/" + object + "/" + url.PathEscape(id)
}

// getObject reads one object: GET /{object}/{id}.
func getObject[T any](ctx context.Context, c *Client, object, id string) (T, error) {
	var out T
	if err := c.do(ctx, http.MethodGet, objectPath(object, id), nil, "", &out); err != nil {
		var zero T
		return zero, err
	}
	return out, nil
}

// createObject sends in as a new object (POST /{object}) and returns the object Boomi stored.
func createObject[T any](ctx context.Context, c *Client, object string, in T) (T, error) {
	var out T
	if err := c.do(ctx, http.MethodPost, "/"+object, in, "", &out); err != nil {
		var zero T
		return zero, err
	}
	return out, nil
}

// deleteObject removes one object by its id: DELETE /{object}/{id}.
func deleteObject(ctx context.Context, c *Client, object, id string) error {
	return c.do(ctx, http.MethodDelete, objectPath(object, id), nil, "", nil)
}
