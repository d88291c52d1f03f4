package boomi

import (
	"context"
	"encoding/json"
	"net/http"
)

const objectAccountUserFederation = "AccountUserFederation"

// AccountUserFederation is a user's SSO federation id in an account: its presence makes the user an SSO user.
type AccountUserFederation struct {
	ID           string `json:"id,omitempty"`
	AccountID    string `json:"accountId,omitempty"`
	UserID       string `json:"userId,omitempty"`
	FederationID string `json:"federationId,omitempty"`
}

// UnmarshalJSON tolerates non-string scalars and ignores "@type".
func (f *AccountUserFederation) UnmarshalJSON(data []byte) error {
	var wire struct {
		ID           flexString `json:"id"`
		AccountID    flexString `json:"accountId"`
		UserID       flexString `json:"userId"`
		FederationID flexString `json:"federationId"`
	}
	if err := json.Unmarshal(data, &wire); err != nil {
		return err
	}
	*f = AccountUserFederation{ID: string(wire.ID), AccountID: string(wire.AccountID), UserID: string(wire.UserID), FederationID: string(wire.FederationID)}
	return nil
}

// QueryAccountUserFederations returns one page of federation records (properties: accountId, userId, federationId).
func (c *Client) QueryAccountUserFederations(ctx context.Context, expr *Expression, token string) (Page[AccountUserFederation], error) {
	return queryPage[AccountUserFederation](ctx, c, objectAccountUserFederation, expr, token)
}

// CreateAccountUserFederation turns SSO on for a user with the given federation id. AccountID defaults to
// the client's account. Not repeated when its outcome is unknown (see transport's retry policy).
func (c *Client) CreateAccountUserFederation(ctx context.Context, in AccountUserFederation) (AccountUserFederation, error) {
	if in.AccountID == "" {
		in.AccountID = c.accountID
	}
	in.ID = ""
	return createObject(ctx, c, objectAccountUserFederation, in)
}

// UpdateAccountUserFederation changes the federation id of an existing record (POST /AccountUserFederation/{in.ID}).
func (c *Client) UpdateAccountUserFederation(ctx context.Context, in AccountUserFederation) (AccountUserFederation, error) {
	if in.AccountID == "" {
		in.AccountID = c.accountID
	}
	var out AccountUserFederation
	if err := c.do(ctx, http.MethodPost, objectPath(objectAccountUserFederation, in.ID), in, "", &out); err != nil {
		return AccountUserFederation{}, err
	}
	return out, nil
}

// DeleteAccountUserFederation turns SSO off for the user of that record.
func (c *Client) DeleteAccountUserFederation(ctx context.Context, id string) error {
	return deleteObject(ctx, c, objectAccountUserFederation, id)
}
