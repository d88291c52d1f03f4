package connector

import (
	"context"
	"fmt"
	"strings"
	"time"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/conductorone/baton-sdk/pkg/annotations"
	"github.com/conductorone/baton-sdk/pkg/connectorbuilder"
	rs "github.com/conductorone/baton-sdk/pkg/types/resource"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
)

// Users. Boomi has no User object: a user exists in an account through AccountUserRole links (direct roles)
// or AccountGroupUserRole links (roles through an account group). List walks, one Boomi page per call:
//
//	[login]  AuditLog successful logins, with --sync-last-login (last_login.go)
//	fed      AccountUserFederation: federation (SSO) id per user, kept in the sync's cache
//	sso      AccountSSOConfig, once: whether the account enforces SSO (user_sso_bypass.go)
//	admins   AccountUserRole pages (page cache): who holds Administrator (user_sso_bypass.go)
//	aur      AccountUserRole pages (page cache, shared with the role grants): emits users
//	agur     AccountGroupUserRole pages (page cache, shared with the account-group grants): emits
//	         group-only users
//	sub      with --include-sub-accounts: the governed sub-accounts' AccountUserRole pages (tree.go):
//	         emits the users who hold roles only in sub-accounts
//
// Each user is emitted once, on the page where the walk first meets them. That page is recorded in the
// sync's cache (firstSeenOn), so a page the SDK asks for again emits the same users again rather than none.
const (
	phaseLastLogin       = "login"
	phaseFederation      = "fed"
	phaseUserRoles       = "aur"
	phaseGroupUserRoles  = "agur"
	phaseSubAccountUsers = "sub"

	walkUsers = "user"
)

// userBuilder holds what the users walk and the user actions use: the client (targeted Get, provisioning),
// the Platform reads, and the settings that shape the walk.
type userBuilder struct {
	client        *boomi.Client
	reads         *platformReads
	notifyUsers   bool
	syncLastLogin bool
	tree          treeSettings
	// startReadAhead starts the read-ahead of the sync (Boomi.prefetchSync) at the walk's first call.
	startReadAhead func(context.Context, syncCache)
}

var (
	_ connectorbuilder.ResourceSyncerV2              = (*userBuilder)(nil)
	_ connectorbuilder.ResourceTargetedSyncerLimited = (*userBuilder)(nil)
)

func newUserBuilder(c *Boomi) *userBuilder {
	return &userBuilder{
		client: c.client, reads: c.platformReads(), notifyUsers: c.notifyUsers,
		syncLastLogin: c.syncLastLogin, tree: c.tree, startReadAhead: c.prefetchSync,
	}
}

func (u *userBuilder) ResourceType(_ context.Context) *v2.ResourceType { return userResourceType }

func (u *userBuilder) phases() []string {
	phases := []string{phaseFederation, phaseSSOConfig, phaseAdmins, phaseUserRoles, phaseGroupUserRoles}
	if u.syncLastLogin {
		phases = append([]string{phaseLastLogin}, phases...)
	}
	if u.tree.enabled {
		phases = append(phases, phaseSubAccountUsers)
	}
	return phases
}

// userLink is what both link objects say about a user.
type userLink struct {
	userID, firstName, lastName string
	// ssoUnknown: the user was met only in a sub-account, whose federation records the sync does not read,
	// so the resource claims no SSO status rather than a wrong "no SSO".
	ssoUnknown bool
}

func userLinksOfRoles(links []boomi.AccountUserRole) []userLink {
	out := make([]userLink, len(links))
	for i, l := range links {
		out[i] = userLink{userID: l.UserID, firstName: l.FirstName, lastName: l.LastName}
	}
	return out
}

func userLinksOfGroupRoles(links []boomi.AccountGroupUserRole) []userLink {
	out := make([]userLink, len(links))
	for i, l := range links {
		out[i] = userLink{userID: l.UserID, firstName: l.FirstName, lastName: l.LastName}
	}
	return out
}

// namedLink picks, among one user's links, the one whose names describe the user: the first link that
// carries a name, else the last one.
func namedLink(links []userLink) userLink {
	for _, l := range links {
		if l.firstName != "" || l.lastName != "" {
			return l
		}
	}
	return links[len(links)-1]
}

