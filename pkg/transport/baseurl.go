package transport

import (
	"fmt"
	"net"
	"net/url"
	"strings"
)

// ValidateBaseURL parses a user-supplied base URL and accepts only https, or plain http when the host is a
// loopback address (127.0.0.0/8, ::1, localhost) so that tests and the simulator can run without TLS while a
// real token never travels unencrypted.
func ValidateBaseURL(raw string) (*url.URL, error) {
	trimmed := strings.TrimSpace(raw)
	if trimmed == "" {
		return nil, fmt.Errorf("the base URL is empty: give a URL such as https://api.boomi.com")
	}
	u, err := url.Parse(trimmed)
	if err != nil {
		return nil, fmt.Errorf("the base URL %q cannot be parsed (%w): give a URL such as https://api.boomi.com", trimmed, err)
	}
	if u.Host == "" || u.Hostname() == "" {
		return nil, fmt.Errorf("the base URL %q has no host: give a URL such as https://api.boomi.com", trimmed)
	}
	if u.User != nil {
		return nil, fmt.Errorf("the base URL must not contain a user name or password: remove the part before '@' and pass credentials with their own flags")
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("the base URL %q must not have a query or fragment: remove the part after '?' or '#'", u.Scheme+"://"+u.Host+u.Path)
	}
	switch strings.ToLower(u.Scheme) {
	case "https":
		return u, nil
	case "http":
		if isLoopbackHost(u.Hostname()) {
			return u, nil
		}
		return nil, fmt.Errorf("the base URL %q uses plain http on a non-loopback host, which would send the credentials unencrypted: use https", u.Scheme+"://"+u.Host+u.Path)
	default:
		return nil, fmt.Errorf("the base URL %q has scheme %q: use https", u.Scheme+"://"+u.Host+u.Path, u.Scheme)
	}
}

func isLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
