package mft

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"testing"

	"github.com/baton-boomi/baton-boomi/pkg/transport"
)

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

// FuzzDecodeMFTResponses feeds one body, as a 200 and as error answers, to every MFT read: nothing panics
// and every failure is a *transport.Error.
func FuzzDecodeMFTResponses(f *testing.F) {
	for _, seed := range []string{
		`[{"id":1,"attributeName":"dept","attributeValue":"it","isDefault":false,"roleIds":[1,2],"organizationIds":"3,4","extra":{"x":1}}]`,
		`{"id":7,"attributeName":null,"roleIds":null}`,
		`[{"id":1,"userRoleCode":"ADMIN","deletedDate":""}]`, `[{"id":2,"name":"Org","deletedDate":"2026-01-01"}]`,
		`[{"id":3,"userName":"u","email":"u@x.y"}]`, `{"id":3,"roleIds":[1],"organizationIds":[2]}`,
		`{"message":"no"}`, `{"title":"Bad","detail":"worse"}`, `[1,"x",null]`, `{"roleIds":"a,b"}`,
		`{"roleIds":[1.5,-1,99999999999]}`, "", "null", `[`, "\xff",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		ctx := context.Background()
		for _, status := range []int{200, 400, 401, 500} {
			c, err := New(ctx, Config{
				BaseURL: "https://us.thruinc.com", APIKey: "key", RequestsPerSecond: -1,
				HTTPClient: &http.Client{Transport: bodyTransport{status, body}},
				MaxRetries: 1, RetryInitialInterval: 1,
			})
			if err != nil {
				t.Fatal(err)
			}
			reads := []func() error{
				func() error { _, err := c.ListSSOMappings(ctx); return err },
				func() error { _, err := c.GetSSOMapping(ctx, 7); return err },
				func() error { _, err := c.ListRoles(ctx); return err },
				func() error { _, err := c.ListOrganizations(ctx); return err },
				func() error { _, err := c.ListUsers(ctx); return err },
				func() error { _, err := c.GetUser(ctx, 3); return err },
			}
			for i, read := range reads {
				err := read()
				if status != 200 && err == nil {
					t.Fatalf("read %d: HTTP %d answered as a success", i, status)
				}
				var te *transport.Error
				if err != nil && !errors.As(err, &te) {
					t.Fatalf("read %d: %T is not a transport error: %v", i, err, err)
				}
			}
		}
		_ = decodeError(400, body)
		var m SSOMapping
		if m.UnmarshalJSON(body) == nil {
			if _, err := m.MarshalJSON(); err != nil {
				t.Fatalf("a mapping that decoded does not encode again: %v", err)
			}
		}
	})
}