func (u *userBuilder) List(ctx context.Context, _ *v2.ResourceId, opts rs.SyncOpAttrs) ([]*v2.Resource, *rs.SyncOpResults, error) {
	phases := u.phases()
	tok, st, err := u.reads.walkOf(opts, phases...)
	if err != nil {
		return nil, nil, err
	}
	if opts.PageToken.Token == "" {
		// The users walk is the first of a full sync: read every independent listing ahead (prefetch.go).
		u.startReadAhead(ctx, st)
	}
	if u.tree.enabled && opts.PageToken.Token == "" {
		// The users walk is the first of the sync: start reading the sub-accounts now, so that with a
		// per-sub-account rate limit they overlap the primary's own pages (the "sub" phase joins the read).
		u.reads.prefetchTree(ctx, st)
	}

	pageID := tok.pageID()
	var links []userLink
	var boomiNext string
	var next *rs.SyncOpResults
	switch tok.phase() {
	case phaseLastLogin:
		boomiNext, err = u.reads.collectLastLogins(ctx, st, tok.token())
		next = tok.next(boomiNext)
	case phaseFederation:
		boomiNext, err = u.reads.collectFederations(ctx, st, tok.token())
		next = tok.next(boomiNext)
	case phaseSSOConfig:
		err = u.reads.collectSSOEnabled(ctx, st)
		next = tok.next("")
	case phaseAdmins:
		boomiNext, err = u.reads.collectAdmins(ctx, st, tok.token())
		next = tok.next(boomiNext)
	case phaseUserRoles:
		var page boomi.Page[boomi.AccountUserRole]
		page, err = u.reads.userRolePage(ctx, st, tok.token())
		links, next = userLinksOfRoles(page.Items), tok.next(page.NextToken)
	case phaseGroupUserRoles:
		var page boomi.Page[boomi.AccountGroupUserRole]
		page, err = u.reads.groupUserRolePage(ctx, st, tok.token())
		links, next = userLinksOfGroupRoles(page.Items), tok.next(page.NextToken)
	case phaseSubAccountUsers:
		var page treeLinks
		page, err = u.reads.treeLinkPage(ctx, st, tok)
		links, next = userLinksOfRoles(page.Items), page.advance(tok)
		for i := range links {
			links[i].ssoUnknown = true
		}
	default:
		return nil, nil, tok.refuse()
	}
	if err != nil {
		return nil, nil, err
	}
	resources, err := u.usersFirstSeenOn(ctx, st, pageID, links)
	if err != nil {
		return nil, nil, err
	}
	return resources, next, nil
}

