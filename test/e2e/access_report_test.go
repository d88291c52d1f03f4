package e2e

import (
	"encoding/csv"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/baton-boomi/baton-boomi/internal/accessreport"
	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

// The auditor's report on a world built so that the right answer is known by hand (docs/access-report.md
// explains each rule this world exercises).
const (
	arAccount = "audit-KNOWN1"
	arAdmin   = "admin@audit.test" // Administrator, federation id: the one user who can bypass SSO
	arAda     = "ada@audit.test"   // Administrator, no federation id
	arDev     = "dev@audit.test"   // Standard User: DEPLOY + ENV_MANAGEMENT
	arOps     = "ops@audit.test"   // Production Support: DEPLOY, not attached to Production
	arRel     = "rel@audit.test"   // Release Manager (DEPLOY, API), federation id, attached to Test only
	arDep     = "dep@audit.test"   // Prod Deployer (DEPLOY), federation id, attached to Production
	arAPI     = "api@audit.test"   // API Reader (API, VIEW_RESULT), inheriting Production Support's DEPLOY
	arAud     = "aud@audit.test"   // Auditor (VIEW_AUDIT_LOGS): in no answer
	arGroup   = "grp@audit.test"   // Administrator only through an account group: not a direct holder

	arReleaseManager = "a1000000-0000-4000-8000-000000000001"
	arProdDeployer   = "a1000000-0000-4000-8000-000000000002"
	arAPIReader      = "a1000000-0000-4000-8000-000000000003"
	arAuditor        = "a1000000-0000-4000-8000-000000000004"

	arProd = "env-prod"
	arDR   = "env-dr"
	arTest = "env-test"
)

func knownAccessWorld() *boomisim.State {
	link := func(user, role string) boomisim.AccountUserRole {
		return boomisim.AccountUserRole{ID: "aur|" + user + "|" + role, AccountID: arAccount, UserID: user, RoleID: role,
			FirstName: strings.SplitN(user, "@", 2)[0], LastName: "Known"}
	}
	role := func(id, name string, privileges ...string) boomisim.Role {
		r := boomisim.Role{ID: id, AccountID: arAccount, Name: name, Description: name}
		for _, p := range privileges {
			r.Privileges = append(r.Privileges, boomisim.Privilege{Name: p})
		}
		return r
	}
	inherits := func(r boomisim.Role, parent string) boomisim.Role { r.ParentID = parent; return r }
	envRole := func(env, role string) boomisim.EnvironmentRole {
		return boomisim.EnvironmentRole{ID: env + "|" + role, EnvironmentID: env, RoleID: role}
	}
	fed := func(user string) boomisim.AccountUserFederation {
		return boomisim.AccountUserFederation{ID: "fed|" + user, AccountID: arAccount, UserID: user, FederationID: "F-" + user}
	}
	users := map[string]*boomisim.PlatformUser{}
	for _, u := range []string{arAdmin, arAda, arDev, arOps, arRel, arDep, arAPI, arAud, arGroup} {
		users[u] = &boomisim.PlatformUser{Email: u, FirstName: strings.SplitN(u, "@", 2)[0], LastName: "Known", LoggedIn: true}
	}
	return &boomisim.State{
		Accounts: map[string]*boomisim.AccountState{arAccount: {
			Account: boomisim.Account{AccountID: arAccount, Name: "Known Answers", Status: "active"},
			Primary: true,
			UserRoles: []boomisim.AccountUserRole{
				link(arAdmin, boomisim.AdministratorRoleID), link(arAda, boomisim.AdministratorRoleID),
				link(arDev, boomisim.StandardUserRoleID), link(arOps, boomisim.ProductionSupportRoleID),
				link(arRel, arReleaseManager), link(arDep, arProdDeployer), link(arAPI, arAPIReader), link(arAud, arAuditor),
			},
			Roles: []boomisim.Role{
				role(arReleaseManager, "Release Manager", "DEPLOY", "API"),
				role(arProdDeployer, "Prod Deployer", "DEPLOY"),
				inherits(role(arAPIReader, "API Reader", "API", "VIEW_RESULT"), boomisim.ProductionSupportRoleID),
				role(arAuditor, "Auditor", "VIEW_AUDIT_LOGS"),
			},
			Groups: []boomisim.AccountGroup{{ID: "grp-1", AccountID: arAccount, Name: "Everyone"}},
			GroupUserRoles: []boomisim.AccountGroupUserRole{{ID: "agur|grp", AccountGroupID: "grp-1", UserID: arGroup,
				RoleID: boomisim.AdministratorRoleID, FirstName: "grp", LastName: "Known"}},
			Federations: []boomisim.AccountUserFederation{fed(arAdmin), fed(arRel), fed(arDep)},
			SSOConfig:   &boomisim.AccountSSOConfig{AccountID: arAccount, Enabled: true, IdpURL: "https://idp.audit.test"},
			Environments: []boomisim.Environment{
				{ID: arProd, Name: "Production", Classification: "PROD"},
				{ID: arDR, Name: "Production DR", Classification: "PROD"},
				{ID: arTest, Name: "Test", Classification: "TEST"},
			},
			EnvironmentRoles: []boomisim.EnvironmentRole{
				envRole(arProd, arProdDeployer), envRole(arProd, boomisim.AdministratorRoleID),
				envRole(arTest, arReleaseManager), envRole(arTest, boomisim.StandardUserRoleID),
			},
		}},
		Users:       users,
		Credentials: []boomisim.Credential{{Email: arAdmin, Token: "tok-known-answers", Accounts: []string{arAccount}}},
	}
}

// row is one expected answer: user, role name, basis (deploy rows only) and whether the user can bypass SSO.
type row struct {
	user, role, basis string
	bypass            bool
}

func rowsOf(access []accessreport.Access, withBasis bool) []row {
	out := make([]row, 0, len(access))
	for _, a := range access {
		r := row{user: a.UserID, role: a.RoleName, bypass: a.CanBypassSSO}
		if withBasis {
			r.basis = a.Basis
		}
		out = append(out, r)
	}
	return out
}

func TestAccessReportGivesTheKnownAnswer(t *testing.T) {
	env := startSimWithState(t, knownAccessWorld(), noRateLimit)
	c1z := env.c1zPath("sync")
	env.mustSync(t, c1z, fastPacing...)
	report := accessreport.Build(readC1Z(t, c1z).Raw)

	const (
		attached = accessreport.BasisAttached
		open     = accessreport.BasisOpen
		envMgmt  = accessreport.BasisEnvManagement
	)
	wantProd := map[string][]row{
		"Production": {
			{arAdmin, "Administrator", attached, true}, {arAda, "Administrator", attached, false},
			{arDep, "Prod Deployer", attached, false}, {arDev, "Standard User", envMgmt, false},
		},
		"Production DR": {
			{arAdmin, "Administrator", open, true}, {arAda, "Administrator", open, false},
			{arAPI, "API Reader", open, false}, {arDep, "Prod Deployer", open, false}, {arDev, "Standard User", open, false},
			{arOps, "Production Support", open, false}, {arRel, "Release Manager", open, false},
		},
	}
	var envNames []string
	for _, e := range report.ProdDeployers {
		envNames = append(envNames, e.Name)
		if got, want := rowsOf(e.Deployers, true), wantProd[e.Name]; !slices.Equal(got, want) {
			t.Errorf("deployers of %s:\n got %v\nwant %v", e.Name, got, want)
		}
		if wantRestricted := e.Name == "Production"; e.Restricted != wantRestricted {
			t.Errorf("%s: access restricted %v, want %v", e.Name, e.Restricted, wantRestricted)
		}
	}
	if !slices.Equal(envNames, []string{"Production", "Production DR"}) {
		t.Errorf("PROD environments %q, want Production and Production DR (Test is TEST)", envNames)
	}
	// Users who can bypass SSO come first.
	wantAdmins := []row{{arAdmin, "Administrator", "", true}, {arAda, "Administrator", "", false}}
	if got := rowsOf(report.AccountAdmins, false); !slices.Equal(got, wantAdmins) {
		t.Errorf("ACCOUNT_ADMIN holders:\n got %v\nwant %v", got, wantAdmins)
	}
	if got := rowsOf(report.SSOBypass, false); !slices.Equal(got, []row{{arAdmin, "Administrator", "", true}}) {
		t.Errorf("SSO bypass: got %v, want only %s (Administrator with a federation id; %s has none)", got, arAdmin, arAda)
	}
	wantAPI := []row{{arAdmin, "Administrator", "", true}, {arAda, "Administrator", "", false},
		{arAPI, "API Reader", "", false}, {arRel, "Release Manager", "", false}}
	if got := rowsOf(report.APIAccess, false); !slices.Equal(got, wantAPI) {
		t.Errorf("API holders:\n got %v\nwant %v", got, wantAPI)
	}

	// The command gives the same answer as CSV: 11 deploy rows, 2 admin rows, 4 API rows, 1 SSO-bypass row.
	bin := buildReportCommand(t)
	out, err := exec.CommandContext(t.Context(), bin, "--format", "csv", c1z).Output()
	if err != nil {
		t.Fatalf("boomi-access-report --format csv: %v", err)
	}
	records, err := csv.NewReader(strings.NewReader(string(out))).ReadAll()
	if err != nil {
		t.Fatalf("the CSV does not parse: %v\n%s", err, out)
	}
	perQuestion := map[string]int{}
	for _, rec := range records[1:] {
		perQuestion[rec[0]]++
		if rec[3] == arAdmin && rec[8] != "true" || rec[3] != arAdmin && rec[8] != "false" {
			t.Errorf("CSV row %v: can_bypass_sso wrong", rec)
		}
	}
	want := map[string]int{accessreport.QuestionDeployProd: 11, accessreport.QuestionAccountAdmin: 2, accessreport.QuestionAPIAccess: 4, accessreport.QuestionSSOBypass: 1}
	for q, n := range want {
		if perQuestion[q] != n {
			t.Errorf("CSV %s rows %d, want %d", q, perQuestion[q], n)
		}
	}
}

// buildReportCommand compiles cmd/boomi-access-report next to the test's files.
func buildReportCommand(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "boomi-access-report")
	cmd := exec.CommandContext(t.Context(), "go", "build", "-o", bin, "./cmd/boomi-access-report")
	cmd.Dir = "../.."
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/boomi-access-report: %v\n%s", err, out)
	}
	return bin
}
