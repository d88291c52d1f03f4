package boomisim

import (
	"encoding/json"
	"sort"
)

// Account (docs/boomi-api.md#account): GET returns the addressed account, QUERY lists the sub-accounts the effective
// account created, bulk GET takes up to 100 ids.

var accountQuery = newQueryKind[Account](objAccount, nil,
	queryProp[Account]{"accountId", func(a *Account) string { return a.AccountID }},
	queryProp[Account]{"dateCreated", func(a *Account) string { return a.DateCreated }},
	queryProp[Account]{"expirationDate", func(a *Account) string { return a.ExpirationDate }},
	queryProp[Account]{"name", func(a *Account) string { return a.Name }},
	queryProp[Account]{"status", func(a *Account) string { return a.Status }},
	queryProp[Account]{"widgetAccount", func(a *Account) string { return boolString(a.WidgetAccount) }},
	queryProp[Account]{"overDeployed", func(a *Account) string { return boolString(a.OverDeployed) }},
)

func renderAccount(a *Account) json.RawMessage { return renderTyped(objAccount, a, nil) }

// visibleAccount returns the account if the effective account may read it: itself or an account below it.
// UNCONFIRMED(account-get-sub-account): Boomi documents GET for the addressed account only; reading a sub-account from its parent
// by id is assumed to work like the Account query that lists it.
func visibleAccount(st *State, acct *AccountState, id string) (*AccountState, *apiError) {
	target := st.Accounts[id]
	if target == nil || (id != acct.Account.AccountID && !isDescendant(st, id, acct.Account.AccountID)) {
		return nil, errNotFound(objAccount, id)
	}
	return target, nil
}

func (s *Server) accountGet(c *call) (json.RawMessage, *apiError) {
	return s.locked(c, func(st *State, acct *AccountState) (json.RawMessage, *apiError) {
		target, err := visibleAccount(st, acct, c.id)
		if err != nil {
			return nil, err
		}
		return renderAccount(&target.Account), nil
	})
}

func (s *Server) accountQuery(c *call) (json.RawMessage, *apiError) {
	return runQuery(s, c, accountQuery, func(st *State, acct *AccountState) []Account {
		var subs []Account
		for _, a := range st.Accounts {
			if a.ParentID == acct.Account.AccountID {
				subs = append(subs, a.Account)
			}
		}
		// Map order is random; pages must be stable.
		sort.Slice(subs, func(i, j int) bool { return subs[i].AccountID < subs[j].AccountID })
		return subs
	}, renderAccount)
}

func (s *Server) accountBulk(c *call) (json.RawMessage, *apiError) {
	return s.runBulkGet(c, func(st *State, acct *AccountState, id string) (json.RawMessage, *apiError) {
		target, err := visibleAccount(st, acct, id)
		if err != nil {
			return nil, err
		}
		return renderAccount(&target.Account), nil
	})
}