// usersFirstSeenOn builds the users of links that this page is the first to mention.
func (u *userBuilder) usersFirstSeenOn(ctx context.Context, st syncCache, pageID string, links []userLink) ([]*v2.Resource, error) {
	if len(links) == 0 {
		return nil, nil
	}
	// One entry per user, in the order of first appearance.
	var order []string
	byUser := map[string][]userLink{}
	for _, l := range links {
		if l.userID == "" {
			continue
		}
		if _, ok := byUser[l.userID]; !ok {
			order = append(order, l.userID)
		}
		byUser[l.userID] = append(byUser[l.userID], l)
	}
	fresh, err := firstSeenOn(ctx, st, walkUsers, pageID, order)
	if err != nil {
		return nil, err
	}
	var emit []string
	for _, id := range order {
		if fresh[id] {
			emit = append(emit, id)
		}
	}
	feds, err := getMany[string](ctx, st, prefixFederation, emit)
	if err != nil {
		return nil, fmt.Errorf("reading federation ids: %w", err)
	}
	logins, err := getMany[time.Time](ctx, st, prefixLastLogin, emit)
	if err != nil {
		return nil, fmt.Errorf("reading last logins: %w", err)
	}
	bypass, err := ssoBypassOf(ctx, st, emit, feds)
	if err != nil {
		return nil, err
	}
	out := make([]*v2.Resource, 0, len(emit))
	for _, id := range emit {
		r, err := newUserResource(namedLink(byUser[id]), feds[id], logins[id], bypass[id])
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// personName is the display name of a Boomi user, Platform or MFT alike: "first last", or the login when
// the user has no name.
func personName(first, last, login string) string {
	if name := strings.TrimSpace(first + " " + last); name != "" {
		return name
	}
	return login
}

// newUserResource builds the user resource; federationID "" means no SSO, a zero lastLogin means unknown,
// bypassSSO says the user keeps password sign-in on an account that enforces SSO.
func newUserResource(l userLink, federationID string, lastLogin time.Time, bypassSSO bool) (*v2.Resource, error) {
	name := personName(l.firstName, l.lastName, l.userID)
	profile := map[string]any{
		"user_id":    l.userID,
		"first_name": l.firstName,
		"last_name":  l.lastName,
	}
	traits := []rs.UserTraitOption{
		rs.WithUserLogin(l.userID),
		rs.WithStatus(v2.UserTrait_Status_STATUS_ENABLED),
	}
	if l.ssoUnknown {
		// Neither the federation record nor the primary account's SSO enforcement applies here, so the
		// SSO facts (and with them can_bypass_sso) are left out rather than claimed false.
		profile["sub_accounts_only"] = true
	} else {
		profile["sso"] = federationID != ""
		profile[profileCanBypassSSO] = bypassSSO
		traits = append(traits, rs.WithSSOStatus(v2.UserTrait_SSOStatus_builder{SsoEnabled: federationID != ""}.Build()))
	}
	if federationID != "" {
		profile["federation_id"] = federationID
	}
	if strings.Contains(l.userID, "@") {
		traits = append(traits, rs.WithEmail(l.userID, true))
	}
	if l.firstName != "" || l.lastName != "" {
		traits = append(traits, rs.WithStructuredName(v2.UserTrait_StructuredName_builder{
			GivenName: l.firstName, FamilyName: l.lastName,
		}.Build()))
	}
	if !lastLogin.IsZero() {
		profile["last_login"] = lastLogin.UTC().Format(time.RFC3339)
		traits = append(traits, rs.WithLastLogin(lastLogin))
	}
	traits = append(traits, rs.WithUserProfile(profile))
	return rs.NewUserResource(name, userResourceType, l.userID, traits)
}

// Users have no entitlements or grants (the type carries SkipEntitlementsAndGrants).
func (u *userBuilder) Entitlements(_ context.Context, _ *v2.Resource, _ rs.SyncOpAttrs) ([]*v2.Entitlement, *rs.SyncOpResults, error) {
	return nil, nil, nil
}

func (u *userBuilder) Grants(_ context.Context, _ *v2.Resource, _ rs.SyncOpAttrs) ([]*v2.Grant, *rs.SyncOpResults, error) {
	return nil, nil, nil
}

// Get reads one user for a targeted sync: their direct links, else their group links, and their
// federation record. A handful of requests, never a walk of the whole account.
func (u *userBuilder) Get(ctx context.Context, id *v2.ResourceId, _ *v2.ResourceId) (*v2.Resource, annotations.Annotations, error) {
	c := u.client
	userID := id.GetResource()
	byUser := boomi.Equals("userId", userID)
	direct, err := boomi.ReadAllPages(ctx, func(ctx context.Context, t string) (boomi.Page[boomi.AccountUserRole], error) {
		return c.QueryAccountUserRoles(ctx, byUser, t)
	})
	if err != nil {
		return nil, nil, err
	}
	links := userLinksOfRoles(direct)
	if len(links) == 0 {
		viaGroups, err := boomi.ReadAllPages(ctx, func(ctx context.Context, t string) (boomi.Page[boomi.AccountGroupUserRole], error) {
			return c.QueryAccountGroupUserRoles(ctx, byUser, t)
		})
		if err != nil {
			return nil, nil, err
		}
		links = userLinksOfGroupRoles(viaGroups)
	}
	if len(links) == 0 {
		if u.tree.enabled {
			// Finding a user in one sub-account of many would cost a request per sub-account.
			return nil, nil, status.Errorf(codes.NotFound,
				"Boomi user %q holds no role in account %s, directly or through an account group; a user who holds roles only in sub-accounts is read by a full sync, not by a targeted one",
				userID, c.AccountID())
		}
		return nil, nil, status.Errorf(codes.NotFound, "Boomi user %q holds no role in account %s, directly or through an account group", userID, c.AccountID())
	}
	feds, err := boomi.ReadAllPages(ctx, func(ctx context.Context, t string) (boomi.Page[boomi.AccountUserFederation], error) {
		return c.QueryAccountUserFederations(ctx, byUser, t)
	})
	if err != nil {
		return nil, nil, err
	}
	federationID := ""
	for _, f := range feds {
		if f.AccountID == "" || f.AccountID == c.AccountID() {
			federationID = f.FederationID
		}
	}
	bypass := false
	if federationID != "" && holdsRole(direct, boomi.AdministratorRoleID) {
		enforced, err := ssoEnforced(ctx, c)
		if err != nil {
			return nil, nil, err
		}
		bypass = canBypassSSO(enforced, federationID, direct)
	}
	r, err := newUserResource(namedLink(links), federationID, time.Time{}, bypass)
	return r, nil, err
}
