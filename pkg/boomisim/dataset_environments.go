package boomisim

import "fmt"

// Environments of a generated main account: two PROD and two TEST environments. Production and Test are
// restricted to a few roles each (EnvironmentRole links); "Production DR" is a PROD environment nobody
// restricted, so it is open to every role; Sandbox is restricted to one custom role. The draws come after
// every other part of the generator, so adding environments changed no other generated object.
func (g *generator) environments() {
	acct := g.main
	env := func(name, classification string) Environment {
		return Environment{ID: fmt.Sprintf("%s-env-%s", acct.Account.AccountID, g.alnum(8)), Name: name, Classification: classification}
	}
	prod, dr, test, sandbox := env("Production", "PROD"), env("Production DR", "PROD"), env("Test", "TEST"), env("Sandbox", "TEST")
	acct.Environments = []Environment{prod, test, dr, sandbox}

	link := func(e Environment, roleID string) {
		for _, l := range acct.EnvironmentRoles {
			if l.EnvironmentID == e.ID && l.RoleID == roleID {
				return
			}
		}
		acct.EnvironmentRoles = append(acct.EnvironmentRoles, EnvironmentRole{ID: environmentRoleID(e.ID, roleID), EnvironmentID: e.ID, RoleID: roleID})
	}
	link(prod, AdministratorRoleID)
	link(prod, ProductionSupportRoleID)
	link(test, StandardUserRoleID)
	link(test, SupportRoleID)
	for i, r := range acct.Roles {
		switch g.rng.IntN(3) {
		case 0:
			link(prod, r.ID)
		case 1:
			link(test, r.ID)
		}
		if i == 0 {
			link(sandbox, r.ID)
		}
	}
}
