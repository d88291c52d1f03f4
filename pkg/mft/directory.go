package mft

import "context"

// ListRoles returns every MFT role with its permissions, soft-deleted ones included (see Role.Deleted).
func (c *Client) ListRoles(ctx context.Context) ([]Role, error) {
	return doList[Role](ctx, c, listRolesRoute(), nil)
}

// ListOrganizations returns the tenant's organizations (the API hides soft-deleted ones by default).
func (c *Client) ListOrganizations(ctx context.Context) ([]Organization, error) {
	return doList[Organization](ctx, c, listOrganizationsRoute(), nil)
}

// ListUsers returns the tenant's users (status, lock and sign-in data; no role or organization ids).
func (c *Client) ListUsers(ctx context.Context) ([]User, error) {
	return doList[User](ctx, c, listUsersRoute(), nil)
}

// GetUser returns one user with role and organization ids; an unknown id is a NotFound error.
func (c *Client) GetUser(ctx context.Context, id int32) (UserDetail, error) {
	var out UserDetail
	err := c.do(ctx, getUserRoute(id), nil, &out)
	return out, err
}
