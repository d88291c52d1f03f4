package boomisim

import (
	"encoding/json"
	"fmt"
	"net/http"
)

// apiError is a failure the simulator answers with Boomi's JSON error body {"@type":"Error","message":...}
// (docs/boomi-api.md#error-body). Handlers return it; the dispatcher writes it.
type apiError struct {
	status  int
	message string
}

func (e *apiError) Error() string { return fmt.Sprintf("%d: %s", e.status, e.message) }

func errorf(status int, format string, args ...any) *apiError {
	return &apiError{status: status, message: fmt.Sprintf(format, args...)}
}

// writeAPIError writes Boomi's JSON error body.
func writeAPIError(w http.ResponseWriter, e *apiError) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(e.status)
	_ = json.NewEncoder(w).Encode(map[string]string{"@type": "Error", "message": e.message})
}

// Statuses Boomi documents (docs/boomi-api.md#status-codes).
const (
	statusBadRequest   = http.StatusBadRequest   // bad syntax in URL or body
	statusUnauthorized = http.StatusUnauthorized // bad credentials
	statusForbidden    = http.StatusForbidden    // authenticated but not allowed
	statusNoEndpoint   = http.StatusNotFound     // "endpoint does not exist"
)

// UNCONFIRMED(error-statuses), in one table. Boomi's material only shows 400 for
// "not found" items inside bulk answers; every other case is a guess by analogy and can be corrected here.
const (
	statusNotFound         = http.StatusBadRequest       // GET/UPDATE/DELETE of an unknown id
	statusDuplicate        = http.StatusBadRequest       // creating a link that already exists
	statusDefaultRole      = http.StatusBadRequest       // changing or deleting a default Boomi role
	statusUserCap          = http.StatusBadRequest       // the 10,000-user cap per account
	statusNotLoggedIn      = http.StatusBadRequest       // adding a never-logged-in user to an account group
	statusBadOperator      = http.StatusBadRequest       // operator or property not allowed for the object
	statusBadQueryToken    = http.StatusBadRequest       // unknown or expired queryToken
	statusNotPrimary       = http.StatusBadRequest       // account-group writes on a non-primary account
	statusMethodNotAllowed = http.StatusMethodNotAllowed // known path, other method
	statusNotAcceptable    = http.StatusNotAcceptable    // client did not ask for JSON (Boomi would answer XML)
	statusUnsupportedMedia = http.StatusUnsupportedMediaType
)

// Authentication and authorization messages. Each case has its own text so a client (and its tests) can
// tell the user exactly what to fix. The wording is the simulator's; Boomi's own texts are
// UNCONFIRMED(error-texts) except where a constant says it quotes Boomi.
const (
	msgNoBasicAuth     = "Authentication required: send HTTP Basic credentials with the user name BOOMI_TOKEN.<login e-mail> and a Platform API token as the password."
	msgNoTokenPrefix   = "The user name must start with BOOMI_TOKEN. followed by the login e-mail when a Platform API token is used as the password."
	msgBadCredentials  = "Invalid credentials: the user name or the API token is wrong, or the token was revoked."
	msgTokensOff       = "API token authentication is not enabled for this account: switch on the Platform API Tokens feature under Settings > Account Information and Setup."
	msgNoAPIAccess     = "The user does not have the API Access privilege required to use the Platform API; give one of the user's roles the API Access privilege."
	msgNoAccountAdmin  = "The user does not have the Account Administration (ACCOUNT_ADMIN) privilege required to read or change users, roles, account groups and SSO settings."
	msgNoAccessRights  = "The authenticated user does not have access rights to this functionality."
	msgNoViewAuditLogs = "The user does not have the View Audit Logs (VIEW_AUDIT_LOGS) privilege required to read the audit log."
	msgNoRuntimeRead   = "The user does not have the Runtime Management (ATOM_MANAGEMENT) or Runtime Management Read Access " +
		"(ATOM_MANAGEMENT_READ_ONLY) privilege required to read environments and their roles."
	msgNoEnvManagement = "The user does not have the Environment Management (ENV_MANAGEMENT) privilege required to attach roles to environments or detach them."
	msgNotAcceptable   = "This endpoint answers JSON only when asked: send the header Accept: application/json (Boomi answers XML otherwise)."
)

