package connector

import (
	"context"
	"net/http/httptest"
	"sort"
	"strings"
	"testing"
	"time"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/conductorone/baton-sdk/pkg/annotations"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/proto"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

// A small, hand-made Boomi world for the provisioning tests. Every test gets its own simulator, so tests
// judge by the simulator's state (Snapshot) and request counters, never by the connector's word alone.

const (
	fxAccount = "acme-PRIM01"
	fxAdmin   = "admin@acme.test"
	fxToken   = "tok-provisioning-tests"

	fxGroup       = "6f1c2a7e-9d0b-4c55-8e2a-1b2c3d4e5f60"
	fxCustomRole  = "0b8e6c1e-5d55-4b0e-9d0f-3f1b2f7a9c11" // canonical, custom, assignable
	fxUnknownRole = "11111111-2222-3333-4444-555555555555" // canonical, exists nowhere

	// Users of the fixture and what they hold.
	fxTwoRoles  = "two@acme.test"       // Production Support + Support (no Standard User)
	fxOneRole   = "one@acme.test"       // Support only
	fxSolo      = "solo@acme.test"      // Standard User only
	fxPlain     = "plain@acme.test"     // Standard User + Support
	fxBoss      = "boss@acme.test"      // Administrator
	fxFederated = "fed@acme.test"       // Standard User, federation id "fed-1"
	fxGroupOnly = "grouponly@acme.test" // no account role; Support in fxGroup
	fxStranger  = "stranger@acme.test"  // a platform user who is in no role of this account
)

func fxLink(user, role string) boomisim.AccountUserRole {
	return boomisim.AccountUserRole{ID: "aur-" + user + "-" + role, AccountID: fxAccount, UserID: user, RoleID: role}
}

func provisioningFixture() *boomisim.State {
	users := map[string]*boomisim.PlatformUser{}
	for _, u := range []string{fxAdmin, fxTwoRoles, fxOneRole, fxSolo, fxPlain, fxBoss, fxFederated, fxGroupOnly, fxStranger} {
		name := strings.SplitN(u, "@", 2)[0]
		users[u] = &boomisim.PlatformUser{Email: u, FirstName: name, LastName: "Tester", LoggedIn: true}
	}
	return &boomisim.State{
		Accounts: map[string]*boomisim.AccountState{
			fxAccount: {
				Account: boomisim.Account{AccountID: fxAccount, Name: "Acme", Status: "active"},
				Primary: true,
				UserRoles: []boomisim.AccountUserRole{
					fxLink(fxAdmin, boomi.AdministratorRoleID),
					fxLink(fxTwoRoles, boomisim.ProductionSupportRoleID),
					fxLink(fxTwoRoles, boomisim.SupportRoleID),
					fxLink(fxOneRole, boomisim.SupportRoleID),
					fxLink(fxSolo, boomi.StandardUserRoleID),
					fxLink(fxPlain, boomi.StandardUserRoleID),
					fxLink(fxPlain, boomisim.SupportRoleID),
					fxLink(fxBoss, boomi.AdministratorRoleID),
					fxLink(fxFederated, boomi.StandardUserRoleID),
				},
				Roles: []boomisim.Role{{
					ID: fxCustomRole, AccountID: fxAccount, Name: "Ops Reader", Description: "read-only ops",
					ParentID: boomi.StandardUserRoleID, Privileges: []boomisim.Privilege{{Name: "VIEW_RESULT"}},
				}},
				Groups: []boomisim.AccountGroup{{ID: fxGroup, AccountID: fxAccount, Name: "Partners"}},
				GroupUserRoles: []boomisim.AccountGroupUserRole{{
					ID: "agur-grouponly", AccountGroupID: fxGroup, UserID: fxGroupOnly, RoleID: boomisim.SupportRoleID,
				}},
				Federations: []boomisim.AccountUserFederation{{
					ID: "fed-rec-1", AccountID: fxAccount, UserID: fxFederated, FederationID: "fed-1",
				}},
			},
		},
		Users:       users,
		Credentials: []boomisim.Credential{{Email: fxAdmin, Token: fxToken, Accounts: []string{fxAccount}}},
	}
}

// provEnv is one connector wired to one fresh simulator.
type provEnv struct {
	t       *testing.T
	ctx     context.Context
	sim     *boomisim.Server
	baseURL string
	conn    *Boomi
}

func newProvEnv(t *testing.T, notifyUsers bool) *provEnv {
	t.Helper()
	sim := boomisim.New(boomisim.Options{RateLimit: -1})
	sim.Load(provisioningFixture())
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	ctx := context.Background()
	client, err := boomi.New(ctx, boomi.Config{
		BaseURL: srv.URL, AccountID: fxAccount, Username: fxAdmin, APIToken: fxToken,
		RequestsPerSecond: -1, RetryInitialInterval: time.Millisecond,
	})
	require.NoError(t, err)
	return &provEnv{t: t, ctx: ctx, sim: sim, baseURL: srv.URL, conn: &Boomi{client: client, notifyUsers: notifyUsers}}
}

func (e *provEnv) account() *boomisim.AccountState {
	e.t.Helper()
	acct := e.sim.Snapshot().Accounts[fxAccount]
	require.NotNil(e.t, acct)
	return acct
}

// rolesOf lists the global role ids the user holds now, sorted.
func (e *provEnv) rolesOf(user string) []string {
	var out []string
	for _, l := range e.account().UserRoles {
		if strings.EqualFold(l.UserID, user) {
			out = append(out, l.RoleID)
		}
	}
	sort.Strings(out)
	return out
}

// groupRolesOf lists "groupId/roleId" pairs the user holds now, sorted.
func (e *provEnv) groupRolesOf(user string) []string {
	var out []string
	for _, l := range e.account().GroupUserRoles {
		if strings.EqualFold(l.UserID, user) {
			out = append(out, l.AccountGroupID+"/"+l.RoleID)
		}
	}
	sort.Strings(out)
	return out
}

// federationsOf lists the user's federation ids now.
func (e *provEnv) federationsOf(user string) []string {
	var out []string
	for _, f := range e.account().Federations {
		if strings.EqualFold(f.UserID, user) {
			out = append(out, f.FederationID)
		}
	}
	return out
}

func (e *provEnv) invitationsFor(user string) []boomisim.Invitation {
	var out []boomisim.Invitation
	for _, inv := range e.sim.Snapshot().Invitations {
		if strings.EqualFold(inv.UserID, user) {
			out = append(out, inv)
		}
	}
	return out
}

// requests counts the API requests the simulator answered since the last reset; writes counts those that
// could change something (everything but queries and GETs).
func (e *provEnv) requests() (int64, int64) {
	var all, writes int64
	for route, c := range e.sim.Counters() {
		all += c.Requests
		if strings.HasPrefix(route, "GET ") || strings.HasSuffix(route, "/query") || strings.HasSuffix(route, "/queryMore") {
			continue
		}
		writes += c.Requests
	}
	return all, writes
}

func (e *provEnv) requireNoWrites() {
	e.t.Helper()
	_, writes := e.requests()
	require.Zero(e.t, writes, "expected no write request, counters: %v", e.sim.Counters())
}

func (e *provEnv) requireNoRequests() {
	e.t.Helper()
	all, _ := e.requests()
	require.Zero(e.t, all, "expected no request at all, counters: %v", e.sim.Counters())
}

func userPrincipal(email string) *v2.Resource {
	return resourceStub(userResourceType, email)
}

func roleEntitlement(roleID string) *v2.Entitlement {
	return v2.Entitlement_builder{
		Id:       roleEntitlementID(roleID),
		Resource: resourceStub(roleResourceType, roleID),
		Slug:     roleAssignedSlug,
	}.Build()
}

func groupEntitlement(groupID, roleID string) *v2.Entitlement {
	return v2.Entitlement_builder{
		Id:       accountGroupEntitlementID(groupID, roleID),
		Resource: resourceStub(accountGroupResourceType, groupID),
		Slug:     roleID,
	}.Build()
}

// grantOf is the grant a sync would have produced, as the SDK hands it to Revoke.
func grantOf(ent *v2.Entitlement, principal *v2.Resource) *v2.Grant {
	return newGrantFor(ent, principal)
}

// hasAnnotation reports whether annos carries a message of msg's type.
func hasAnnotation(annos annotations.Annotations, msg proto.Message) bool {
	return annos.Contains(msg)
}
