package mft

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/baton-boomi/baton-boomi/pkg/transport"
)

// ListSSOMappings returns every SSO mapping of the tenant (one request; the API does not page).
func (c *Client) ListSSOMappings(ctx context.Context) ([]SSOMapping, error) {
	return doList[SSOMapping](ctx, c, listSSOMappingsRoute(), nil)
}

// GetSSOMapping returns one mapping; an unknown id is a NotFound error. Reading one mapping by id is not a
// documented operation (UNCONFIRMED(mft-sso-mapping-get-by-id)): when the tenant answers it with 404 or 405, the
// mapping is looked up in the list, the one documented read.
func (c *Client) GetSSOMapping(ctx context.Context, id int32) (SSOMapping, error) {
	out, err := c.GetSSOMappingDirect(ctx, id)
	if !routeMissing(err) {
		return out, err
	}
	all, listErr := c.ListSSOMappings(ctx)
	if listErr != nil {
		return SSOMapping{}, listErr
	}
	if i := slices.IndexFunc(all, hasMappingID(id)); i >= 0 {
		return all[i], nil
	}
	return SSOMapping{}, status.Errorf(codes.NotFound, "MFT SSO mapping %d does not exist (it is not in the mapping list); sync again to see the current mappings", id)
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
// the intended change) and returns the stored result. Update is not a documented operation
// (UNCONFIRMED(mft-sso-mapping-update)): a 404 or 405 is Unimplemented, naming the path, never NotFound.
func (c *Client) UpdateSSOMapping(ctx context.Context, in SSOMapping) (SSOMapping, error) {
	var out SSOMapping
	r := updateSSOMappingRoute()
	err := c.do(ctx, r, in, &out)
	return out, missingOperation(err, r, "update an SSO mapping")
}

// BulkUpdateSSOMappings replaces several mappings in one request and returns the stored results. Bulk
// update is not a documented operation (UNCONFIRMED(mft-sso-mapping-bulk-update)): a 404 or 405 is
// Unimplemented, so a caller can fall back to single updates.
func (c *Client) BulkUpdateSSOMappings(ctx context.Context, in []SSOMapping) ([]SSOMapping, error) {
	if len(in) == 0 {
		return nil, fmt.Errorf("a bulk update of SSO mappings needs at least one mapping")
	}
	r := bulkSSOMappingsRoute()
	out, err := doList[SSOMapping](ctx, c, r, in)
	return out, missingOperation(err, r, "update several SSO mappings at once")
}

// ErrSSOMappingGone is returned by DeleteSSOMapping when the mapping list shows the id is not there (it was
// deleted before, or never existed).
var ErrSSOMappingGone = errors.New("the MFT SSO mapping does not exist")

// DeleteSSOMapping deletes a mapping. Delete is not a documented operation
// (UNCONFIRMED(mft-sso-mapping-delete)), and the documented deletes of other MFT objects answer
// thruStatus {data}, so any 2xx means deleted, whatever its body. A 404 or 405 may mean "no such mapping" or
// "no such route": the list (the documented read) decides. Gone from the list is ErrSSOMappingGone; still
// listed is Unimplemented, naming the path, because nothing was deleted.
func (c *Client) DeleteSSOMapping(ctx context.Context, id int32) error {
	r := deleteSSOMappingRoute(id)
	err := c.do(ctx, r, nil, nil)
	if !routeMissing(err) {
		return err
	}
	all, listErr := c.ListSSOMappings(ctx)
	if listErr != nil {
		return fmt.Errorf("deleting MFT SSO mapping %d answered HTTP %d, and the mapping list that would tell whether it is gone could not be read: %w",
			id, transport.HTTPStatus(err), listErr)
	}
	if !slices.ContainsFunc(all, hasMappingID(id)) {
		return ErrSSOMappingGone
	}
	return missingOperation(err, r, fmt.Sprintf("delete SSO mappings (mapping %d is still in the list)", id))
}

// hasMappingID matches the mapping with this id in the mapping list.
func hasMappingID(id int32) func(SSOMapping) bool {
	return func(m SSOMapping) bool { return m.ID == id }
}

// routeMissing reports whether err is the answer to a path or method the tenant does not have.
func routeMissing(err error) bool {
	st := transport.HTTPStatus(err)
	return st == http.StatusNotFound || st == http.StatusMethodNotAllowed
}

// missingOperation turns a 404/405 answer to r into Unimplemented with one sentence naming the path; any
// other error (or nil) is returned unchanged.
func missingOperation(err error, r route, what string) error {
	if !routeMissing(err) {
		return err
	}
	return status.Errorf(codes.Unimplemented,
		"this Boomi MFT tenant has no operation to %s at %s %s (HTTP %d), so nothing was changed: make the change in the MFT portal, and report the path your tenant uses (see docs/assumptions.md)",
		what, r.method, r.path, transport.HTTPStatus(err))
}
