package boomi

import (
	"context"
	"encoding/json"
)

const objectAccountSSOConfig = "AccountSSOConfig"

// AccountSSOConfig is the account's SAML single sign-on configuration (one per account).
type AccountSSOConfig struct {
	AccountID       string
	Enabled         bool
	IdpURL          string
	FedIDFromNameID bool // true: the federation id comes from the SAML NameID, else from FEDERATION_ID
	NameIDPolicy    string
	// CaseInsensitiveFederationID: federation ids are compared ignoring case in this account (Boomi's
	// default is case-sensitive; docs/boomi-api.md#accountuserfederation).
	CaseInsensitiveFederationID bool
}

// UnmarshalJSON ignores certificates and the other fields the connector does not use.
func (s *AccountSSOConfig) UnmarshalJSON(data []byte) error {
	var wire struct {
		AccountID       flexString `json:"accountId"`
		Enabled         flexBool   `json:"enabled"`
		IdpURL          flexString `json:"idpUrl"`
		FedIDFromNameID flexBool   `json:"fedIdFromNameId"`
		NameIDPolicy    flexString `json:"nameIdPolicy"`
		CaseInsensitive flexBool   `json:"caseInsensitiveFederationId"`
	}
	if err := json.Unmarshal(data, &wire); err != nil {
		return err
	}
	*s = AccountSSOConfig{
		AccountID: string(wire.AccountID), Enabled: wire.Enabled.value, IdpURL: string(wire.IdpURL),
		FedIDFromNameID: wire.FedIDFromNameID.value, NameIDPolicy: string(wire.NameIDPolicy),
		CaseInsensitiveFederationID: wire.CaseInsensitive.value,
	}
	return nil
}

// GetAccountSSOConfig reads the SSO configuration of the client's account (GET /AccountSSOConfig/{accountId}).
func (c *Client) GetAccountSSOConfig(ctx context.Context) (AccountSSOConfig, error) {
	return getObject[AccountSSOConfig](ctx, c, objectAccountSSOConfig, c.accountID)
}
