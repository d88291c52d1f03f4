package boomi

import (
	"context"
	"encoding/json"
)

const objectAccount = "Account"

// Account is a Boomi account. QueryAccounts on a primary account returns its sub-accounts.
type Account struct {
	AccountID      string
	Name           string
	Status         string // trial, active, suspended, deleted, unlimited
	DateCreated    string // "2006-01-02T15:04:05Z"
	ExpirationDate string
	SupportLevel   string
	WidgetAccount  bool
	OverDeployed   bool
	SupportAccess  bool
}

// UnmarshalJSON ignores licensing, molecule, "@type" and other fields the connector does not use.
func (a *Account) UnmarshalJSON(data []byte) error {
	var wire struct {
		AccountID      flexString `json:"accountId"`
		Name           flexString `json:"name"`
		Status         flexString `json:"status"`
		DateCreated    flexString `json:"dateCreated"`
		ExpirationDate flexString `json:"expirationDate"`
		SupportLevel   flexString `json:"supportLevel"`
		WidgetAccount  flexBool   `json:"widgetAccount"`
		OverDeployed   flexBool   `json:"overDeployed"`
		SupportAccess  flexBool   `json:"supportAccess"`
	}
	if err := json.Unmarshal(data, &wire); err != nil {
		return err
	}
	*a = Account{
		AccountID: string(wire.AccountID), Name: string(wire.Name), Status: string(wire.Status),
		DateCreated: string(wire.DateCreated), ExpirationDate: string(wire.ExpirationDate),
		SupportLevel: string(wire.SupportLevel), WidgetAccount: wire.WidgetAccount.value,
		OverDeployed: wire.OverDeployed.value, SupportAccess: wire.SupportAccess.value,
	}
	return nil
}

// GetAccount reads one account by id (only the addressed account, never its children).
func (c *Client) GetAccount(ctx context.Context, id string) (Account, error) {
	return getObject[Account](ctx, c, objectAccount, id)
}

// QueryAccounts returns one page of the accounts created by this account, i.e. its sub-accounts.
func (c *Client) QueryAccounts(ctx context.Context, expr *Expression, token string) (Page[Account], error) {
	return queryPage[Account](ctx, c, objectAccount, expr, token)
}
