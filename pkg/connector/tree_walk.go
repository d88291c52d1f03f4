package connector

import (
	"context"
	"fmt"
	"slices"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/conductorone/baton-sdk/pkg/types/grant"
	rs "github.com/conductorone/baton-sdk/pkg/types/resource"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
)

// treeLinks is one page of the links of the governed sub-accounts, with where a walk goes after it.
type treeLinks struct {
	boomi.Page[boomi.AccountUserRole]
	// account is the sub-account the page belongs to; nextAccount the governed one after it ("" = none).
	account, nextAccount string
}

// advance returns the results of this page of w's phase: on to the account's next page, the next governed
// account's first page, or the next phase.
func (l treeLinks) advance(w *walk) *rs.SyncOpResults {
	switch {
	case l.NextToken != "":
		return w.moveTo(l.account, l.NextToken)
	case l.nextAccount != "":
		return w.moveTo(l.nextAccount, "")
	}
	return w.next("")
}

// treeLinkPage returns the links page that w's state names: a governed sub-account (w.resource(); "" is the
// first governed account) at a Boomi token. With no governed account the page is empty and the walk moves on;
// an account that is not governed was not named by this sync's tokens, and the token is refused.
func (r *platformReads) treeLinkPage(ctx context.Context, st syncCache, w *walk) (treeLinks, error) {
	rec, err := r.loadTree(ctx, st)
	if err != nil {
		return treeLinks{}, err
	}
	governed := rec.governed()
	if len(governed) == 0 {
		return treeLinks{}, nil
	}
	account := w.resource()
	if account == "" {
		account = governed[0]
	}
	i := slices.Index(governed, account)
	if i < 0 {
		return treeLinks{}, w.refuse()
	}
	page, err := r.subAccountUserRolePage(ctx, st, account, w.token())
	if err != nil {
		return treeLinks{}, fmt.Errorf("reading the user roles of sub-account %s: %w", account, err)
	}
	out := treeLinks{Page: page, account: account}
	if i+1 < len(governed) {
		out.nextAccount = governed[i+1]
	}
	return out, nil
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
