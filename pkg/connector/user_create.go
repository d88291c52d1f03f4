package connector

import (
	"context"
	"fmt"
	"net/mail"
	"strings"
	"time"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/conductorone/baton-sdk/pkg/annotations"
	"github.com/conductorone/baton-sdk/pkg/connectorbuilder"
	rs "github.com/conductorone/baton-sdk/pkg/types/resource"
	"github.com/grpc-ecosystem/go-grpc-middleware/logging/zap/ctxzap"
	"go.uber.org/zap"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/structpb"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
)

// Profile keys of account creation (--create-account-profile, C1's account-creation form).
const (
	profileFirstName    = "first_name"
	profileLastName     = "last_name"
	profileRoleID       = "role_id"
	profileFederationID = "federation_id"
	profileEmail        = "email" // the SDK CLI copies --create-account-email here too
)

// accountCreationSchema declares the account-creation fields for ConnectorMetadata.
func accountCreationSchema() *v2.ConnectorAccountCreationSchema {
	str := func(order int32, required bool, display, description, placeholder string) *v2.ConnectorAccountCreationSchema_Field {
		return v2.ConnectorAccountCreationSchema_Field_builder{
			DisplayName: display,
			Required:    required,
			Description: description,
			Placeholder: placeholder,
			Order:       order,
			StringField: &v2.ConnectorAccountCreationSchema_StringField{},
		}.Build()
	}
	return v2.ConnectorAccountCreationSchema_builder{
		FieldMap: map[string]*v2.ConnectorAccountCreationSchema_Field{
			profileEmail: str(1, true, "E-mail",
				"The user's login e-mail; Boomi uses it as the user id.", "jane@example.com"),
			profileFirstName: str(2, false, "First name",
				"Ignored by Boomi when the e-mail already belongs to a Boomi user.", "Jane"),
			profileLastName: str(3, false, "Last name",
				"Ignored by Boomi when the e-mail already belongs to a Boomi user.", "Roe"),
			profileRoleID: str(4, false, "Role id",
				"Global role to start with; default Standard User ("+boomi.StandardUserRoleID+"). Must be an assignable role.", boomi.StandardUserRoleID),
			profileFederationID: str(5, false, "Federation id",
				"Makes an SSO user: the id your identity provider sends. SSO users get Standard User only and no Boomi e-mail.", "jane.roe"),
		},
	}.Build()
}

// CreateAccountCapabilityDetails: Boomi sends its own welcome mail with a temporary password (or none for
// SSO users), so the connector never handles a password.
func (u *userBuilder) CreateAccountCapabilityDetails(_ context.Context) (*v2.CredentialDetailsAccountProvisioning, annotations.Annotations, error) {
	return v2.CredentialDetailsAccountProvisioning_builder{
		SupportedCredentialOptions: []v2.CapabilityDetailCredentialOption{
			v2.CapabilityDetailCredentialOption_CAPABILITY_DETAIL_CREDENTIAL_OPTION_NO_PASSWORD,
			v2.CapabilityDetailCredentialOption_CAPABILITY_DETAIL_CREDENTIAL_OPTION_SSO,
		},
		PreferredCredentialOption: v2.CapabilityDetailCredentialOption_CAPABILITY_DETAIL_CREDENTIAL_OPTION_NO_PASSWORD,
	}.Build(), nil, nil
}

// newAccountRequest is a validated account-creation request.
type newAccountRequest struct {
	email        string
	firstName    string
	lastName     string
	roleID       string
	federationID string // "" = not an SSO user
}

func (r newAccountRequest) sso() bool { return r.federationID != "" }

