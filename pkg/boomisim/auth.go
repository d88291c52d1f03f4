package boomisim

import (
	"crypto/subtle"
	"net/http"
	"strings"
)

// tokenUserPrefix starts the Basic-auth user name of every Platform API token login (docs/boomi-api.md#authentication).
const tokenUserPrefix = "BOOMI_TOKEN."

// authorize checks r's credentials for c.caller (and, on the Partner base, overrideAccount) and the
// privilege the route needs, and fills in c.user and c.account. The checks run in the order a client can
// act on them: who you are (401), then which account (403), then what you may do there (403).
func (s *Server) authorize(r *http.Request, c *call, partner bool, need privilege) *apiError {
	username, token, ok := r.BasicAuth()
	if !ok {
		return &apiError{status: statusUnauthorized, message: msgNoBasicAuth}
	}
	if !strings.HasPrefix(username, tokenUserPrefix) {
		return &apiError{status: statusUnauthorized, message: msgNoTokenPrefix}
	}
	email := strings.TrimPrefix(username, tokenUserPrefix)

	s.mu.Lock()
	defer s.mu.Unlock()
	cred := findCredential(s.state.Credentials, email, token)
	if cred == nil {
		return &apiError{status: statusUnauthorized, message: msgBadCredentials}
	}
	if cred.TokensOff {
		return &apiError{status: statusUnauthorized, message: msgTokensOff}
	}
	if !containsString(cred.Accounts, c.caller) || s.state.Accounts[c.caller] == nil {
		return errNoAccountAccess(c.caller)
	}
	if cred.NoAPI {
		return s.privilegeError(msgNoAPIAccess)
	}
	if partner && s.state.Accounts[c.caller].PartnerAPIDisabled {
		return errPartnerAPIDisabled(c.caller)
	}
	if override := r.URL.Query().Get("overrideAccount"); override != "" && override != c.caller {
		// UNCONFIRMED(override-on-platform-base) (docs/boomi-api.md#partner-api-and-overrideaccount): whether the plain Platform base honours overrideAccount. The
		// simulator refuses it there, so a client that needs a sub-account must use the Partner base.
		if !partner {
			return errOverrideOnPlatformBase()
		}
		if s.state.Accounts[override] == nil || !isDescendant(s.state, override, c.caller) {
			return errOverrideNotAllowed(override, c.caller)
		}
		c.account = override
	}
	switch {
	case need == privAdmin && cred.NoAdmin:
		return s.privilegeError(msgNoAccountAdmin)
	case need == privAuditLogs && cred.NoAudit:
		return s.privilegeError(msgNoViewAuditLogs)
	case (need == privRuntimeRead || need == privEnvManagement) && cred.NoRuntimeRead:
		return s.privilegeError(msgNoRuntimeRead)
	case need == privEnvManagement && cred.NoEnvManagement:
		return s.privilegeError(msgNoEnvManagement)
	}
	c.user = cred.Email
	return nil
}

// privilegeError is the answer to a request the user lacks a privilege for: 403 with msg, or under
// Options.PrivilegeErrorStatus 400 the generic access-rights text.
func (s *Server) privilegeError(msg string) *apiError {
	if s.privilegeStatus == statusBadRequest {
		return &apiError{status: statusBadRequest, message: msgNoAccessRights}
	}
	return &apiError{status: statusForbidden, message: msg}
}

// findCredential returns the credential whose e-mail (case-insensitively: it is a login name) and token
// match. A user may hold several tokens (Boomi allows five), hence several credentials.
func findCredential(creds []Credential, email, token string) *Credential {
	var found *Credential
	for i := range creds {
		cr := &creds[i]
		// Compare every token in constant time so timing does not reveal which credential was close.
		tokenOK := subtle.ConstantTimeCompare([]byte(cr.Token), []byte(token)) == 1
		if tokenOK && strings.EqualFold(cr.Email, email) && found == nil {
			found = cr
		}
	}
	return found
}

// isDescendant reports whether account sits below ancestor in the account hierarchy (ParentID chain).
func isDescendant(st *State, account, ancestor string) bool {
	seen := map[string]bool{}
	for cur := st.Accounts[account]; cur != nil && cur.ParentID != "" && !seen[cur.ParentID]; cur = st.Accounts[cur.ParentID] {
		if cur.ParentID == ancestor {
			return true
		}
		seen[cur.ParentID] = true
	}
	return false
}

func containsString(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
