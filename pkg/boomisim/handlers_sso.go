package boomisim

import (
	"encoding/json"
	"strings"
)

// AccountSSOConfig (docs/boomi-api.md#accountssoconfig): one per account, its id is the account id. An account that never
// configured SSO answers a disabled configuration (docs/assumptions.md#sso-config-absent-means-disabled: Boomi may answer an error instead).

// Allowed values of the SSO settings that Boomi validates (docs/boomi-api.md#accountssoconfig).
var (
	nameIDPolicies          = []string{"TRANSIENT", "UNSPECIFIED"}
	authnContexts           = []string{"PPT", "UNSPECIFIED"}
	authnContextComparisons = []string{"EXACT", "MINIMUM"}
)

func renderSSO(cfg *AccountSSOConfig) json.RawMessage {
	return renderTyped(objAccountSSOConfig, cfg, nil)
}

// ssoOf returns the configuration of account id if the effective account may see it (itself or below).
func ssoOf(st *State, acct *AccountState, id string) (*AccountState, *apiError) {
	target := st.Accounts[id]
	if target == nil || (id != acct.Account.AccountID && !isDescendant(st, id, acct.Account.AccountID)) {
		return nil, errNotFound(objAccountSSOConfig, id)
	}
	return target, nil
}

func currentSSO(target *AccountState) *AccountSSOConfig {
	if target.SSOConfig != nil {
		return target.SSOConfig
	}
	return &AccountSSOConfig{AccountID: target.Account.AccountID}
}

func (s *Server) ssoGet(c *call) (json.RawMessage, *apiError) {
	return s.locked(c, func(st *State, acct *AccountState) (json.RawMessage, *apiError) {
		target, err := ssoOf(st, acct, c.id)
		if err != nil {
			return nil, err
		}
		return renderSSO(currentSSO(target)), nil
	})
}

func (s *Server) ssoBulk(c *call) (json.RawMessage, *apiError) {
	return s.runBulkGet(c, func(st *State, acct *AccountState, id string) (json.RawMessage, *apiError) {
		target, err := ssoOf(st, acct, id)
		if err != nil {
			return nil, err
		}
		return renderSSO(currentSSO(target)), nil
	})
}

// ssoBody accepts certificate as an array (the schema) or a single string (the examples).
type ssoBody struct {
	AccountSSOConfig
	Certificate json.RawMessage `json:"certificate"`
}

func (in *ssoBody) certificates() ([]string, *apiError) {
	raw := strings.TrimSpace(string(in.Certificate))
	if raw == "" || raw == "null" {
		return nil, nil
	}
	var one string
	if json.Unmarshal(in.Certificate, &one) == nil {
		return []string{one}, nil
	}
	var many []string
	if err := json.Unmarshal(in.Certificate, &many); err != nil {
		return nil, errorf(statusBadRequest, "AccountSSOConfig field \"certificate\" must be a base64 string or an array of them.")
	}
	return many, nil
}

func (s *Server) ssoUpdate(c *call) (json.RawMessage, *apiError) {
	var in ssoBody
	if err := decodeBody(c.body, objAccountSSOConfig, &in); err != nil {
		return nil, err
	}
	if in.AccountID != "" && in.AccountID != c.id {
		return nil, errIDMismatch(objAccountSSOConfig, in.AccountID, c.id)
	}
	checks := []struct {
		field, value string
		allowed      []string
	}{
		{"nameIdPolicy", in.NameIDPolicy, nameIDPolicies},
		{"authnContext", in.AuthnContext, authnContexts},
		{"authnContextComparison", in.AuthnContextComparison, authnContextComparisons},
	}
	for _, ch := range checks {
		if ch.value != "" && !containsString(ch.allowed, ch.value) {
			return nil, errBadFieldValue(objAccountSSOConfig, ch.field, ch.value, strings.Join(ch.allowed, ", "))
		}
	}
	certs, err := in.certificates()
	if err != nil {
		return nil, err
	}
	return s.locked(c, func(st *State, acct *AccountState) (json.RawMessage, *apiError) {
		target, err := ssoOf(st, acct, c.id)
		if err != nil {
			return nil, err
		}
		cfg := in.AccountSSOConfig
		cfg.AccountID = target.Account.AccountID
		cfg.Certificate = certs
		if cfg.AuthnContext == "" {
			cfg.AuthnContext = "PPT" // Boomi's documented default
		}
		target.SSOConfig = &cfg
		return renderSSO(&cfg), nil
	})
}

func (s *Server) ssoDelete(c *call) (json.RawMessage, *apiError) {
	return s.locked(c, func(st *State, acct *AccountState) (json.RawMessage, *apiError) {
		target, err := ssoOf(st, acct, c.id)
		if err != nil {
			return nil, err
		}
		target.SSOConfig = nil
		return nil, nil
	})
}