// CreateAccount adds a user to the Boomi account: one AccountUserRole link (Boomi creates and, unless it is
// an SSO user, invites the user), then for SSO users the AccountUserFederation record. Everything that can
// be checked is checked before the first write; if the federation step fails, the role link is deleted
// again (which removes the just-created user) and the original error is returned.
func (u *userBuilder) CreateAccount(
	ctx context.Context,
	info *v2.AccountInfo,
	credentialOptions *v2.LocalCredentialOptions,
) (connectorbuilder.CreateAccountResponse, []*v2.PlaintextData, annotations.Annotations, error) {
	req, err := parseNewAccountRequest(info)
	if err != nil {
		return nil, nil, nil, err
	}
	if credentialOptions.GetRandomPassword() != nil {
		ctxzap.Extract(ctx).Debug("Boomi sets the first password itself through its welcome e-mail; the requested random password is not used")
	}
	c := u.client
	unlock, existing, err := lockUserAndRead(ctx, c, req.email, accountUserRolesOf)
	if err != nil {
		return nil, nil, nil, err
	}
	defer unlock()

	if len(existing) > 0 {
		// Same shape as a synced user (names as Boomi has them, federation id): the targeted-sync read.
		res, _, err := u.Get(ctx, resourceIDOf(userResourceType, existing[0].UserID), nil)
		if err != nil {
			return nil, nil, nil, err
		}
		return v2.CreateAccountResponse_AlreadyExistsResult_builder{Resource: res}.Build(), nil, nil, nil
	}
	if err := checkAssignable(ctx, c, req.roleID); err != nil {
		return nil, nil, nil, err
	}
	var ownFederation *boomi.AccountUserFederation
	if req.sso() {
		ownFederation, err = checkFederationIDFree(ctx, c, req.email, req.federationID)
		if err != nil {
			return nil, nil, nil, err
		}
	}

	// Step 1: the role link creates the user. SSO users get no e-mail: their password lives in the IdP.
	notify := u.notifyUsers && !req.sso()
	link, err := c.CreateAccountUserRole(ctx, boomi.AccountUserRole{
		UserID: req.email, RoleID: req.roleID, FirstName: req.firstName, LastName: req.lastName, NotifyUser: &notify,
	})
	if err != nil {
		cause := fmt.Errorf("adding %s to Boomi account %s: %w", req.email, c.AccountID(), err)
		if !outcomeUnknown(err) {
			return nil, nil, nil, cause // Boomi refused: nothing was written
		}
		// The connection broke or Boomi failed mid-way: the user may exist now. The user had no link before
		// (checked under the user's lock), so a link with the requested role is this call's: keep it and go
		// on, instead of removing it and having the retry create the user — and send its invitation — twice.
		found, readErr := createdLinkOf(ctx, c, req)
		switch {
		case readErr != nil:
			return nil, nil, nil, undoUserCreation(ctx, c, req, undoPlan{}, cause)
		case found == nil:
			return nil, nil, nil, cause // the create did not happen: nothing to undo, the retry may create
		}
		ctxzap.Extract(ctx).Info("the answer to the Boomi user creation was lost, but the user exists: creation completed",
			zap.String("user", req.email))
		link = *found
	}
	// Step 2 (SSO): the federation record.
	if req.sso() {
		if err := writeFederation(ctx, c, req.email, req.federationID, ownFederation); err != nil {
			plan := undoPlan{linkID: link.ID, federation: true, federationBefore: ownFederation}
			return nil, nil, nil, undoUserCreation(ctx, c, req, plan, err)
		}
	}

	// A new user never can bypass SSO: SSO users start with Standard User only (checked above).
	res, err := newUserResource(createdUserLink(req, link), req.federationID, time.Time{}, false)
	if err != nil {
		return nil, nil, nil, err
	}
	return v2.CreateAccountResponse_SuccessResult_builder{Resource: res}.Build(), nil, nil, nil
}

// createdLinkOf finds, after a create whose answer was lost, the role link it may have written: the user's
// link carrying the requested role (nil = none).
func createdLinkOf(ctx context.Context, c *boomi.Client, req newAccountRequest) (*boomi.AccountUserRole, error) {
	links, err := accountUserRolesOf(ctx, c, req.email)
	if err != nil {
		return nil, err
	}
	for i := range links {
		if sameRole(links[i].RoleID, req.roleID) {
			return &links[i], nil
		}
	}
	return nil, nil
}