func errNoAccountAccess(account string) *apiError {
	return errorf(statusForbidden, "The authenticated user has no access to account %q; check the account id in the URL.", account)
}

func errOverrideNotAllowed(override, caller string) *apiError {
	return errorf(statusForbidden, "overrideAccount %q is not a sub-account of %q; the authenticating account must be above it in the account hierarchy.", override, caller)
}

// errPartnerAPIDisabled: UNCONFIRMED(partner-api-disabled-answer) — Boomi documents that Partner API access
// must be enabled for the account but not what a call answers without it; the simulator answers 403.
func errPartnerAPIDisabled(caller string) *apiError {
	return errorf(statusForbidden, "Partner API access is not enabled for account %q; contact Boomi support to enable it.", caller)
}

func errOverrideOnPlatformBase() *apiError {
	return errorf(statusForbidden, "overrideAccount is only accepted on the Partner API base /partner/api/rest/v1/{accountId}/.")
}

// errWrongCaseObject is Boomi's answer to an object name spelt in the wrong case, such as the older spec's
// GetAssignableRoles: 400 "Unknown objectType" (observed by the boomi-python live tests, docs/boomi-api.md#roles).
func errWrongCaseObject(segment string) *apiError {
	return errorf(statusBadRequest, "Unknown objectType: %s", segment)
}

func errUnknownEndpoint(path string) *apiError {
	return errorf(statusNoEndpoint, "Unknown endpoint %q: no such object or operation in the Platform API.", path)
}

func errMethodNotAllowed(method, path string) *apiError {
	return errorf(statusMethodNotAllowed, "%s is not supported on %q.", method, path)
}

func errUnsupportedMedia(contentType string) *apiError {
	return errorf(statusUnsupportedMedia, "Unsupported Content-Type %q: send JSON with Content-Type: application/json.", contentType)
}

// Request-body messages.
func errMalformedJSON(err error) *apiError {
	return errorf(statusBadRequest, "The request body is not valid JSON: %v.", err)
}

func errEmptyBody(object string) *apiError {
	return errorf(statusBadRequest, "The request body is empty; send a JSON %s object.", object)
}

func errMissingField(object, field string) *apiError {
	return errorf(statusBadRequest, "%s field %q is required.", object, field)
}

func errBadFieldValue(object, field, value, allowed string) *apiError {
	return errorf(statusBadRequest, "%s field %q has the value %q; allowed: %s.", object, field, value, allowed)
}

func errAccountMismatch(object, given, effective string) *apiError {
	return errorf(statusBadRequest, "%s accountId %q does not match the account %q the request acts on.", object, given, effective)
}

func errIDMismatch(object, bodyID, pathID string) *apiError {
	return errorf(statusBadRequest, "%s id %q in the body does not match the id %q in the URL.", object, bodyID, pathID)
}

// Query messages.
const (
	msgFilterNeedsOperator = "Every query expression needs an operator (a comparison such as EQUALS, or and/or with nestedExpression)."
	msgGroupingNeedsNested = "A grouping expression (and/or) needs at least one nestedExpression."
	msgGroupingWithProp    = "A grouping expression (and/or) takes nestedExpression only, not property or argument."
	msgQueryTokenMissing   = "queryMore needs the queryToken of the previous page as the request body."
	msgQueryTokenUnknown   = "The queryToken is unknown or has expired; run the query again from the first page."
)

func errUnknownOperator(op string) *apiError {
	return errorf(statusBadRequest, "Unknown query operator %q.", op)
}

func errUnknownProperty(object, prop string, allowed []string) *apiError {
	return errorf(statusBadOperator, "%s cannot be queried by property %q; queryable properties: %v.", object, prop, allowed)
}

func errOperatorNotAllowed(object, op string, allowed []string) *apiError {
	return errorf(statusBadOperator, "%s queries do not support the operator %s; supported: %v.", object, op, allowed)
}

func errArgumentCount(op string, want, got int) *apiError {
	return errorf(statusBadRequest, "Operator %s takes %d argument(s), got %d.", op, want, got)
}

func errMissingProperty(op string) *apiError {
	return errorf(statusBadRequest, "Operator %s needs a property.", op)
}

