package boomi

import (
	"context"
	"net/url"
	"strings"
	"sync"

	"github.com/baton-boomi/baton-boomi/pkg/transport"
)

// The Partner API: https://api.boomi.com/partner/api/rest/v1/{primaryAccountId}/{Object}...?overrideAccount={sub}
// lets the administrator of a primary account read and change the objects of an account below it in the
// account hierarchy (nested sub-accounts included) with the same paths and bodies as the Platform API. Only
// this base accepts overrideAccount; Boomi must have enabled Partner API access for the primary account.
// Facts and sources: docs/primary-account-mode.md.
//
// Rate limit: by default a Partner API request counts against the authenticating (primary) account's limit,
// whatever account it overrides; when Boomi has switched on the primary's overrideAccountRateLimit property,
// it counts against the overridden sub-account's own limit. The client mirrors that: one shared pacer by
// default, one pacer per sub-account with Config.OverrideAccountRateLimit.

const (
	partnerPathPrefix = "/partner/api/rest/v1/"
	overrideParam     = "overrideAccount"
)

// partnerBase holds the Partner-base transports of one primary account.
type partnerBase struct {
	primaryID  string
	perAccount bool
	template   transport.Config // BaseURL set; Limiter is the primary's shared pacer
	shared     *transport.Client

	mu        sync.Mutex
	byAccount map[string]*transport.Client // with perAccount: one transport (and pacer) per sub-account
}

func newPartnerBase(ctx context.Context, template transport.Config, base *url.URL, primaryID string, perAccount bool) (*partnerBase, error) {
	template.BaseURL = base
	shared, err := transport.New(ctx, template)
	if err != nil {
		return nil, err
	}
	return &partnerBase{primaryID: primaryID, perAccount: perAccount, template: template, shared: shared, byAccount: map[string]*transport.Client{}}, nil
}

// transportFor returns the transport whose pacer a request overriding account draws on.
func (p *partnerBase) transportFor(ctx context.Context, account string) *transport.Client {
	if !p.perAccount || account == "" || account == p.primaryID {
		return p.shared
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if tc, ok := p.byAccount[account]; ok {
		return tc
	}
	cfg := p.template
	cfg.Limiter = newLimiter(cfg.RequestsPerSecond)
	tc, err := transport.New(ctx, cfg)
	if err != nil {
		// transport.New fails only on a config the shared transport was already built from.
		return p.shared
	}
	p.byAccount[account] = tc
	return tc
}

// SubAccount returns a client for the account accountID below this primary account: every request goes to
// the Partner base with overrideAccount=accountID, and AccountID() is accountID. Creating it sends nothing;
// whether Boomi lets the primary act on accountID shows on the first request (403 when it is not below the
// primary or the Partner API is not enabled).
func (c *Client) SubAccount(accountID string) *Client {
	return &Client{
		accountID: accountID,
		override:  accountID,
		transport: c.partner.transportFor(context.Background(), accountID),
		partner:   c.partner,
	}
}

// Partner returns a client for the primary account itself on the Partner base (no overrideAccount), to
// check that Boomi has enabled the Partner API for the account.
func (c *Client) Partner() *Client {
	return &Client{accountID: c.partner.primaryID, transport: c.partner.shared, partner: c.partner}
}

// newLimiter is the client-side pacer of one Boomi quota: evenly spaced requests at up to rps, backing off
// on 503s and recovering (transport.AdaptiveLimiter); nil (no pacing) for rps <= 0.
func newLimiter(rps float64) *transport.AdaptiveLimiter {
	return transport.NewAdaptiveLimiter(rps)
}

// partnerBaseURL joins the host root with /partner/api/rest/v1/{accountId}.
func partnerBaseURL(base *url.URL, accountID string) *url.URL {
	return joinBase(base, partnerPathPrefix, accountID)
}

// joinBase joins the host root (with or without a trailing slash or path) with prefix and the account id.
func joinBase(base *url.URL, prefix, accountID string) *url.URL {
	u := *base
	escapedRoot := strings.TrimRight(base.EscapedPath(), "/")
	u.RawPath = escapedRoot + prefix + url.PathEscape(accountID)
	u.Path = strings.TrimRight(base.Path, "/") + prefix + accountID
	return &u
}