// createdUserLink describes the new user as Boomi answered: Boomi keeps the names it already has for an
// e-mail that is a platform user elsewhere, so its answer wins over the request.
func createdUserLink(req newAccountRequest, created boomi.AccountUserRole) userLink {
	l := userLink{userID: created.UserID, firstName: created.FirstName, lastName: created.LastName}
	if l.userID == "" {
		l.userID = req.email
	}
	if l.firstName == "" && l.lastName == "" {
		l.firstName, l.lastName = req.firstName, req.lastName
	}
	return l
}

// parseNewAccountRequest reads and validates AccountInfo without any request to Boomi.
func parseNewAccountRequest(info *v2.AccountInfo) (newAccountRequest, error) {
	profile := info.GetProfile()
	if err := checkProfileValues(profile); err != nil {
		return newAccountRequest{}, err
	}
	req := newAccountRequest{
		email:        strings.TrimSpace(accountEmail(info)),
		firstName:    strings.TrimSpace(profileString(profile, profileFirstName)),
		lastName:     strings.TrimSpace(profileString(profile, profileLastName)),
		roleID:       strings.TrimSpace(profileString(profile, profileRoleID)),
		federationID: strings.TrimSpace(profileString(profile, profileFederationID)),
	}
	if err := checkProfileText("e-mail", req.email, maxEmailLen); err != nil {
		return req, err
	}
	if req.email == "" {
		return req, status.Error(codes.InvalidArgument,
			"no e-mail address was given for the new Boomi user; pass one with --create-account-email (Boomi uses it as the user id)")
	}
	if addr, err := mail.ParseAddress(req.email); err != nil || addr.Address != req.email || !strings.Contains(addr.Address, "@") {
		return req, status.Errorf(codes.InvalidArgument,
			"%q is not a valid e-mail address; give a plain address such as jane@example.com (Boomi uses it as the user id)", req.email)
	}
	if req.roleID == "" {
		req.roleID = boomi.StandardUserRoleID
	}
	if !boomi.IsCanonicalRoleID(req.roleID) {
		return req, status.Errorf(codes.InvalidArgument,
			"role_id %q is not a role id Boomi can assign (it must be a canonical UUID); use the id of a role listed by the connector's sync", req.roleID)
	}
	if req.sso() && !sameRole(req.roleID, boomi.StandardUserRoleID) {
		return req, status.Errorf(codes.InvalidArgument,
			"an SSO user (federation_id set) must start with the Standard User role only, because Boomi lets users with other roles such as Administrator sign "+
				"in without SSO; drop role_id or set it to %s",
			boomi.StandardUserRoleID)
	}
	return req, nil
}

// accountEmail picks the new user's e-mail: the primary address, else the first address, else the login,
// else the profile's "email".
func accountEmail(info *v2.AccountInfo) string {
	var first string
	for _, e := range info.GetEmails() {
		addr := strings.TrimSpace(e.GetAddress())
		if addr == "" {
			continue
		}
		if e.GetIsPrimary() {
			return addr
		}
		if first == "" {
			first = addr
		}
	}
	if first != "" {
		return first
	}
	if login := strings.TrimSpace(info.GetLogin()); login != "" {
		return login
	}
	return profileString(info.GetProfile(), profileEmail)
}

func profileString(profile *structpb.Struct, key string) string {
	v, ok := rs.GetProfileStringValue(profile, key)
	if !ok {
		return ""
	}
	return v
}

// checkAssignable verifies, before anything is written, that the account may assign roleID.
func checkAssignable(ctx context.Context, c *boomi.Client, roleID string) error {
	roles, err := c.GetAssignableRoles(ctx)
	if err != nil {
		return fmt.Errorf("reading the assignable roles of Boomi account %s: %w", c.AccountID(), err)
	}
	for _, r := range roles {
		if sameRole(r.ID, roleID) {
			return nil
		}
	}
	return status.Errorf(codes.InvalidArgument,
		"role_id %s is not a role Boomi account %s can assign; use the id of a role listed by the connector's sync (default: Standard User)",
		roleID, c.AccountID())
}
