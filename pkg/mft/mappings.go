package mft

import (
	"context"
	"fmt"
	"strings"
)

// ListSSOMappings returns every SSO mapping of the tenant (one request; the API does not page).
func (c *Client) ListSSOMappings(ctx context.Context) ([]SSOMapping, error) {
	return doList[SSOMapping](ctx, c, listSSOMappingsRoute(), nil)
}

// GetSSOMapping returns one mapping; an unknown id is a NotFound error.
func (c *Client) GetSSOMapping(ctx context.Context, id int32) (SSOMapping, error) {
	var out SSOMapping
	err := c.do(ctx, getSSOMappingRoute(id), nil, &out)
	return out, err
}

// CreateSSOMapping creates a mapping from the caller-owned fields of in (id, customer and audit fields are
// the server's) and returns it with its new id. An empty attribute name is refused before any request.
func (c *Client) CreateSSOMapping(ctx context.Context, in SSOMapping) (SSOMapping, error) {
	if strings.TrimSpace(in.Name()) == "" {
		return SSOMapping{}, fmt.Errorf("an SSO mapping needs an attribute name: give the IdP attribute (claim) name to match")
	}
	body := NewSSOMapping(in.Name(), in.Value(), in.IsDefault, in.RoleIDs, in.OrganizationIDs)
	body.AttributeValue = in.AttributeValue
	var out SSOMapping
	err := c.do(ctx, createSSOMappingRoute(), body, &out)
	return out, err
}

// UpdateSSOMapping replaces the mapping named by in.ID with in (send the whole object: what was read, with
// the intended change) and returns the stored result.
func (c *Client) UpdateSSOMapping(ctx context.Context, in SSOMapping) (SSOMapping, error) {
	var out SSOMapping
	err := c.do(ctx, updateSSOMappingRoute(), in, &out)
	return out, err
}

// BulkUpdateSSOMappings replaces several mappings in one request and returns the stored results.
func (c *Client) BulkUpdateSSOMappings(ctx context.Context, in []SSOMapping) ([]SSOMapping, error) {
	if len(in) == 0 {
		return nil, fmt.Errorf("a bulk update of SSO mappings needs at least one mapping")
	}
	return doList[SSOMapping](ctx, c, bulkSSOMappingsRoute(), in)
}

// DeleteSSOMapping deletes a mapping and returns how many records the server says it removed (0 when the
// mapping was already deleted).
func (c *Client) DeleteSSOMapping(ctx context.Context, id int32) (int32, error) {
	var out struct {
		RecordsAffected int32 `json:"recordsAffected"`
	}
	if err := c.do(ctx, deleteSSOMappingRoute(id), nil, &out); err != nil {
		return 0, err
	}
	return out.RecordsAffected, nil
}
