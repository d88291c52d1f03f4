package connector

import (
	"context"
	"fmt"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/conductorone/baton-sdk/pkg/annotations"
	"github.com/conductorone/baton-sdk/pkg/connectorbuilder"
	"github.com/conductorone/baton-sdk/pkg/types/entitlement"
	"github.com/conductorone/baton-sdk/pkg/types/grant"
	rs "github.com/conductorone/baton-sdk/pkg/types/resource"
	"github.com/grpc-ecosystem/go-grpc-middleware/logging/zap/ctxzap"
	"go.uber.org/zap"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
)

// Environments (docs/access-report.md). One environment resource per Boomi environment (id = environment
// id; name and classification in the profile) with one entitlement environment:<id>:access, granted to
// every role an EnvironmentRole link attaches to it, expandable from role:<roleId>:assigned. List walks:
//
//	links  EnvironmentRole pages (page cache, shared with the grants walk): which environments are restricted
//	envs   Environment query pages: emits environments, each knowing whether any role restricts it
//
// Reading environments needs Runtime Management or its read-only variant; without either, Boomi refuses
// the read and the sync goes on without environments after one warning (like last logins without View Audit
// Logs). Grant and revoke (environment_provisioning.go) create and delete EnvironmentRole links.
const (
	environmentAccessSlug = "access"
	phaseEnvLinks         = "links"
	phaseEnvironments     = "envs"
)

var environmentListPhases = []string{phaseEnvLinks, phaseEnvironments}

// environmentOpenWithoutRoles is what an environment with no role attached means.
// UNCONFIRMED(environment-without-roles-open): Boomi's help page "Roles within an environment" says all roles
// have access until roles are attached, and only holders of attached roles afterwards; no API answer
// confirms it. The profile's access_restricted flag, the access report and the refused revoke of an
// environment's last role depend on it (docs/assumptions.md).
const environmentOpenWithoutRoles = true

type environmentBuilder struct {
	client *boomi.Client
	reads  *platformReads
}

var (
	_ connectorbuilder.ResourceSyncerV2              = (*environmentBuilder)(nil)
	_ connectorbuilder.TypeScopedGrantsSyncer        = (*environmentBuilder)(nil)
	_ connectorbuilder.ResourceTargetedSyncerLimited = (*environmentBuilder)(nil)
)

func newEnvironmentBuilder(c *Boomi) *environmentBuilder {
	return &environmentBuilder{client: c.client, reads: c.platformReads()}
}

func (e *environmentBuilder) ResourceType(_ context.Context) *v2.ResourceType {
	return environmentResourceType
}

func environmentEntitlementID(environmentID string) string {
	return environmentResourceType.GetId() + ":" + environmentID + ":" + environmentAccessSlug
}

// withoutRuntimeRead turns Boomi's refusal of an environment read for a missing privilege (403, or 400 with
// an access-rights message) into "no environments" plus one warning: nil, so the walk ends there. Any other
// error is returned as it is.
func withoutRuntimeRead(ctx context.Context, err error) error {
	if missingPrivilege(err) {
		ctxzap.Extract(ctx).Warn("environments are not synced: the Boomi user lacks Runtime Management or Runtime Management "+
			"Read Access (ATOM_MANAGEMENT / ATOM_MANAGEMENT_READ_ONLY); give one of them to the user's role", zap.Error(err))
		return nil
	}
	return err
}

func (e *environmentBuilder) List(ctx context.Context, _ *v2.ResourceId, opts rs.SyncOpAttrs) ([]*v2.Resource, *rs.SyncOpResults, error) {
	tok, st, err := e.reads.walkOf(opts, environmentListPhases...)
	if err != nil {
		return nil, nil, err
	}
	var out []*v2.Resource
	var next string
	switch tok.phase() {
	case phaseEnvLinks:
		next, err = e.collectRestricted(ctx, st, tok.token())
	case phaseEnvironments:
		out, next, err = e.listPage(ctx, st, tok.token())
	default:
		return nil, nil, tok.refuse()
	}
	if err != nil {
		return nil, nil, withoutRuntimeRead(ctx, err)
	}
	return out, tok.next(next), nil
}

// collectRestricted marks the environments of one EnvironmentRole page as restricted.
func (e *environmentBuilder) collectRestricted(ctx context.Context, st syncCache, token string) (string, error) {
	page, err := e.reads.environmentRolePage(ctx, st, token)
	if err != nil {
		return "", err
	}
	restricted := map[string]bool{}
	for _, l := range page.Items {
		if l.EnvironmentID != "" && l.RoleID != "" {
			restricted[l.EnvironmentID] = true
		}
	}
	if err := setMany(ctx, st, prefixRestricted, restricted); err != nil {
		return "", fmt.Errorf("storing which environments are restricted: %w", err)
	}
	return page.NextToken, nil
}

