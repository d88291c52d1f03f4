package boomi

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/baton-boomi/baton-boomi/pkg/transport"
)

// bodyTransport answers every request with status and body, without a network.
type bodyTransport struct {
	status int
	body   []byte
}

func (b bodyTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	return &http.Response{
		StatusCode: b.status, Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(bytes.NewReader(b.body)), Request: r,
	}, nil
}

func fuzzClient(t *testing.T, status int, body []byte) *Client {
	c, err := New(context.Background(), Config{
		BaseURL: "https://api.boomi.com", AccountID: "acme-AB12CD", Username: "a@b.c", APIToken: "tok",
		RequestsPerSecond: -1, MaxRetries: 1, RetryInitialInterval: 1,
		HTTPClient: &http.Client{Transport: bodyTransport{status, body}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// FuzzDecodeResponses feeds one body, as a 200 and as an error answer, to every read the client makes:
// nothing panics, and every failure is a *transport.Error (an error value with a gRPC code), never a
// half-decoded success of the wrong shape.
func FuzzDecodeResponses(f *testing.F) {
	for _, seed := range []string{
		`{"@type":"QueryResult","numberOfResults":1,"queryToken":"abc/+=","result":[` +
			`{"@type":"AccountUserRole","id":"x","userId":"u@x.y","roleId":"r","accountId":"a","firstName":"F","lastName":"L"}]}`,
		`{"@type":"Role","id":"r","name":"n","privileges":{"privilege":[{"name":"API"}]}}`,
		`{"@type":"Account","accountId":"acme","name":"Acme","status":"active","supportAccess":"true","widgetAccount":false}`,
		`{"@type":"AccountSSOConfig","enabled":"true","idpUrl":"https://x"}`,
		`{"@type":"Error","message":"nope"}`, `{"error":{"message":"x"}}`, `{"error":"x"}`,
		`[{"@type":"Role","id":"1"}]`, `{"result":null}`, `{"result":[null,1,"x",{}]}`, `{"queryToken":5}`,
		`<html>oops</html>`, `{"result":[{"id":{"a":1}}]}`, "", "null", `{"`, "\xff\xfe",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		ctx := context.Background()
		for _, status := range []int{200, 400, 403, 500} {
			c := fuzzClient(t, status, body)
			reads := []func() error{
				func() error { _, err := c.GetAccount(ctx, "acme"); return err },
				func() error { _, err := c.QueryAccounts(ctx, nil, ""); return err },
				func() error { _, err := c.QueryAccounts(ctx, nil, "tok/+="); return err },
				func() error { _, err := c.QueryAuditLogs(ctx, nil, ""); return err },
				func() error { _, err := c.QueryAccountUserFederations(ctx, nil, ""); return err },
				func() error { _, err := c.QueryAccountGroups(ctx, nil, ""); return err },
				func() error { _, err := c.QueryAccountGroupAccounts(ctx, nil, "t"); return err },
				func() error { _, err := c.QueryAccountGroupUserRoles(ctx, nil, ""); return err },
				func() error { _, err := c.QueryRoles(ctx, nil, ""); return err },
				func() error { _, err := c.GetRole(ctx, "r"); return err },
				func() error { _, err := c.GetAssignableRoles(ctx); return err },
				func() error { _, err := c.GetAccountSSOConfig(ctx); return err },
				func() error { _, err := c.QueryAccountUserRoles(ctx, nil, ""); return err },
			}
			for i, read := range reads {
				err := read()
				if status != 200 && err == nil {
					t.Fatalf("read %d: HTTP %d answered as a success", i, status)
				}
				if err != nil {
					var te *transport.Error
					if !errors.As(err, &te) {
						t.Fatalf("read %d: %T is not a transport error: %v", i, err, err)
					}
					if strings.TrimSpace(err.Error()) == "" {
						t.Fatalf("read %d: an error without a message", i)
					}
				}
			}
		}
		_ = decodeError(400, body)
	})
}
