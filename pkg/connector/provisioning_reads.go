package connector

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
)

// Fresh reads for provisioning. Every function here sends Boomi QUERY requests (POST, never cached) and
// walks all pages, so a decision is always taken on the state Boomi holds now — never on the sync's page
// cache or on data carried inside a grant. A single user has at most a handful of links, so "all pages" is
// one request in practice.

// readAll walks every page of one fresh query (boomi.ReadAllPages) and names what was read in
// the error.
func readAll[T any](ctx context.Context, what string, fetch pageFetcher[T]) ([]T, error) {
	items, err := boomi.ReadAllPages(ctx, fetch)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", what, err)
	}
	return items, nil
}

// sameUser compares Boomi user ids (login e-mails). Boomi treats them case-insensitively; the query engine
// may or may not, so results are filtered again here.
func sameUser(a, b string) bool {
	return strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(b))
}

// userIDFilter matches a user id in a QUERY. UNCONFIRMED(userid-equals-case) (docs/boomi-api.md#accountuserrole lists userId as a query
// property but not how EQUALS treats case): Boomi treats login e-mails case-insensitively when it adds a
// user, but its EQUALS may compare exactly. A full scan to compare case-insensitively would cost up to 100
// pages on a 10,000-user account, so the filter asks for the id as given and its lower-case form, which
// covers the common case of an id stored in lower case and typed with capitals. Results are filtered
// again with sameUser.
func userIDFilter(property, userID string) *boomi.Expression {
	lower := strings.ToLower(userID)
	if lower == userID {
		return boomi.Equals(property, userID)
	}
	return boomi.Or(boomi.Equals(property, userID), boomi.Equals(property, lower))
}

// lockUserAndRead takes userID's provisioning lock and then reads, fresh and under it, what the change
// decides on (the user's role links, account-group role links or federation records): the start of every
// write to a user. The
// caller defers the returned unlock; on error nothing is held.
func lockUserAndRead[T any](ctx context.Context, c *boomi.Client, userID string,
	read func(context.Context, *boomi.Client, string) ([]T, error),
) (func(), []T, error) {
	unlock, err := provisioningLocks.lockUser(ctx, c.AccountID(), userID)
	if err != nil {
		return nil, nil, err
	}
	links, err := read(ctx, c, userID)
	if err != nil {
		unlock()
		return nil, nil, err
	}
	return unlock, links, nil
}

// accountUserRolesOf returns every AccountUserRole link of userID in the connector's account.
func accountUserRolesOf(ctx context.Context, c *boomi.Client, userID string) ([]boomi.AccountUserRole, error) {
	return linksOfUser(ctx, "the account roles", userID, c.QueryAccountUserRoles,
		func(l boomi.AccountUserRole) string { return l.UserID })
}

// accountGroupUserRolesOf returns every AccountGroupUserRole link of userID, in every account group.
func accountGroupUserRolesOf(ctx context.Context, c *boomi.Client, userID string) ([]boomi.AccountGroupUserRole, error) {
	return linksOfUser(ctx, "the account-group roles", userID, c.QueryAccountGroupUserRoles,
		func(l boomi.AccountGroupUserRole) string { return l.UserID })
}

// linksOfUser queries the links of userID (userIDFilter) and keeps those whose user (userOf) is userID. A
// user with no link is assumed to answer an empty QueryResult, not an error (UNCONFIRMED(userrole-no-match-empty)).
func linksOfUser[T any](ctx context.Context, what, userID string,
	query func(context.Context, *boomi.Expression, string) (boomi.Page[T], error), userOf func(T) string,
) ([]T, error) {
	links, err := readAll(ctx, what+" of "+userID, func(ctx context.Context, token string) (boomi.Page[T], error) {
		return query(ctx, userIDFilter("userId", userID), token)
	})
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(links, func(l T) bool { return !sameUser(userOf(l), userID) }), nil
}

// federationsFor returns the AccountUserFederation records that either belong to userID or carry
// federationID (federationID "" = only the user's own records). One query answers both questions the SSO
// paths ask: "does this user already have a record?" and "is this federation id taken by someone else?".
func federationsFor(ctx context.Context, c *boomi.Client, userID, federationID string) ([]boomi.AccountUserFederation, error) {
	expr := userIDFilter("userId", userID)
	if federationID != "" {
		expr = boomi.Or(expr, boomi.Equals("federationId", federationID))
	}
	recs, err := readAll(ctx, "the SSO federation records of "+userID, func(ctx context.Context, token string) (boomi.Page[boomi.AccountUserFederation], error) {
		return c.QueryAccountUserFederations(ctx, expr, token)
	})
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(recs, func(r boomi.AccountUserFederation) bool {
		return !sameUser(r.UserID, userID) && (federationID == "" || r.FederationID != federationID)
	}), nil
}

// userFederationsOf returns userID's own AccountUserFederation records.
func userFederationsOf(ctx context.Context, c *boomi.Client, userID string) ([]boomi.AccountUserFederation, error) {
	return federationsFor(ctx, c, userID, "")
}

// allFederations reads every AccountUserFederation record of the account (one query, all pages).
func allFederations(ctx context.Context, c *boomi.Client) ([]boomi.AccountUserFederation, error) {
	return readAll(ctx, "the SSO federation records of account "+c.AccountID(), func(ctx context.Context, token string) (boomi.Page[boomi.AccountUserFederation], error) {
		return c.QueryAccountUserFederations(ctx, nil, token)
	})
}

// roleLink is a Boomi link that gives a role: an AccountUserRole (user) or an EnvironmentRole (environment).
type roleLink interface{ GrantedRoleID() string }

// holdsRole reports whether any link carries roleID.
func holdsRole[L roleLink](links []L, roleID string) bool {
	for _, l := range links {
		if sameRole(l.GrantedRoleID(), roleID) {
			return true
		}
	}
	return false
}
