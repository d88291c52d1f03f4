package boomisim

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"strings"
	"time"
)

// Boomi's business rules that span objects (docs/boomi-api.md#ids-and-dates): users are created by AccountUserRole, a user
// leaves an account with its last role, the 10,000-user cap, who may join account groups, and the audit
// entries these changes leave.

// maxUsersPerAccount is Boomi's documented cap of users linked to one account (docs/boomi-api.md#rate-limits).
const maxUsersPerAccount = 10000

// linkID builds the "conceptual" id of a link object from its member ids. UNCONFIRMED(link-id-format)
// (docs/boomi-api.md#ids-and-dates): Boomi shows only placeholders; a related object uses unpadded base64 of "<a>|<b>", so the simulator
// uses unpadded base64url of the members joined by "|". Clients must treat ids as opaque.
func linkID(parts ...string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(strings.Join(parts, "|")))
}

// newObjectID returns a random version-4 UUID for objects Boomi identifies by UUID (roles, groups).
func newObjectID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// formatDate writes Boomi's date format yyyy-MM-dd'T'HH:mm:ss'Z' (docs/boomi-api.md#ids-and-dates).
func formatDate(t time.Time) string { return t.UTC().Format(dateLayout) }

// findUser looks a platform user up by e-mail. Login e-mails are matched case-insensitively (UNCONFIRMED(login-email-case):
// Boomi user names behave so in the UI); the stored spelling is kept.
func findUser(st *State, email string) *PlatformUser {
	if u := st.Users[email]; u != nil {
		return u
	}
	for key, u := range st.Users {
		if u != nil && (strings.EqualFold(key, email) || strings.EqualFold(u.Email, email)) {
			return u
		}
	}
	return nil
}

// sameUser compares user ids the way findUser does.
func sameUser(a, b string) bool { return strings.EqualFold(a, b) }

// findRole returns a role visible in acct (a built-in one or one of the account's custom roles) and
// whether it is built in; nil when there is no such role.
func findRole(acct *AccountState, id string) (*Role, bool) {
	if r, ok := builtinRoleIndex[id]; ok {
		return &r, true
	}
	for i := range acct.Roles {
		if acct.Roles[i].ID == id {
			return &acct.Roles[i], false
		}
	}
	return nil, false
}

// accountUserCount is the number of distinct users holding at least one role in acct.
func accountUserCount(acct *AccountState) int {
	seen := make(map[string]bool, len(acct.UserRoles))
	for _, l := range acct.UserRoles {
		seen[strings.ToLower(l.UserID)] = true
	}
	return len(seen)
}

// userRoleCount counts the roles a user holds in acct.
func userRoleCount(acct *AccountState, userID string) int {
	n := 0
	for _, l := range acct.UserRoles {
		if sameUser(l.UserID, userID) {
			n++
		}
	}
	return n
}

// removeUserFromAccount is what happens when a user's last role goes: the user leaves the account, and
// with it (UNCONFIRMED(federation-removed-with-last-role)) the user's federation record there (docs/boomi-api.md#accountuserrole, docs/boomi-api.md#accountuserfederation).
func removeUserFromAccount(acct *AccountState, userID string) {
	kept := acct.Federations[:0]
	for _, f := range acct.Federations {
		if !sameUser(f.UserID, userID) {
			kept = append(kept, f)
		}
	}
	acct.Federations = kept
}

// audit appends an AuditLog entry to acct. actor is the API user who made the change; props name what
// changed. Boomi documents userId as the acting user; UNCONFIRMED(audit-level-source-values):
// the level/source values; the entry types/actions/modifiers follow docs/boomi-api.md#audit-log-user-status-and-last-login.
func (s *Server) audit(acct *AccountState, actor, typ, action, modifier, message string, props ...AuditLogProperty) {
	acct.AuditLogs = append(acct.AuditLogs, AuditLog{
		DocumentID: newObjectID(),
		AccountID:  acct.Account.AccountID,
		UserID:     actor,
		Date:       formatDate(s.now()),
		Type:       typ,
		Action:     action,
		Modifier:   modifier,
		Level:      "INFO",
		Source:     "API",
		Message:    message,
		Properties: props,
	})
}

// Audit vocabulary (docs/boomi-api.md#audit-log-user-status-and-last-login, Boomi's OpenAPI 3.0.3 AuditLog tag table).
const (
	auditTypeUser      = "user"
	auditTypeGroupUser = "as.accountgroup.user"
	auditActionAdd     = "ADD"
	auditActionDelete  = "DELETE"
	auditActionUpdate  = "UPDATE"
	auditModNone       = "NONE"
	auditModRole       = "ROLE"
)

// Invitation kinds (state.go).
const (
	inviteNewUser = "new-user"
	inviteAdded   = "added"
)

// wantsNotify applies Boomi's default: notifyUser absent means true (docs/boomi-api.md#accountuserrole).
func wantsNotify(p *bool) bool { return p == nil || *p }
