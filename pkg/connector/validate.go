package connector

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
)

// Validate makes two cheap calls:
//  1. GET /Account/{accountId}: proves the host, the credentials and that the token owner belongs to the
//     account (it needs only the API Access privilege);
//  2. a Role query for one name: proves the Account Administrator privilege every sync object needs.
//
// A failure becomes one sentence naming the cause and the fix. The first call fails fast when the host
// cannot be reached at all (connection refused, unknown host): that is a wrong --base-url, not a fault
// that heals while the transport backs off.
func validateAccess(ctx context.Context, c *boomi.Client) error {
	if _, err := c.GetAccount(boomi.FailFast(ctx), c.AccountID()); err != nil {
		return explainValidationError(err, c.AccountID())
	}
	if _, err := c.QueryRoles(ctx, boomi.Equals("name", "Standard User"), ""); err != nil {
		return explainValidationError(err, c.AccountID())
	}
	return nil
}

// validationCause is one recognisable reason Boomi refuses the connector.
type validationCause struct {
	httpStatus int
	// patterns: any of these (lower-case) substrings of Boomi's message identifies the cause.
	patterns []string
	code     codes.Code
	// sentence is the whole error message; %s is the account id where the sentence uses it.
	sentence string
}

// validationCauses — UNCONFIRMED(validation-error-texts): Boomi's exact error texts for these cases are not published. The
// patterns match the simulator's error messages (pkg/boomisim) and the words Boomi's documentation uses
// for each feature; correct them here when a real tenant shows its texts. The order matters: the first
// match wins, most specific first.
//
// A missing privilege may come as HTTP 400 as well as 403: Boomi's API-errors page lists "missing
// credentials or unauthorized access" under 400, and its sibling Data Hub API answers a missing privilege
// with 400 "does not have access rights to this functionality" (docs/reliability.md). Each privilege
// cause is therefore listed for both statuses (privilegeCauses below), and bad credentials may come as 403
// "Incorrect user name and password combination".
var validationCauses = append([]validationCause{
	{
		httpStatus: 401, patterns: []string{"token authentication is not enabled", "api token feature", "tokens are not enabled", "platform api tokens"},
		code: codes.FailedPrecondition,
		sentence: "Boomi refused the API token because the Platform API Tokens feature is switched off for account %s: an administrator must enable it under " +
			"Settings > Account Information and Setup > Platform API Tokens",
	},
	{
		httpStatus: 401, patterns: []string{"invalid credentials", "user name or the api token", "bad credentials", "authentication failed"},
		code:     codes.Unauthenticated,
		sentence: "Boomi rejected the e-mail or API token for account %s: check that --boomi-email is the login e-mail of the token's owner and --boomi-api-token is a current, unrevoked token",
	},
	{
		httpStatus: 403, patterns: []string{"incorrect user name and password"},
		code:     codes.Unauthenticated,
		sentence: "Boomi rejected the e-mail or API token for account %s: check that --boomi-email is the login e-mail of the token's owner and --boomi-api-token is a current, unrevoked token",
	},
}, privilegeCauses(403, 400)...)

// privilegeCauses are the missing-privilege causes, once per status Boomi may use for them.
func privilegeCauses(statuses ...int) []validationCause {
	var out []validationCause
	for _, httpStatus := range statuses {
		out = append(out,
			validationCause{
				httpStatus: httpStatus, patterns: []string{"api access"},
				code:     codes.PermissionDenied,
				sentence: "the Boomi user lacks the API Access privilege in account %s: give one of the user's roles the API Access privilege (or use an Administrator's token)",
			},
			validationCause{
				httpStatus: httpStatus, patterns: []string{"account_admin", "account administration", "account administrator"},
				code: codes.PermissionDenied,
				sentence: "the Boomi user lacks the Account Administrator privilege in account %s that reading users, roles and account groups needs: give the user " +
					"the Administrator role or a role with Account Administration",
			},
			validationCause{
				httpStatus: httpStatus, patterns: []string{"no access to account", "not a member of", "does not have access to account"},
				code:     codes.PermissionDenied,
				sentence: "the API token's owner does not belong to account %s: check --boomi-account-id (Settings > Account Information and Setup) or use a token of a user of that account",
			},
			validationCause{
				httpStatus: httpStatus, patterns: []string{"access rights", "unauthorized access", "insufficient permissions"},
				code:     codes.PermissionDenied,
				sentence: "the Boomi user lacks a privilege the connector needs in account %s: give the user the Administrator role, or a role with API Access and Account Administration",
			},
		)
	}
	return out
}

// explainValidationError turns a failed validation call into one sentence.
func explainValidationError(err error, accountID string) error {
	code := status.Code(err)
	httpStatus := boomi.HTTPStatus(err)
	vendor := boomi.VendorMessage(err)
	lower := strings.ToLower(vendor)
	for _, cause := range validationCauses {
		if cause.httpStatus != httpStatus {
			continue
		}
		for _, p := range cause.patterns {
			if strings.Contains(lower, p) {
				return status.Error(cause.code, fmt.Sprintf(cause.sentence, accountID))
			}
		}
	}
	switch {
	case httpStatus == 401:
		return status.Errorf(codes.Unauthenticated,
			"Boomi refused the credentials for account %s (HTTP 401: %s): check --boomi-email and --boomi-api-token, and that the Platform API Tokens feature is switched on for the account",
			accountID, orUnknown(vendor))
	case httpStatus == 403:
		return status.Errorf(codes.PermissionDenied,
			"Boomi denied access to account %s (HTTP 403: %s): check that --boomi-account-id is an account the token's owner belongs to and that the owner has "+
				"the API Access and Account Administrator privileges",
			accountID, orUnknown(vendor))
	case httpStatus == 0 && code == codes.Unavailable:
		// No answer at all. The transport has already retried; the SDK would retry Validate again on
		// Unavailable, which only delays the message for a wrong host, so report it as a precondition.
		return status.Errorf(codes.FailedPrecondition,
			"Boomi could not be reached (%s): check --base-url (https://api.boomi.com, or https://api.platform.gb.boomi.com in Europe), DNS, proxy and TLS settings",
			networkCause(err))
	}
	return err
}

func orUnknown(msg string) string {
	if msg == "" {
		return "no message"
	}
	return msg
}

// networkCause is the transport's description of the network failure (it never contains secrets).
func networkCause(err error) string {
	var te *boomi.Error
	if errors.As(err, &te) {
		return te.Error()
	}
	return err.Error()
}
