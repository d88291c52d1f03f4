package transport

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"testing"
	"time"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

func TestHTTPStatusMapsToGRPCCode(t *testing.T) {
	cases := map[int]codes.Code{
		400: codes.InvalidArgument,
		401: codes.Unauthenticated,
		403: codes.PermissionDenied,
		404: codes.NotFound,
		405: codes.Unimplemented,
		409: codes.AlreadyExists,
		410: codes.Unimplemented,
		412: codes.FailedPrecondition,
		422: codes.InvalidArgument,
		429: codes.Unavailable,
		500: codes.Internal,
		501: codes.Unimplemented,
		502: codes.Unavailable,
		503: codes.Unavailable,
		504: codes.Unavailable,
		507: codes.Internal,
	}
	for httpStatus, want := range cases {
		s := &scripted{steps: []http.HandlerFunc{answer(httpStatus, fmt.Sprintf(`{"message":"vendor says %d"}`, httpStatus))}}
		c, _ := newTestClient(t, s, func(cfg *Config) { cfg.MaxRetries = 1 })
		err := c.Do(context.Background(), http.MethodGet, "/Thing/1", nil, nil, "", nil)
		require.Error(t, err)
		require.Equal(t, want, status.Code(err), "HTTP %d", httpStatus)
		require.Equal(t, httpStatus, HTTPStatus(err))
		require.Equal(t, fmt.Sprintf("vendor says %d", httpStatus), VendorMessage(err))
	}
}

func TestErrorIsOneSentenceWithServiceMethodPathStatusAndVendorMessage(t *testing.T) {
	s := &scripted{steps: []http.HandlerFunc{answer(401, `{"message":"Invalid credentials"}`)}}
	c, _ := newTestClient(t, s, nil)
	err := c.Do(context.Background(), http.MethodGet, "/Role/abc", map[string][]string{"q": {"secret-query"}}, nil, "", nil)
	require.EqualError(t, err, "Vendor answered GET /api/v9/acct/Role/abc with HTTP 401: Invalid credentials")
	st, ok := status.FromError(err)
	require.True(t, ok)
	require.Equal(t, err.Error(), st.Message())
	require.NotContains(t, err.Error(), "secret-query")

	wrapped := fmt.Errorf("listing roles: %w", err)
	require.Equal(t, codes.Unauthenticated, status.Code(wrapped))
	require.Equal(t, 401, HTTPStatus(wrapped))
	require.Equal(t, "Invalid credentials", VendorMessage(wrapped))
	require.Equal(t, 0, HTTPStatus(errors.New("plain")))
	require.Equal(t, "", VendorMessage(errors.New("plain")))
}

func TestErrorWithoutVendorMessageUsesStatusTextOrShortTextBody(t *testing.T) {
	s := &scripted{steps: []http.HandlerFunc{answer(404, `{"@type":"Error"}`)}}
	c, _ := newTestClient(t, s, nil)
	err := c.Do(context.Background(), http.MethodGet, "/Role/x", nil, nil, "", nil)
	require.EqualError(t, err, "Vendor answered GET /api/v9/acct/Role/x with HTTP 404 (Not Found)")

	s2 := &scripted{steps: []http.HandlerFunc{answer(400, "Bad thing happened\n  here")}}
	c2, _ := newTestClient(t, s2, nil)
	err = c2.Do(context.Background(), http.MethodGet, "/Role/x", nil, nil, "", nil)
	require.EqualError(t, err, "Vendor answered GET /api/v9/acct/Role/x with HTTP 400: Bad thing happened here")
	require.Equal(t, "Bad thing happened here", VendorMessage(err))
}

func TestWrongJSONShapeIsInternalAndNotRetried(t *testing.T) {
	s := &scripted{steps: []http.HandlerFunc{answer(200, `{"count":"not a number"}`)}}
	c, _ := newTestClient(t, s, nil)
	var out struct {
		Count int `json:"count"`
	}
	err := c.Do(context.Background(), http.MethodGet, "/Thing", nil, nil, "", &out)
	require.Equal(t, codes.Internal, status.Code(err))
	require.Contains(t, err.Error(), "does not have the expected shape")
	require.EqualValues(t, 1, s.hits.Load())
}

func TestXMLInsteadOfJSONIsInternalAndNotRetried(t *testing.T) {
	s := &scripted{steps: []http.HandlerFunc{answer(200, `<bns:QueryResult/>`)}}
	c, _ := newTestClient(t, s, nil)
	var out map[string]any
	err := c.Do(context.Background(), http.MethodGet, "/Thing", nil, nil, "", &out)
	require.Equal(t, codes.Internal, status.Code(err))
	require.Contains(t, err.Error(), "XML or HTML")
	require.EqualValues(t, 1, s.hits.Load())
}

func TestExhausted503IsUnavailableWithRateLimitDetail(t *testing.T) {
	s := &scripted{steps: []http.HandlerFunc{answer(503, `{"@type":"Error","message":"Rate limit exceeded"}`)}}
	c, _ := newTestClient(t, s, func(cfg *Config) { cfg.MaxRetries = 4 })
	err := c.Do(context.Background(), http.MethodPost, "/Thing/query", nil, map[string]any{}, "", nil)
	require.Equal(t, codes.Unavailable, status.Code(err))
	require.EqualValues(t, 5, s.hits.Load(), "1 attempt + 4 retries")
	require.EqualError(t, err, "Vendor answered POST /api/v9/acct/Thing/query with HTTP 503 after 5 attempts: Rate limit exceeded")

	st, _ := status.FromError(err)
	var found *v2.RateLimitDescription
	for _, d := range st.Details() {
		if rl, ok := d.(*v2.RateLimitDescription); ok {
			found = rl
		}
	}
	require.NotNil(t, found, "a RateLimitDescription detail is attached")
	require.Equal(t, v2.RateLimitDescription_STATUS_OVERLIMIT, found.GetStatus())
	require.NotNil(t, found.GetResetAt())

	stats := c.Stats()
	require.EqualValues(t, 5, stats.Requests)
	require.EqualValues(t, 4, stats.Retries)
	require.EqualValues(t, 5, stats.ByStatus[503])
}

func TestRateLimitDetailHonoursRetryAfterHeader(t *testing.T) {
	before := time.Now()
	header := http.Header{"Retry-After": {"30"}}
	st := withRateLimitDetail(status.New(codes.Unavailable, "busy"), 503, header)
	require.Len(t, st.Details(), 1)
	rl := st.Details()[0].(*v2.RateLimitDescription)
	require.Equal(t, v2.RateLimitDescription_STATUS_OVERLIMIT, rl.GetStatus())
	require.False(t, rl.GetResetAt().AsTime().Before(before.Add(30*time.Second)))

	st = withRateLimitDetail(status.New(codes.Unavailable, "busy"), 503, http.Header{})
	rl = st.Details()[0].(*v2.RateLimitDescription)
	require.False(t, rl.GetResetAt().AsTime().Before(before.Add(time.Second)), "no header: reset after Boomi's one-second window")
}

func TestRetryAfterParsesSecondsAndDates(t *testing.T) {
	require.Equal(t, 7*time.Second, retryAfter(http.Header{"Retry-After": {"7"}}))
	require.Equal(t, time.Duration(0), retryAfter(http.Header{}))
	require.Equal(t, time.Duration(0), retryAfter(http.Header{"Retry-After": {"soon"}}))
	future := time.Now().Add(time.Hour).UTC().Format(http.TimeFormat)
	require.Greater(t, retryAfter(http.Header{"Retry-After": {future}}), 59*time.Minute)
}
