package config

import (
	"strings"
	"testing"
)

func validConfig() *Boomi {
	return &Boomi{BoomiAccountId: "acme-AB12CD", BoomiEmail: "admin@acme.test", BoomiApiToken: "0123456789abcdef",
		BaseUrl: "https://api.boomi.com", RequestsPerSecond: 8}
}

// Every text field, with every kind of value that cannot be right, gets one sentence naming the flag; a
// secret is never quoted.
func TestCheckValuesRefusesEachBadValueNamingTheFlag(t *testing.T) {
	bad := map[string]string{
		"overlong":          strings.Repeat("x", 5000),
		"non-UTF-8":         "ab\xffcd",
		"line break":        "abc\n",
		"NUL":               "a\x00b",
		"escape sequence":   "a\x1b[31mb",
		"space inside":      "ab cd",
		"header injection":  "abc\r\nX-Evil: 1",
		"zero-width joiner": "a\u200db", // not a space, not a control: allowed unless the field has a charset
	}
	fields := map[string]func(c *Boomi, v string){
		"--boomi-account-id": func(c *Boomi, v string) { c.BoomiAccountId = v },
		"--boomi-email":      func(c *Boomi, v string) { c.BoomiEmail = v },
		"--boomi-api-token":  func(c *Boomi, v string) { c.BoomiApiToken = v },
		"--base-url":         func(c *Boomi, v string) { c.BaseUrl = v },
		"--mft-base-url":     func(c *Boomi, v string) { c.MftBaseUrl = v },
		"--mft-api-key":      func(c *Boomi, v string) { c.MftApiKey = v },
	}
	for flag, set := range fields {
		for kind, value := range bad {
			c := validConfig()
			set(c, value)
			err := CheckValues(c)
			if kind == "zero-width joiner" && flag != "--boomi-account-id" {
				if err != nil {
					t.Errorf("%s %s: refused a value without control characters: %v", flag, kind, err)
				}
				continue
			}
			if err == nil {
				t.Errorf("%s with a %s value was accepted", flag, kind)
				continue
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, flag) || strings.Contains(msg, "\n") {
				t.Errorf("%s %s: %q does not start with the flag or is not one line", flag, kind, msg)
			}
			if (flag == "--boomi-api-token" || flag == "--mft-api-key") && len(value) > 4 && strings.Contains(msg, value) {
				t.Errorf("%s %s: the secret is quoted: %q", flag, kind, msg)
			}
		}
	}
}

func TestCheckValuesAcceptsRealValues(t *testing.T) {
	c := validConfig()
	c.BoomiEmail = "BOOMI_TOKEN.jürgen.müller@acme.test"
	c.MftBaseUrl, c.MftApiKey = "https://us.thruinc.com", "key-123"
	c.BoomiAccountId = "  acme-AB12CD  " // surrounding spaces are trimmed by the client, not an error
	if err := CheckValues(c); err != nil {
		t.Fatal(err)
	}
}

func TestCheckValuesRefusesAccountIDOutsideItsCharset(t *testing.T) {
	for _, id := range []string{"acme/x", "acme?x", "acme#x", "acme%2Fx", "acmé", "acme'x", "acme;x", "acme&x"} {
		c := validConfig()
		c.BoomiAccountId = id
		if err := CheckValues(c); err == nil || !strings.Contains(err.Error(), "letters, digits") {
			t.Errorf("account id %q: %v", id, err)
		}
	}
}

func TestCheckValuesRequestsPerSecondBounds(t *testing.T) {
	for rps, ok := range map[int]bool{-1: false, 0: true, 1: true, 10: true, 1000: true, 1001: false} {
		c := validConfig()
		c.RequestsPerSecond = rps
		if err := CheckValues(c); (err == nil) != ok {
			t.Errorf("rps %d: %v", rps, err)
		}
	}
}