func (e *environmentBuilder) listPage(ctx context.Context, st syncCache, token string) ([]*v2.Resource, string, error) {
	page, err := e.reads.environmentPage(ctx, st, token)
	if err != nil {
		return nil, "", err
	}
	restricted, err := getMany[bool](ctx, st, prefixRestricted, itemIDs(page.Items, func(env boomi.Environment) string { return env.ID }))
	if err != nil {
		return nil, "", fmt.Errorf("reading which environments are restricted: %w", err)
	}
	out := make([]*v2.Resource, 0, len(page.Items))
	for _, env := range page.Items {
		if env.ID == "" {
			continue
		}
		_, isRestricted := restricted[env.ID]
		res, err := newEnvironmentResource(env, isRestricted)
		if err != nil {
			return nil, "", err
		}
		out = append(out, res)
	}
	return out, page.NextToken, nil
}

// newEnvironmentResource builds the environment; restricted says whether any role is attached to it.
func newEnvironmentResource(env boomi.Environment, restricted bool) (*v2.Resource, error) {
	profile := map[string]any{
		"environment_id":    env.ID,
		"name":              env.Name,
		"classification":    env.Classification,
		"access_restricted": restricted || !environmentOpenWithoutRoles,
	}
	name := env.Name
	if name == "" {
		name = env.ID
	}
	desc := "Boomi " + env.Classification + " environment"
	return rs.NewResource(name, environmentResourceType, env.ID, rs.WithResourceProfile(profile), rs.WithDescription(desc))
}

// Entitlements: environment:<id>:access, held by roles.
func (e *environmentBuilder) Entitlements(_ context.Context, res *v2.Resource, _ rs.SyncOpAttrs) ([]*v2.Entitlement, *rs.SyncOpResults, error) {
	ent := entitlement.NewPermissionEntitlement(res, environmentAccessSlug,
		entitlement.WithGrantableTo(roleResourceType),
		entitlement.WithDisplayName("Access to "+res.GetDisplayName()),
		entitlement.WithDescription("The role is attached to the Boomi environment "+res.GetDisplayName()+
			": its holders may use the environment once any role restricts it"),
	)
	return []*v2.Entitlement{ent}, nil, nil
}

// GrantsForResourceType emits one grant per EnvironmentRole link, one page per call, from the page cache
// the List walk filled.
func (e *environmentBuilder) GrantsForResourceType(ctx context.Context, _ string, opts rs.SyncOpAttrs) ([]*v2.Grant, *rs.SyncOpResults, error) {
	grants, next, err := linkGrantsPage(ctx, e.reads, opts, phaseEnvLinks, e.reads.environmentRolePage, grantsFromLinks(environmentGrants))
	if err != nil {
		return nil, nil, withoutRuntimeRead(ctx, err)
	}
	return grants, next, nil
}

// Grants of one environment (outside the type-scoped full sync): its links only.
func (e *environmentBuilder) Grants(ctx context.Context, res *v2.Resource, opts rs.SyncOpAttrs) ([]*v2.Grant, *rs.SyncOpResults, error) {
	byEnvironment := filteredPages(e.client.QueryEnvironmentRoles, boomi.Equals("environmentId", res.GetId().GetResource()))
	return linkGrantsPage(ctx, e.reads, opts, phaseEnvLinks, byEnvironment, grantsFromLinks(environmentGrants))
}

func environmentGrants(links []boomi.EnvironmentRole) []*v2.Grant {
	out := make([]*v2.Grant, 0, len(links))
	for _, l := range links {
		if l.EnvironmentID == "" || l.RoleID == "" {
			continue
		}
		expand := v2.GrantExpandable_builder{EntitlementIds: []string{roleEntitlementID(l.RoleID)}}.Build()
		out = append(out, grant.NewGrant(resourceStub(environmentResourceType, l.EnvironmentID), environmentAccessSlug,
			resourceIDOf(roleResourceType, l.RoleID), grant.WithAnnotation(expand)))
	}
	return out
}

// Get reads one environment for a targeted sync: GET /Environment/{id} and its links.
func (e *environmentBuilder) Get(ctx context.Context, id *v2.ResourceId, _ *v2.ResourceId) (*v2.Resource, annotations.Annotations, error) {
	c := e.client
	env, err := c.GetEnvironment(ctx, id.GetResource())
	if err != nil {
		return nil, nil, err
	}
	links, err := environmentLinks(ctx, c, env.ID, "")
	if err != nil {
		return nil, nil, err
	}
	res, err := newEnvironmentResource(env, len(links) > 0)
	return res, nil, err
}

// environmentLinks reads the EnvironmentRole links of one environment (of one role too, when roleID is
// set) fresh from Boomi.
func environmentLinks(ctx context.Context, c *boomi.Client, environmentID, roleID string) ([]boomi.EnvironmentRole, error) {
	filter := boomi.Equals("environmentId", environmentID)
	if roleID != "" {
		filter = boomi.And(filter, boomi.Equals("roleId", roleID))
	}
	links, err := readAll(ctx, "the roles attached to environment "+environmentID, func(ctx context.Context, t string) (boomi.Page[boomi.EnvironmentRole], error) {
		return c.QueryEnvironmentRoles(ctx, filter, t)
	})
	if err != nil {
		return nil, err
	}
	// Keep only exact matches, whatever the server's filter did.
	kept := links[:0]
	for _, l := range links {
		if l.EnvironmentID == environmentID && (roleID == "" || sameRole(l.RoleID, roleID)) {
			kept = append(kept, l)
		}
	}
	return kept, nil
}
