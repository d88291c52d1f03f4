package config

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Value checks of the text fields, run before any client is built, so a value that cannot be right costs
// one sentence and no request. The field names are the flags a user typed.

// Length bounds: far above any real value, low enough that a pasted file or a runaway variable is caught.
const (
	maxAccountIDLen = 100
	maxUsernameLen  = 254 + len("BOOMI_TOKEN.") // an e-mail address is at most 254 characters
	maxSecretLen    = 4096
	maxURLLen       = 2048
)

// textField is one text value and how to check it.
type textField struct {
	flag, value string
	max         int
	secret      bool // never quote the value
	noSpaces    bool // spaces inside the value are a mistake (ids, tokens, keys)
}

// CheckValues reports the first text field whose value cannot be right: not UTF-8, control characters
// (a line break from a file, say), spaces inside an id, token or key, or longer than any real value.
// Account ids are letters, digits, '-', '_' and '.' (UNCONFIRMED(account-id-charset): every Boomi account
// id seen has the form name-XY12AB; the check keeps '/', '?', '#' and '%' out of the API path).
func CheckValues(c *Boomi) error {
	fields := []textField{
		{flag: "--boomi-account-id", value: c.BoomiAccountId, max: maxAccountIDLen, noSpaces: true},
		{flag: "--boomi-email", value: c.BoomiEmail, max: maxUsernameLen, noSpaces: true},
		{flag: "--boomi-api-token", value: c.BoomiApiToken, max: maxSecretLen, secret: true, noSpaces: true},
		{flag: "--base-url", value: c.BaseUrl, max: maxURLLen, noSpaces: true},
		{flag: "--mft-base-url", value: c.MftBaseUrl, max: maxURLLen, noSpaces: true},
		{flag: "--mft-api-key", value: c.MftApiKey, max: maxSecretLen, secret: true, noSpaces: true},
	}
	for _, f := range fields {
		if err := f.check(); err != nil {
			return err
		}
	}
	for _, r := range strings.TrimSpace(c.BoomiAccountId) {
		if r >= utf8.RuneSelf || (!unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '_' && r != '.') {
			return fmt.Errorf("--boomi-account-id %q contains %q: a Boomi account id has only letters, digits, '-', '_' and '.' "+
				"(Settings > Account Information and Setup shows it, e.g. acme-AB12CD)", c.BoomiAccountId, r)
		}
	}
	if c.RequestsPerSecond < 0 || c.RequestsPerSecond > 1000 {
		return fmt.Errorf("--requests-per-second is %d: give a number from 1 to 1000, and keep it at 10 or below for a real "+
			"Boomi account (Boomi answers 503 above 10 requests per second)", c.RequestsPerSecond)
	}
	return nil
}

func (f textField) check() error {
	shown := func() string {
		if f.secret {
			return ""
		}
		v := f.value
		if len(v) > 60 {
			v = v[:60] + "…"
		}
		return fmt.Sprintf(" %q", v)
	}
	switch {
	case !utf8.ValidString(f.value):
		return fmt.Errorf("%s%s is not valid UTF-8 text: retype it, or check the encoding of the file or variable it comes from", f.flag, shown())
	case len(f.value) > f.max:
		return fmt.Errorf("%s is %d bytes long, more than any real value (%d): check that the right value was passed", f.flag, len(f.value), f.max)
	}
	for _, r := range f.value {
		if unicode.IsControl(r) {
			return fmt.Errorf("%s%s contains a control character (such as a line break): pass the value on one line, without the newline a file or heredoc adds", f.flag, shown())
		}
	}
	for _, r := range strings.TrimSpace(f.value) {
		if f.noSpaces && unicode.IsSpace(r) {
			return fmt.Errorf("%s%s contains a space: the value has none; check that it was copied whole and alone", f.flag, shown())
		}
	}
	return nil
}
