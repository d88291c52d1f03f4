package transport

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestValidateBaseURLAcceptsHTTPSAndLoopbackHTTP(t *testing.T) {
	for _, raw := range []string{
		"https://api.boomi.com",
		"https://api.platform.gb.boomi.com/",
		"HTTPS://api.boomi.com",
		"http://127.0.0.1:8080",
		"http://127.4.5.6",
		"http://[::1]:9000",
		"http://localhost:1234/",
		"http://LOCALHOST",
	} {
		u, err := ValidateBaseURL(raw)
		require.NoError(t, err, raw)
		require.NotEmpty(t, u.Host, raw)
	}
}

func TestValidateBaseURLRejectsUnsafeOrMalformed(t *testing.T) {
	cases := map[string]string{
		"":                              "empty",
		"   ":                           "empty",
		"http://api.boomi.com":          "plain http on a non-loopback host",
		"http://10.0.0.1":               "plain http on a non-loopback host",
		"http://localhost.evil.com":     "plain http on a non-loopback host",
		"ftp://api.boomi.com":           `scheme "ftp"`,
		"api.boomi.com":                 "no host",
		"https://":                      "no host",
		"https://u:p@api.boomi.com":     "must not contain a user name or password",
		"https://api.boomi.com/?a=1":    "must not have a query",
		"https://api.boomi.com/#x":      "must not have a query or fragment",
		"https://api.boomi.com:badport": "cannot be parsed",
	}
	for raw, want := range cases {
		_, err := ValidateBaseURL(raw)
		require.Error(t, err, raw)
		require.Contains(t, err.Error(), want, raw)
	}
}

func TestValidateBaseURLNeverEchoesUserInfo(t *testing.T) {
	_, err := ValidateBaseURL("https://admin:hunter2-secret@api.boomi.com")
	require.Error(t, err)
	require.NotContains(t, err.Error(), "hunter2-secret")
}