func errQueryTokenObject(object string) *apiError {
	return errorf(statusBadQueryToken, "The queryToken belongs to another query, not to %s in this account; use the token returned by that query.", object)
}

// Bulk messages.
func errBulkType(t string) *apiError {
	return errorf(statusBadRequest, "Bulk type %q is not supported here; only GET is.", t)
}

func errBulkSize(n int) *apiError {
	return errorf(statusBadRequest, "A bulk request takes between 1 and %d ids; got %d.", maxBulkIDs, n)
}

// Object messages.
func errNotFound(object, id string) *apiError {
	return errorf(statusNotFound, "%s with id %q does not exist in this account.", object, id)
}

const msgDefaultRoles = "Cannot modify default Boomi roles" // quoted by Boomi's Role documentation (docs/boomi-api.md#roles)

func errDefaultRole() *apiError {
	return &apiError{status: statusDefaultRole, message: msgDefaultRoles}
}

func errUnknownRole(roleID string) *apiError {
	return errorf(statusBadRequest, "Role %q does not exist in this account; use an id from Role/query or getAssignableRoles.", roleID)
}

func errRoleNotAssignable(roleID string) *apiError {
	return errorf(statusBadRequest, "Role %q cannot be assigned through the API; assign it in the Boomi user interface.", roleID)
}

func errRoleInUse(roleID string, holders int) *apiError {
	return errorf(statusBadRequest, "Role %q is still assigned %d time(s); remove those assignments before deleting the role.", roleID, holders)
}

func errUnknownParentRole(parentID string) *apiError {
	return errorf(statusBadRequest, "Parent role %q does not exist; parentId must name an existing role.", parentID)
}

func errDuplicateUserRole(userID, roleID string) *apiError {
	return errorf(statusDuplicate, "User %q already has role %q in this account.", userID, roleID)
}

func errDuplicateGroupUserRole(userID, roleID, groupID string) *apiError {
	return errorf(statusDuplicate, "User %q already has role %q in account group %q.", userID, roleID, groupID)
}

func errDuplicateGroupAccount(accountID, groupID string) *apiError {
	return errorf(statusDuplicate, "Account %q is already in account group %q.", accountID, groupID)
}

func errUserCap(limit int) *apiError {
	return errorf(statusUserCap, "This account already has the maximum of %d users; remove users before adding new ones.", limit)
}

func errBadUserID(userID string) *apiError {
	return errorf(statusBadRequest, "userId %q is not an e-mail address; users are identified by their login e-mail.", userID)
}

func errUserNotLoggedIn(userID string) *apiError {
	return errorf(statusNotLoggedIn, "User %q has never logged in to the platform; only users who have signed in at least once can be added to an account group.", userID)
}

func errNotPrimary(account string) *apiError {
	return errorf(statusNotPrimary, "Account %q is not a primary account; account groups exist only on primary accounts that manage other accounts.", account)
}

func errUnknownGroup(groupID string) *apiError {
	return errorf(statusBadRequest, "Account group %q does not exist in this primary account.", groupID)
}

func errGroupAccountNotManaged(accountID string) *apiError {
	return errorf(statusBadRequest, "Account %q is neither this primary account nor one of its sub-accounts.", accountID)
}

func errDuplicateFederationID(federationID string) *apiError {
	return errorf(statusDuplicate, "Federation id %q is already used by another user in this account; federation ids must be unique per account.", federationID)
}

func errDuplicateFederationUser(userID string) *apiError {
	return errorf(statusDuplicate, "User %q already has a federation id in this account; update that record instead.", userID)
}

// UNCONFIRMED(environment-role-write-refusal): the status and text Boomi answers when the account cannot
// restrict environments to roles are not published; the simulator answers 403 like a missing privilege.
func errEnvironmentRolesOff(account string) *apiError {
	return errorf(statusForbidden, "Account %q cannot restrict environments to roles: its edition does not include environment access restrictions.", account)
}

func errUnknownEnvironment(environmentID string) *apiError {
	return errorf(statusBadRequest, "Environment %q does not exist in this account; use an id from Environment/query.", environmentID)
}

func errDuplicateEnvironmentRole(environmentID, roleID string) *apiError {
	return errorf(statusDuplicate, "Role %q is already attached to environment %q.", roleID, environmentID)
}
