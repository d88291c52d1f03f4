// Package accessreport answers the questions an auditor asks of a Boomi sync (docs/access-report.md): for
// each PROD environment, who can deploy there and through which role; who holds Account Administration;
// who has API access; for each of them, whether they can bypass SSO; and who can bypass SSO at all. It reads only what the connector
// wrote into a .c1z: role, privilege and environment grants and the user and environment profiles.
package accessreport

import (
	"cmp"
	"slices"
	"strings"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	rs "github.com/conductorone/baton-sdk/pkg/types/resource"

	"github.com/baton-boomi/baton-boomi/internal/c1zread"
	"github.com/baton-boomi/baton-boomi/pkg/boomi"
)

// Resource type ids the connector writes (docs/access-report.md).
const (
	typeUser        = "user"
	typeRole        = "role"
	typePrivilege   = "privilege"
	typeEnvironment = "environment"
)

// Why a role reaches an environment.
const (
	// BasisAttached: an EnvironmentRole link attaches the role to the environment.
	BasisAttached = "role attached to the environment"
	// BasisOpen: no role is attached to the environment, so it is open to every role (see the connector's
	// access_restricted profile key).
	BasisOpen = "environment has no roles attached (open to every role)"
	// BasisEnvManagement: the role carries Environment Management, which covers all environments.
	BasisEnvManagement = "role has Environment Management (all environments)"
	// BasisPrivilege: the row answers a privilege question, not an environment one.
	BasisPrivilege = "role carries the privilege"
	// BasisSSOBypass: the connector's can_bypass_sso rule (SSO enforced, federation id, Administrator).
	BasisSSOBypass = "Administrator on an account that enforces SSO: keeps password sign-in"
)

// Access is one way one user holds what a question asks about: through which role, on what basis, and
// whether the user can bypass SSO.
type Access struct {
	UserID       string `json:"userId"`
	UserName     string `json:"userName"`
	RoleID       string `json:"roleId"`
	RoleName     string `json:"roleName"`
	Basis        string `json:"basis"`
	CanBypassSSO bool   `json:"canBypassSso"`
}

// EnvironmentDeployers answers "who can deploy to this PROD environment".
type EnvironmentDeployers struct {
	ID         string   `json:"id"`
	Name       string   `json:"name"`
	Restricted bool     `json:"accessRestricted"`
	Deployers  []Access `json:"deployers"`
}

// Report is the whole answer.
type Report struct {
	ProdDeployers []EnvironmentDeployers `json:"prodDeployers"`
	AccountAdmins []Access               `json:"accountAdmins"`
	APIAccess     []Access               `json:"apiAccess"`
	SSOBypass     []Access               `json:"ssoBypass"`
}

// graph is what the report needs from a sync, indexed.
type graph struct {
	userNames, roleNames map[string]string
	bypass               map[string]bool
	holders              map[string][]string        // role id -> user ids holding it directly
	privileges           map[string]map[string]bool // role id -> privilege codes
	attached             map[string]map[string]bool // environment id -> role ids
	roleIDs              []string                   // every role carrying any privilege or link, sorted
}

// Build computes the report from a sync's contents.
func Build(c *c1zread.Contents) *Report {
	g := index(c)
	r := &Report{
		AccountAdmins: g.holdersOfPrivilege(boomi.PrivilegeAccountAdmin),
		APIAccess:     g.holdersOfPrivilege(boomi.PrivilegeAPI),
		SSOBypass:     g.ssoBypass(),
	}
	for _, env := range c.Resources[typeEnvironment] {
		profile := env.GetProfile()
		if class, _ := rs.GetProfileStringValue(profile, "classification"); !strings.EqualFold(class, "PROD") {
			continue
		}
		restricted := profile.GetFields()["access_restricted"].GetBoolValue()
		id := env.GetId().GetResource()
		r.ProdDeployers = append(r.ProdDeployers, EnvironmentDeployers{
			ID: id, Name: env.GetDisplayName(), Restricted: restricted, Deployers: g.deployers(id, restricted),
		})
	}
	slices.SortFunc(r.ProdDeployers, func(a, b EnvironmentDeployers) int {
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	})
	return r
}

