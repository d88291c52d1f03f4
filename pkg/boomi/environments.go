package boomi

import (
	"context"
	"encoding/json"
)

const (
	objectEnvironment     = "Environment"
	objectEnvironmentRole = "EnvironmentRole"
)

// Environment classifications (docs/access-report.md): accounts with Unlimited environment support classify
// each environment PROD or TEST; on Basic support every environment is PROD.
const (
	ClassificationProd = "PROD"
	ClassificationTest = "TEST"
)

// Environment is a Boomi runtime environment. Reading it needs API plus Runtime Management
// (ATOM_MANAGEMENT) or Runtime Management Read Access (ATOM_MANAGEMENT_READ_ONLY).
type Environment struct {
	ID             string
	Name           string
	Classification string // PROD or TEST
}

// UnmarshalJSON tolerates non-string scalars and ignores "@type" and fields the connector does not use.
func (e *Environment) UnmarshalJSON(data []byte) error {
	var wire struct {
		ID             flexString `json:"id"`
		Name           flexString `json:"name"`
		Classification flexString `json:"classification"`
	}
	if err := json.Unmarshal(data, &wire); err != nil {
		return err
	}
	*e = Environment{ID: string(wire.ID), Name: string(wire.Name), Classification: string(wire.Classification)}
	return nil
}

// EnvironmentRole links a role to an environment: once an environment has at least one such link, only
// users holding a linked role can use it. Its id is a conceptual id Boomi synthesizes from the two ids;
// the connector never builds it, it reads it from a query. Writing needs API plus Environment Management
// (ENV_MANAGEMENT).
type EnvironmentRole struct {
	ID            string `json:"id,omitempty"`
	EnvironmentID string `json:"environmentId,omitempty"`
	RoleID        string `json:"roleId,omitempty"`
}

// GrantedRoleID is the role the link gives (as AccountUserRole.GrantedRoleID).
func (e EnvironmentRole) GrantedRoleID() string { return e.RoleID }

// UnmarshalJSON tolerates non-string scalars and ignores "@type".
func (e *EnvironmentRole) UnmarshalJSON(data []byte) error {
	var wire struct {
		ID            flexString `json:"id"`
		EnvironmentID flexString `json:"environmentId"`
		RoleID        flexString `json:"roleId"`
	}
	if err := json.Unmarshal(data, &wire); err != nil {
		return err
	}
	*e = EnvironmentRole{ID: string(wire.ID), EnvironmentID: string(wire.EnvironmentID), RoleID: string(wire.RoleID)}
	return nil
}

// QueryEnvironments returns one page of environments (properties: name, id, classification).
func (c *Client) QueryEnvironments(ctx context.Context, expr *Expression, token string) (Page[Environment], error) {
	return queryPage[Environment](ctx, c, objectEnvironment, expr, token)
}

// GetEnvironment reads one environment by id.
func (c *Client) GetEnvironment(ctx context.Context, id string) (Environment, error) {
	return getObject[Environment](ctx, c, objectEnvironment, id)
}

// QueryEnvironmentRoles returns one page of role-environment links (properties: environmentId, roleId;
// Boomi allows EQUALS and NOT_EQUALS).
func (c *Client) QueryEnvironmentRoles(ctx context.Context, expr *Expression, token string) (Page[EnvironmentRole], error) {
	return queryPage[EnvironmentRole](ctx, c, objectEnvironmentRole, expr, token)
}

// CreateEnvironmentRole links a role to an environment; both must exist. Not repeated when its outcome is
// unknown (see transport's retry policy): on Unavailable, query the links again before retrying.
func (c *Client) CreateEnvironmentRole(ctx context.Context, in EnvironmentRole) (EnvironmentRole, error) {
	in.ID = ""
	return createObject(ctx, c, objectEnvironmentRole, in)
}

// DeleteEnvironmentRole removes one link by its id.
func (c *Client) DeleteEnvironmentRole(ctx context.Context, id string) error {
	return deleteObject(ctx, c, objectEnvironmentRole, id)
}
