package boomi

import (
	"context"
	"encoding/json"
)

const objectAccountUserRole = "AccountUserRole"

// AccountUserRole links a user to a role in an account. Boomi has no User object: users are listed, created
// (CREATE with a new e-mail invites the user) and removed (deleting the last link) through these links.
type AccountUserRole struct {
	ID         string `json:"id,omitempty"`
	AccountID  string `json:"accountId,omitempty"`
	UserID     string `json:"userId,omitempty"` // the user's login e-mail
	RoleID     string `json:"roleId,omitempty"`
	FirstName  string `json:"firstName,omitempty"`
	LastName   string `json:"lastName,omitempty"`
	NotifyUser *bool  `json:"notifyUser,omitempty"` // nil = Boomi's default (true: e-mail the user)
}

// GrantedRoleID is the role the link gives, the same for every kind of role link (EnvironmentRole too), so
// callers can treat the kinds alike.
func (l AccountUserRole) GrantedRoleID() string { return l.RoleID }

// UnmarshalJSON tolerates notifyUser sent as a string and ignores "@type" and unknown fields.
func (u *AccountUserRole) UnmarshalJSON(data []byte) error {
	var wire struct {
		ID         flexString `json:"id"`
		AccountID  flexString `json:"accountId"`
		UserID     flexString `json:"userId"`
		RoleID     flexString `json:"roleId"`
		FirstName  flexString `json:"firstName"`
		LastName   flexString `json:"lastName"`
		NotifyUser flexBool   `json:"notifyUser"`
	}
	if err := json.Unmarshal(data, &wire); err != nil {
		return err
	}
	*u = AccountUserRole{
		ID: string(wire.ID), AccountID: string(wire.AccountID), UserID: string(wire.UserID),
		RoleID: string(wire.RoleID), FirstName: string(wire.FirstName), LastName: string(wire.LastName),
		NotifyUser: wire.NotifyUser.ptr(),
	}
	return nil
}

// QueryAccountUserRoles returns one page of user-role links (properties: accountId, userId, roleId).
func (c *Client) QueryAccountUserRoles(ctx context.Context, expr *Expression, token string) (Page[AccountUserRole], error) {
	return queryPage[AccountUserRole](ctx, c, objectAccountUserRole, expr, token)
}

// CreateAccountUserRole gives a user a role in the account (creating and inviting the user when the e-mail
// is new). AccountID defaults to the client's account. A create is not repeated when its outcome is unknown
// (see transport's retry policy): on Unavailable, read the links again before retrying.
func (c *Client) CreateAccountUserRole(ctx context.Context, in AccountUserRole) (AccountUserRole, error) {
	if in.AccountID == "" {
		in.AccountID = c.accountID
	}
	in.ID = ""
	return createObject(ctx, c, objectAccountUserRole, in)
}

// DeleteAccountUserRole removes one user-role link by its id (from a query). Deleting a user's last link
// removes the user from the account.
func (c *Client) DeleteAccountUserRole(ctx context.Context, id string) error {
	return deleteObject(ctx, c, objectAccountUserRole, id)
}
