package transport

import (
	"encoding/base64"
	"strings"
)

// newRedactor replaces every configured secret, and its base64 form (how Basic credentials travel), with
// "[REDACTED]". Empty and very short strings are skipped: replacing a one-letter "secret" would garble text.
func newRedactor(secrets []string) *strings.Replacer {
	var pairs []string
	for _, s := range secrets {
		if len(s) < 4 {
			continue
		}
		pairs = append(pairs, s, "[REDACTED]", base64.StdEncoding.EncodeToString([]byte(s)), "[REDACTED]")
	}
	return strings.NewReplacer(pairs...)
}

// clean makes text from outside (vendor messages, network errors) safe and short for an error sentence:
// secrets removed, whitespace collapsed, at most 300 characters.
func (c *Client) clean(text string) string {
	text = c.redactor.Replace(text)
	text = strings.Join(strings.Fields(text), " ")
	const maxLen = 300
	if len(text) > maxLen {
		text = text[:maxLen] + "…"
	}
	return text
}
