package boomi

import (
	"context"
	"encoding/json"
)

const (
	objectAccountGroup         = "AccountGroup"
	objectAccountGroupAccount  = "AccountGroupAccount"
	objectAccountGroupUserRole = "AccountGroupUserRole"
)

// AccountGroup groups accounts under a primary account; users get roles on a group (AccountGroupUserRole)
// and thereby reach its member accounts (AccountGroupAccount). Only primary accounts have groups.
type AccountGroup struct {
	ID                      string
	AccountID               string
	Name                    string
	DefaultGroup            bool // the automatic "All Accounts" group
	AutoSubscribeAlertLevel string
}

// UnmarshalJSON tolerates non-string scalars and ignores "@type" and the resources shared with the group
// (a GET of one group lists them; nothing here reads them).
func (g *AccountGroup) UnmarshalJSON(data []byte) error {
	var wire struct {
		ID                      flexString `json:"id"`
		AccountID               flexString `json:"accountId"`
		Name                    flexString `json:"name"`
		DefaultGroup            flexBool   `json:"defaultGroup"`
		AutoSubscribeAlertLevel flexString `json:"autoSubscribeAlertLevel"`
	}
	if err := json.Unmarshal(data, &wire); err != nil {
		return err
	}
	*g = AccountGroup{
		ID: string(wire.ID), AccountID: string(wire.AccountID), Name: string(wire.Name),
		DefaultGroup: wire.DefaultGroup.value, AutoSubscribeAlertLevel: string(wire.AutoSubscribeAlertLevel),
	}
	return nil
}

// AccountGroupAccount says that an account belongs to an account group.
type AccountGroupAccount struct {
	ID             string `json:"id,omitempty"`
	AccountGroupID string `json:"accountGroupId,omitempty"`
	AccountID      string `json:"accountId,omitempty"`
}

// UnmarshalJSON tolerates non-string scalars and ignores "@type".
func (a *AccountGroupAccount) UnmarshalJSON(data []byte) error {
	var wire struct {
		ID             flexString `json:"id"`
		AccountGroupID flexString `json:"accountGroupId"`
		AccountID      flexString `json:"accountId"`
	}
	if err := json.Unmarshal(data, &wire); err != nil {
		return err
	}
	*a = AccountGroupAccount{ID: string(wire.ID), AccountGroupID: string(wire.AccountGroupID), AccountID: string(wire.AccountID)}
	return nil
}

// AccountGroupUserRole gives a user a role in an account group. The user must have logged in to Boomi at
// least once; unlike AccountUserRole this does not create users. There is no accountId field.
type AccountGroupUserRole struct {
	ID             string `json:"id,omitempty"`
	AccountGroupID string `json:"accountGroupId,omitempty"`
	UserID         string `json:"userId,omitempty"`
	RoleID         string `json:"roleId,omitempty"`
	FirstName      string `json:"firstName,omitempty"`
	LastName       string `json:"lastName,omitempty"`
	NotifyUser     *bool  `json:"notifyUser,omitempty"`
}

// UnmarshalJSON tolerates notifyUser sent as a string and ignores "@type" and unknown fields.
func (a *AccountGroupUserRole) UnmarshalJSON(data []byte) error {
	var wire struct {
		ID             flexString `json:"id"`
		AccountGroupID flexString `json:"accountGroupId"`
		UserID         flexString `json:"userId"`
		RoleID         flexString `json:"roleId"`
		FirstName      flexString `json:"firstName"`
		LastName       flexString `json:"lastName"`
		NotifyUser     flexBool   `json:"notifyUser"`
	}
	if err := json.Unmarshal(data, &wire); err != nil {
		return err
	}
	*a = AccountGroupUserRole{
		ID: string(wire.ID), AccountGroupID: string(wire.AccountGroupID), UserID: string(wire.UserID),
		RoleID: string(wire.RoleID), FirstName: string(wire.FirstName), LastName: string(wire.LastName),
		NotifyUser: wire.NotifyUser.ptr(),
	}
	return nil
}

// QueryAccountGroups returns one page of account groups.
func (c *Client) QueryAccountGroups(ctx context.Context, expr *Expression, token string) (Page[AccountGroup], error) {
	return queryPage[AccountGroup](ctx, c, objectAccountGroup, expr, token)
}

// QueryAccountGroupAccounts returns one page of group memberships (properties: accountGroupId, accountId).
func (c *Client) QueryAccountGroupAccounts(ctx context.Context, expr *Expression, token string) (Page[AccountGroupAccount], error) {
	return queryPage[AccountGroupAccount](ctx, c, objectAccountGroupAccount, expr, token)
}

// QueryAccountGroupUserRoles returns one page of user-role-group links (properties: accountGroupId, userId, roleId).
func (c *Client) QueryAccountGroupUserRoles(ctx context.Context, expr *Expression, token string) (Page[AccountGroupUserRole], error) {
	return queryPage[AccountGroupUserRole](ctx, c, objectAccountGroupUserRole, expr, token)
}

// CreateAccountGroupUserRole gives a user a role in an account group. Not repeated when its outcome is
// unknown (see transport's retry policy): on Unavailable, read the links again before retrying.
func (c *Client) CreateAccountGroupUserRole(ctx context.Context, in AccountGroupUserRole) (AccountGroupUserRole, error) {
	in.ID = ""
	return createObject(ctx, c, objectAccountGroupUserRole, in)
}

// DeleteAccountGroupUserRole removes one user-role-group link by its id (from a query).
func (c *Client) DeleteAccountGroupUserRole(ctx context.Context, id string) error {
	return deleteObject(ctx, c, objectAccountGroupUserRole, id)
}
