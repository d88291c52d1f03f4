package transport

import (
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/grpc-ecosystem/go-grpc-middleware/logging/zap/ctxzap"
	"github.com/stretchr/testify/require"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"
)

// The server echoes the Authorization header back in its error message, the worst case for a leak. Neither
// the error nor any log line (ours or the SDK transport's, at debug level) may contain the token.
func TestSecretsNeverAppearInErrorsOrLogs(t *testing.T) {
	echo := func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		_, _ = fmt.Fprintf(w, `{"message":"bad credentials %s (token %s)"}`, r.Header.Get("Authorization"), testToken)
	}
	srv := httptest.NewServer(http.HandlerFunc(echo))
	defer srv.Close()

	core, logs := observer.New(zapcore.DebugLevel)
	ctx := ctxzap.ToContext(context.Background(), zap.New(core))
	base, _ := url.Parse(srv.URL + "/api")
	c, err := New(ctx, Config{ // no HTTPClient: the SDK's uhttp client with its logger is used
		BaseURL:     base,
		Authorize:   func(r *http.Request) { r.SetBasicAuth("user@example.com", testToken) },
		DecodeError: decodeMessage,
		Service:     "Vendor",
		Redact:      []string{testToken, "user@example.com:" + testToken},
	})
	require.NoError(t, err)

	err = c.Do(ctx, http.MethodGet, "/Role/1", url.Values{"page": {"2"}}, nil, "", nil)
	require.Error(t, err)
	require.Contains(t, err.Error(), "HTTP 401: bad credentials Basic [REDACTED] (token [REDACTED])")

	basic := base64.StdEncoding.EncodeToString([]byte("user@example.com:" + testToken))
	forbidden := []string{testToken, basic}
	for _, s := range forbidden {
		require.NotContains(t, err.Error(), s)
		require.NotContains(t, VendorMessage(err), s)
	}

	require.NotZero(t, logs.Len(), "requests are logged")
	sawOurs, sawSDK := false, false
	for _, entry := range logs.All() {
		if strings.HasPrefix(entry.Message, "HTTP request") {
			sawSDK = true // the SDK transport's own line, with its header and URL fields
		}
		line := entry.Message + fmt.Sprint(entry.ContextMap())
		for _, s := range forbidden {
			require.NotContains(t, line, s)
		}
		require.False(t, strings.Contains(strings.ToLower(line), "authorization"), "no header dump: %s", line)
		if entry.Message == "api request" {
			sawOurs = true
			require.Equal(t, zapcore.DebugLevel, entry.Level)
			fields := entry.ContextMap()
			require.Equal(t, "GET", fields["method"])
			require.Equal(t, "/api/Role/1", fields["path"])
			require.EqualValues(t, 401, fields["status"])
			require.EqualValues(t, 1, fields["attempt"])
			require.Len(t, fields, 5, "service, method, path, status, attempt only")
		}
	}
	require.True(t, sawOurs)
	require.True(t, sawSDK, "the SDK transport logged through the request's ctxzap logger")
}

func TestRedactorAlsoRemovesBase64FormAndSkipsTinyStrings(t *testing.T) {
	c := &Client{redactor: newRedactor([]string{"abcdefgh", "", "ab"})}
	encoded := base64.StdEncoding.EncodeToString([]byte("abcdefgh"))
	require.Equal(t, "x [REDACTED] y [REDACTED] ab", c.clean("x abcdefgh  y "+encoded+" ab"))
}
