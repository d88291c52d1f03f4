package connector

import (
	"context"
	"encoding/json"
	"fmt"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/conductorone/baton-sdk/pkg/types/grant"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
)

// treeCursor is the position of a walk over the governed sub-accounts' AccountUserRole pages: which
// account, and Boomi's queryToken within it. Encoded, it is the Token of a walkToken phase.
type treeCursor struct {
	Account string `json:"a"`
	Token   string `json:"t,omitempty"`
}

func (t treeCursor) encode() string {
	out, _ := json.Marshal(t) // two strings: cannot fail
	return string(out)
}

// treeLinkPage returns one page of the links of the governed sub-accounts, the account it belongs to, and
// the cursor of the next page ("" after the last page of the last governed account). The cursor "" starts
// at the first governed account; with none, the page is empty and the walk ends.
func (c *Boomi) treeLinkPage(ctx context.Context, st syncCache, cursor string) (string, boomi.Page[boomi.AccountUserRole], string, error) {
	rec, err := c.loadTree(ctx, st)
	if err != nil {
		return "", boomi.Page[boomi.AccountUserRole]{}, "", err
	}
	governed := rec.governed()
	if len(governed) == 0 {
		return "", boomi.Page[boomi.AccountUserRole]{}, "", nil
	}
	cur := treeCursor{Account: governed[0]}
	if cursor != "" {
		if err := json.Unmarshal([]byte(cursor), &cur); err != nil || cur.Account == "" {
			return "", boomi.Page[boomi.AccountUserRole]{}, "", status.Errorf(codes.InvalidArgument,
				"the page token %q was not issued by this connector; restart the sync", cursor)
		}
	}
	page, err := c.subAccountUserRolePage(ctx, st, cur.Account, cur.Token)
	if err != nil {
		return "", boomi.Page[boomi.AccountUserRole]{}, "", fmt.Errorf("reading the user roles of sub-account %s: %w", cur.Account, err)
	}
	next := ""
	if page.NextToken != "" {
		next = treeCursor{Account: cur.Account, Token: page.NextToken}.encode()
	} else {
		for i, id := range governed {
			if id == cur.Account && i+1 < len(governed) {
				next = treeCursor{Account: governed[i+1]}.encode()
			}
		}
	}
	return cur.Account, page, next, nil
}

// directAccountGrants turns one sub-account's links into grants of account:<accountId>:<roleId> to users.
// The account is the one the page was read from (links may omit accountId).
func directAccountGrants(accountID string, links []boomi.AccountUserRole) []*v2.Grant {
	account := resourceStub(accountResourceType, accountID)
	out := make([]*v2.Grant, 0, len(links))
	for _, l := range links {
		if l.UserID == "" || l.RoleID == "" {
			continue
		}
		out = append(out, grant.NewGrant(account, l.RoleID, resourceIDOf(userResourceType, l.UserID)))
	}
	return out
}