func index(c *c1zread.Contents) *graph {
	g := &graph{
		userNames: map[string]string{}, roleNames: map[string]string{}, bypass: map[string]bool{},
		holders: map[string][]string{}, privileges: map[string]map[string]bool{}, attached: map[string]map[string]bool{},
	}
	for _, u := range c.Resources[typeUser] {
		id := u.GetId().GetResource()
		g.userNames[id] = u.GetDisplayName()
		if ut, err := rs.GetUserTrait(u); err == nil {
			g.bypass[id] = ut.GetProfile().GetFields()["can_bypass_sso"].GetBoolValue()
		}
	}
	for _, r := range c.Resources[typeRole] {
		g.roleNames[r.GetId().GetResource()] = r.GetDisplayName()
	}
	roles := map[string]bool{}
	for _, gr := range c.Grants {
		e, ok := splitEntitlement(gr.GetEntitlement())
		p := gr.GetPrincipal().GetId()
		if !ok {
			continue
		}
		switch {
		case e.typ == typeRole && e.slug == "assigned" && p.GetResourceType() == typeUser:
			g.holders[e.id] = append(g.holders[e.id], p.GetResource())
		case e.typ == typePrivilege && e.slug == "has" && p.GetResourceType() == typeRole:
			addTo(g.privileges, p.GetResource(), e.id)
			roles[p.GetResource()] = true
		case e.typ == typeEnvironment && e.slug == "access" && p.GetResourceType() == typeRole:
			addTo(g.attached, e.id, p.GetResource())
			roles[p.GetResource()] = true
		}
	}
	for id := range roles {
		g.roleIDs = append(g.roleIDs, id)
	}
	slices.Sort(g.roleIDs)
	return g
}

// entitlementParts is "<type>:<resource>:<slug>" taken apart.
type entitlementParts struct{ typ, id, slug string }

// splitEntitlement reads an entitlement id (resource ids hold no ':', see the connector's ids).
func splitEntitlement(e *v2.Entitlement) (entitlementParts, bool) {
	parts := strings.Split(e.GetId(), ":")
	if len(parts) < 3 {
		return entitlementParts{}, false
	}
	return entitlementParts{typ: parts[0], id: strings.Join(parts[1:len(parts)-1], ":"), slug: parts[len(parts)-1]}, true
}

func addTo(m map[string]map[string]bool, key, value string) {
	if m[key] == nil {
		m[key] = map[string]bool{}
	}
	m[key][value] = true
}

// deployers: the holders of every role that carries DEPLOY and reaches the environment.
func (g *graph) deployers(envID string, restricted bool) []Access {
	var out []Access
	for _, roleID := range g.roleIDs {
		privs := g.privileges[roleID]
		if !privs[boomi.PrivilegeDeploy] {
			continue
		}
		var basis string
		switch {
		case g.attached[envID][roleID]:
			basis = BasisAttached
		case !restricted:
			basis = BasisOpen
		case privs[boomi.PrivilegeEnvManagement]:
			basis = BasisEnvManagement
		default:
			continue
		}
		out = append(out, g.accessOf(roleID, basis)...)
	}
	return sortAccess(out)
}

func (g *graph) holdersOfPrivilege(code string) []Access {
	var out []Access
	for _, roleID := range g.roleIDs {
		if g.privileges[roleID][code] {
			out = append(out, g.accessOf(roleID, BasisPrivilege)...)
		}
	}
	return sortAccess(out)
}

// ssoBypass lists the users whose profile says they can bypass SSO, with the role that gives them that.
func (g *graph) ssoBypass() []Access {
	var out []Access
	for _, a := range g.accessOf(boomi.AdministratorRoleID, BasisSSOBypass) {
		if a.CanBypassSSO {
			out = append(out, a)
		}
	}
	return sortAccess(out)
}

func (g *graph) accessOf(roleID, basis string) []Access {
	out := make([]Access, 0, len(g.holders[roleID]))
	for _, u := range g.holders[roleID] {
		out = append(out, Access{
			UserID: u, UserName: g.userNames[u], RoleID: roleID, RoleName: cmp.Or(g.roleNames[roleID], roleID),
			Basis: basis, CanBypassSSO: g.bypass[u],
		})
	}
	return out
}

// sortAccess puts the users who can bypass SSO first (what an auditor looks at first, and what a short
// report must not cut), then orders by user and role.
func sortAccess(a []Access) []Access {
	slices.SortFunc(a, func(x, y Access) int {
		return cmp.Or(-compareBool(x.CanBypassSSO, y.CanBypassSSO),
			cmp.Compare(strings.ToLower(x.UserID), strings.ToLower(y.UserID)), cmp.Compare(x.RoleName, y.RoleName))
	})
	return slices.CompactFunc(a, func(x, y Access) bool { return x.UserID == y.UserID && x.RoleID == y.RoleID })
}

// Users counts the distinct users in rows.
func Users(rows []Access) int {
	seen := map[string]bool{}
	for _, r := range rows {
		seen[r.UserID] = true
	}
	return len(seen)
}

func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}
