package boomisim

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
)

// DatasetSpec sizes a generated world. Generate gives the same State for the same spec, down to every id.
type DatasetSpec struct {
	Seed int64 `json:"seed"`
	// Users is the number of platform users in the main account, the admin included (at least 1).
	Users int `json:"users"`
	// MaxRolesPerUser caps the direct roles one user holds in the main account.
	MaxRolesPerUser int `json:"maxRolesPerUser"`
	// CustomRoles is the number of custom roles defined on the main account.
	CustomRoles int `json:"customRoles"`
	// Groups is the number of account groups on the primary, the default "All Accounts" group included.
	Groups int `json:"groups"`
	// GroupRoleLinks is the number of AccountGroupUserRole links (users who have logged in only).
	GroupRoleLinks int `json:"groupRoleLinks"`
	// SubAccounts is the number of sub-accounts under the primary.
	SubAccounts int `json:"subAccounts"`
	// FederatedUsers is the number of main-account users with an SSO federation id.
	FederatedUsers int `json:"federatedUsers"`
	// LoginEvents is the number of successful-login AuditLog entries on the main account.
	LoginEvents int `json:"loginEvents"`
	// NonPrimary makes the main account one standalone account: no groups, no sub-accounts.
	NonPrimary bool `json:"nonPrimary"`
	// UnknownFields sprinkles InjectedUnknownFields into emitted objects (their Extra maps).
	UnknownFields bool `json:"unknownFields"`
	// MFT, when set, adds a Boomi MFT tenant of that size (GenerateMFT).
	MFT *MFTSpec `json:"mft,omitempty"`
	// Tree, when set, fills the sub-accounts like a partner's account tree (dataset_tree.go).
	Tree *TreeSpec `json:"tree,omitempty"`
	// AuditLogsUpTo, when set, moves the generated audit log so that its newest entry is an hour before
	// it. Generated dates are anchored at a fixed day (genEpoch), so a seed gives the same world every day;
	// moving the log to now keeps its logins inside a last-login lookback window whatever today's date (the
	// connector's --simulator passes the time it starts). It is not part of the JSON spec: a spec file
	// stays the same world on every run.
	AuditLogsUpTo time.Time `json:"-"`
}

// DefaultSpec is a dataset of the given number of users with realistic proportions: a primary account with
// sub-accounts and account groups, about one custom role per hundred users, 30% SSO users, two logins per
// user, unknown fields on.
func DefaultSpec(users int, seed int64) DatasetSpec {
	return DatasetSpec{
		Seed:            seed,
		Users:           users,
		MaxRolesPerUser: 6,
		CustomRoles:     clampInt(users/100, 3, 60),
		Groups:          clampInt(users/200, 3, 30),
		GroupRoleLinks:  users / 5,
		SubAccounts:     clampInt(users/100, 2, 50),
		FederatedUsers:  users * 3 / 10,
		LoginEvents:     users * 2,
		UnknownFields:   true,
	}
}

// Connection is the generated admin credential: what a connector needs to call the simulator.
type Connection struct {
	AccountID string `json:"accountId"`
	Username  string `json:"username"` // the login e-mail, without the BOOMI_TOKEN. prefix
	Token     string `json:"token"`
}

// AdminConnection returns the generated admin's credential for the main account of st (the first
// credential; its first account is the main account).
func AdminConnection(st *State) Connection {
	if st == nil || len(st.Credentials) == 0 {
		return Connection{}
	}
	c := st.Credentials[0]
	conn := Connection{Username: c.Email, Token: c.Token}
	if len(c.Accounts) > 0 {
		conn.AccountID = c.Accounts[0]
	}
	return conn
}

// InjectedUnknownFields are the JSON fields the generator adds to objects' Extra maps when
// DatasetSpec.UnknownFields is set. Boomi may add optional fields without notice (docs/boomi-api.md#versioning); clients
// must ignore them, and the conformance test exempts exactly these names.
var InjectedUnknownFields = []string{"futureFlag", "provisioningSource", "legacyTags", "riskScore", "deprecatedAlias"}

// unknownFieldValues gives each injected field a value of a different JSON kind.
func unknownFieldValues(i int) map[string]any {
	all := []any{
		true,
		map[string]any{"@type": "ProvisioningSource", "name": "ldap-sync", "revision": 3},
		[]any{"imported", 2019, nil},
		42.5,
		nil,
	}
	// Two fields per object, rotating, so every field and value kind appears.
	a, b := i%len(all), (i+2)%len(all)
	return map[string]any{InjectedUnknownFields[a]: all[a], InjectedUnknownFields[b]: all[b]}
}

// genEpoch anchors every generated date so a seed gives the same world on every run and every day.
var genEpoch = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

// dateLayout is Boomi's date format (yyyy-MM-dd'T'HH:mm:ss'Z', UTC), in which the simulator writes and reads
// every date; the simulator imports no client, so pkg/boomi's DateLayout is not used here.
const dateLayout = "2006-01-02T15:04:05Z"

// Generate builds a deterministic world from spec: the main account (primary, unless spec.NonPrimary), its
// users, roles, federation records and audit log, sub-accounts and account groups, and one admin credential
// holding Administrator in every account.
func Generate(spec DatasetSpec) *State {
	spec = normalizedSpec(spec)
	g := &generator{
		spec:      spec,
		rng:       rand.New(rand.NewPCG(uint64(spec.Seed), 0xb0041)),
		taken:     map[string]bool{},
		userIndex: map[string]int{},
		st: &State{
			Accounts:    map[string]*AccountState{},
			Users:       map[string]*PlatformUser{},
			Credentials: []Credential{},
			Invitations: []Invitation{},
		},
	}
	g.mainAccount()
	g.users()
	g.customRoles()
	g.mainUserRoles()
	g.federations()
	g.auditLogs()
	if !spec.NonPrimary {
		g.createSubAccounts()
		g.createGroups()
		g.groupUserRoles()
		g.groupResources()
		if spec.Tree != nil {
			g.tree(*spec.Tree)
		}
	}
	g.credential()
	if spec.UnknownFields {
		g.unknownFields()
	}
	g.environments()
	if spec.MFT != nil {
		g.st.MFT = GenerateMFT(spec.Seed, *spec.MFT)
	}
	if !spec.AuditLogsUpTo.IsZero() {
		moveAuditLogs(g.st, spec.AuditLogsUpTo)
	}
	return g.st
}

// moveAuditLogs shifts every account's audit log by one whole number of seconds so that its newest entry
// is an hour before upTo (DatasetSpec.AuditLogsUpTo).
func moveAuditLogs(st *State, upTo time.Time) {
	var newest time.Time
	for _, acct := range st.Accounts {
		for _, e := range acct.AuditLogs {
			if t, err := time.Parse(dateLayout, e.Date); err == nil && t.After(newest) {
				newest = t
			}
		}
	}
	if newest.IsZero() {
		return
	}
	shift := upTo.Add(-time.Hour).Sub(newest).Truncate(time.Second)
	for _, acct := range st.Accounts {
		for i := range acct.AuditLogs {
			if t, err := time.Parse(dateLayout, acct.AuditLogs[i].Date); err == nil {
				acct.AuditLogs[i].Date = t.Add(shift).UTC().Format(dateLayout)
			}
		}
	}
}

// normalizedSpec clamps sizes into what a world can hold.
func normalizedSpec(spec DatasetSpec) DatasetSpec {
	spec.Users = max(spec.Users, 1)
	spec.MaxRolesPerUser = max(spec.MaxRolesPerUser, 1)
	spec.CustomRoles = max(spec.CustomRoles, 0)
	spec.FederatedUsers = clampInt(spec.FederatedUsers, 0, spec.Users)
	spec.LoginEvents = max(spec.LoginEvents, 0)
	spec.GroupRoleLinks = max(spec.GroupRoleLinks, 0)
	if spec.NonPrimary {
		spec.SubAccounts, spec.Groups, spec.GroupRoleLinks = 0, 0, 0
	} else {
		spec.SubAccounts = max(spec.SubAccounts, 0)
		spec.Groups = max(spec.Groups, 1) // a primary always has its default group
	}
	return spec
}

type generator struct {
	spec  DatasetSpec
	rng   *rand.Rand
	st    *State
	taken map[string]bool // e-mails in use, lower-cased

	main        *AccountState
	domain      string
	userOrder   []string       // e-mails in creation order; index 0 is the admin
	userIndex   map[string]int // position of each e-mail in userOrder
	subAccounts []*AccountState
}

func (g *generator) date(daysBefore float64) string {
	return genEpoch.Add(-time.Duration(daysBefore * float64(24*time.Hour))).Format(dateLayout)
}

// uuid draws a canonical 8-4-4-4-12 lower-case hex id (version 4 layout).
func (g *generator) uuid() string {
	hi, lo := g.rng.Uint64(), g.rng.Uint64()
	hi = hi&^0xf000 | 0x4000
	lo = lo&^(0xc<<60) | 0x8<<60
	return fmt.Sprintf("%08x-%04x-%04x-%04x-%012x", hi>>32, hi>>16&0xffff, hi&0xffff, lo>>48, lo&0xffffffffffff)
}

const accountIDAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

// accountID draws "<name>-<6 upper alnum>", Boomi's account id shape (docs/boomi-api.md#base-urls).
func (g *generator) accountID(name string) string {
	var b strings.Builder
	b.WriteString(name)
	b.WriteByte('-')
	for range 6 {
		b.WriteByte(accountIDAlphabet[g.rng.IntN(len(accountIDAlphabet))])
	}
	return b.String()
}

func (g *generator) mainAccount() {
	company := companyPool[g.rng.IntN(len(companyPool))]
	g.domain = company.slug + ".example"
	g.main = &AccountState{
		Account: Account{
			AccountID:          g.accountID(company.slug),
			Name:               company.name,
			Status:             "active",
			DateCreated:        g.date(365*5 + g.rng.Float64()*365),
			SupportLevel:       "premier",
			SupportAccess:      true,
			SuggestionsEnabled: true,
		},
		Primary: !g.spec.NonPrimary,
	}
	g.st.Accounts[g.main.Account.AccountID] = g.main
}

// users creates spec.Users platform users: the admin first, then the named people, then random names.
func (g *generator) users() {
	add := func(first, last pooledName, style emailStyle, loggedIn bool) {
		email := uniqueEmail(makeEmail(g.rng, style, first.ascii, last.ascii, g.domain), g.taken)
		g.st.Users[email] = &PlatformUser{Email: email, FirstName: first.display, LastName: last.display, LoggedIn: loggedIn}
		g.userIndex[email] = len(g.userOrder)
		g.userOrder = append(g.userOrder, email)
	}
	add(pooledName{"Baton", "svc"}, pooledName{"Service", "baton"}, emailDotted, true)
	// The named people, with the e-mail spellings tests look for: a mixed-case and a plus-addressed one.
	namedStyles := []emailStyle{emailMixedCase, emailDotted, emailPlus}
	for i, p := range namedPeople {
		if len(g.userOrder) == g.spec.Users {
			return
		}
		add(p.first, p.last, namedStyles[i], true)
	}
	for len(g.userOrder) < g.spec.Users {
		first := firstNamePool[g.rng.IntN(len(firstNamePool))]
		last := lastNamePool[g.rng.IntN(len(lastNamePool))]
		add(first, last, drawEmailStyle(g.rng), g.rng.IntN(100) < 88)
	}
}

func (g *generator) customRoles() {
	for i := range g.spec.CustomRoles {
		base := customRolePool[i%len(customRolePool)]
		name := base.name
		if round := i / len(customRolePool); round > 0 {
			name = fmt.Sprintf("%s %d", base.name, round+1)
		}
		privs := slices.Clone(privilegePool)
		g.rng.Shuffle(len(privs), func(a, b int) { privs[a], privs[b] = privs[b], privs[a] })
		role := Role{
			ID:          g.uuid(),
			AccountID:   g.main.Account.AccountID,
			Name:        name,
			Description: base.description,
			ParentID:    StandardUserRoleID,
		}
		for _, p := range privs[:1+g.rng.IntN(5)] {
			role.Privileges = append(role.Privileges, Privilege{Name: p})
		}
		g.main.Roles = append(g.main.Roles, role)
	}
}

// weightedRole is a role the generator may draw, with its relative frequency.
type weightedRole struct {
	id     string
	weight int
}

// directRolePool is what main-account users are drawn from: mostly Standard User, Administrator rarely.
// The non-canonical built-in role is handed out separately to a few users.
func (g *generator) directRolePool() []weightedRole {
	pool := []weightedRole{
		{StandardUserRoleID, 30}, {ProductionSupportRoleID, 10}, {SupportRoleID, 10}, {AdministratorRoleID, 2},
		{APIManagementAdminRoleID, 1},
	}
	for _, r := range g.main.Roles {
		pool = append(pool, weightedRole{r.ID, 6})
	}
	return pool
}

// drawRoles draws up to n distinct roles from pool by weight.
func (g *generator) drawRoles(pool []weightedRole, n int) []string {
	left := slices.Clone(pool)
	var out []string
	for len(out) < n && len(left) > 0 {
		total := 0
		for _, w := range left {
			total += w.weight
		}
		pick := g.rng.IntN(total)
		for i, w := range left {
			if pick < w.weight {
				out = append(out, w.id)
				left = slices.Delete(left, i, i+1)
				break
			}
			pick -= w.weight
		}
	}
	return out
}

// roleCount draws how many direct roles a user holds: 1 most often, geometric tail up to the cap.
func (g *generator) roleCount() int {
	k := 1
	for k < g.spec.MaxRolesPerUser && g.rng.Float64() < 0.45 {
		k++
	}
	return k
}

func (g *generator) addUserRole(acct *AccountState, email, roleID string) {
	u := g.st.Users[email]
	acct.UserRoles = append(acct.UserRoles, AccountUserRole{
		ID:        linkID(acct.Account.AccountID, email, roleID),
		AccountID: acct.Account.AccountID,
		UserID:    email,
		RoleID:    roleID,
		FirstName: u.FirstName,
		LastName:  u.LastName,
	})
}

// mainUserRoles gives every main-account user its direct roles, with the mess tests rely on: user 1 holds
// only Standard User, user 2 holds as many roles as allowed, a few users hold the non-canonical role.
func (g *generator) mainUserRoles() {
	pool := g.directRolePool()
	nonCanonicalHolders := map[int]bool{}
	if n := len(g.userOrder); n > 1 {
		for range clampInt(n/150, 2, 8) {
			nonCanonicalHolders[1+g.rng.IntN(n-1)] = true
		}
		delete(nonCanonicalHolders, 1) // user 1 keeps Standard User as its only role
		if len(nonCanonicalHolders) == 0 && n > 2 {
			nonCanonicalHolders[2] = true
		}
	}
	for i, email := range g.userOrder {
		var roles []string
		switch {
		case i == 0:
			roles = []string{AdministratorRoleID}
		case i == 1 || g.rng.IntN(100) < 35:
			roles = []string{StandardUserRoleID}
		case i == 2:
			roles = g.drawRoles(pool, g.spec.MaxRolesPerUser)
		default:
			roles = g.drawRoles(pool, g.roleCount())
		}
		if nonCanonicalHolders[i] {
			// Within the cap: at MaxRolesPerUser 1 the non-canonical role is the holder's only role.
			if len(roles) >= g.spec.MaxRolesPerUser {
				roles = roles[:g.spec.MaxRolesPerUser-1]
			}
			roles = append(roles, NonCanonicalRoleID)
		}
		for _, r := range roles {
			g.addUserRole(g.main, email, r)
		}
	}
}

// federations gives spec.FederatedUsers main-account users an SSO federation id, unique in the account, in
// the shapes IdPs use: the lower-cased e-mail, an employee number, an opaque IdP id.
func (g *generator) federations() {
	if g.spec.FederatedUsers == 0 {
		return
	}
	// Federated users are drawn from everyone but the admin while there are enough of them.
	candidates := slices.Clone(g.userOrder)
	if g.spec.FederatedUsers < len(candidates) {
		candidates = candidates[1:]
	}
	g.rng.Shuffle(len(candidates), func(a, b int) { candidates[a], candidates[b] = candidates[b], candidates[a] })
	chosen := candidates[:g.spec.FederatedUsers]
	// Keep the records in user creation order, which is how a tenant accumulates them.
	g.inCreationOrder(chosen)

	usedFedIDs := map[string]bool{}
	acct := g.main.Account.AccountID
	for _, email := range chosen {
		var fedID string
		for fedID == "" || usedFedIDs[fedID] {
			switch p := g.rng.IntN(100); {
			case p < 60 && fedID == "":
				fedID = strings.ToLower(email)
			case p < 85:
				fedID = fmt.Sprintf("E%06d", g.rng.IntN(1_000_000))
			default:
				fedID = "00u" + g.alnum(17)
			}
		}
		usedFedIDs[fedID] = true
		g.main.Federations = append(g.main.Federations, AccountUserFederation{
			ID:           linkID(fedID, email, acct),
			AccountID:    acct,
			UserID:       email,
			FederationID: fedID,
		})
	}
	g.main.SSOConfig = &AccountSSOConfig{
		AccountID:              acct,
		Enabled:                true,
		IdpURL:                 "https://idp." + g.domain + "/saml2/sso",
		SignoutRedirectURL:     "https://intranet." + g.domain + "/signed-out",
		Certificate:            []string{"LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUM" + g.alnum(24)},
		CertInfo:               "CN=idp." + g.domain + "~~Expires 2027-06-01~~SHA256",
		FedIDFromNameID:        true,
		NameIDPolicy:           "UNSPECIFIED",
		AuthnContext:           "PPT",
		AuthnContextComparison: "EXACT",
	}
}

// inCreationOrder sorts e-mails by when their users were created.
func (g *generator) inCreationOrder(emails []string) {
	slices.SortFunc(emails, func(a, b string) int { return g.userIndex[a] - g.userIndex[b] })
}

const alnumAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

func (g *generator) alnum(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alnumAlphabet[g.rng.IntN(len(alnumAlphabet))]
	}
	return string(b)
}

// auditLogs records spec.LoginEvents successful logins by users who have logged in, plus a few lockouts and
// unlocks, all within the 90 days before genEpoch, in date order (docs/boomi-api.md#audit-log-user-status-and-last-login for type/action/modifier).
func (g *generator) auditLogs() {
	acct := g.main.Account.AccountID
	var loggedIn []string
	for _, email := range g.userOrder {
		if g.st.Users[email].LoggedIn {
			loggedIn = append(loggedIn, email)
		}
	}
	type event struct {
		log AuditLog
		at  float64 // days before the epoch
	}
	var events []event
	for range g.spec.LoginEvents {
		email := loggedIn[g.rng.IntN(len(loggedIn))]
		source := "WEB"
		if email == g.userOrder[0] {
			source = "API"
		}
		events = append(events, event{at: g.rng.Float64() * 90, log: AuditLog{
			UserID: email, Type: "account", Action: "ON_ENTRY", Modifier: "SUCCESS",
			Level: "INFO", Source: source, Message: "User signed in to the account.",
		}})
	}
	// Lockouts: some stay locked, most are unlocked by an administrator later.
	for range clampInt(len(g.userOrder)/200, 1, 20) {
		email := g.userOrder[g.rng.IntN(len(g.userOrder))]
		lockedAt := 1 + g.rng.Float64()*80
		// As in the server's own audit entries, userId is who acted and the userId property whom it concerns.
		target := []AuditLogProperty{{Name: "userId", Value: email}}
		events = append(events, event{at: lockedAt, log: AuditLog{
			UserID: email, Type: "user", Action: "UPDATE", Modifier: "AUTHENTICATION",
			Level: "WARNING", Source: "WEB", Message: "User locked after repeated failed sign-in attempts.",
			Properties: target,
		}})
		if g.rng.IntN(100) < 70 {
			events = append(events, event{at: lockedAt * g.rng.Float64(), log: AuditLog{
				UserID: g.userOrder[0], Type: "user", Action: "UPDATE", Modifier: "AUTHENTICATION",
				Level: "INFO", Source: "WEB", Message: "User unlocked by an account administrator.",
				Properties: target,
			}})
		}
	}
	slices.SortStableFunc(events, func(a, b event) int {
		switch {
		case a.at > b.at:
			return -1
		case a.at < b.at:
			return 1
		}
		return 0
	})
	for _, e := range events {
		e.log.DocumentID = g.uuid()
		e.log.AccountID = acct
		e.log.ContainerID = acct
		e.log.Date = g.date(e.at)
		g.main.AuditLogs = append(g.main.AuditLogs, e.log)
	}
}

// createSubAccounts creates the primary's sub-accounts, each with the admin as Administrator and a share of the
// main account's users holding built-in roles.
func (g *generator) createSubAccounts() {
	company := g.main.Account.Name
	slug, _, _ := strings.Cut(g.main.Account.AccountID, "-")
	members := clampInt(g.spec.Users/20, 1, 200)
	if g.spec.Tree != nil && g.spec.Tree.UsersPerSubAccount > 0 {
		members = g.spec.Tree.UsersPerSubAccount
	}
	for i := range g.spec.SubAccounts {
		suffix := subAccountSuffixes[i%len(subAccountSuffixes)]
		if round := i / len(subAccountSuffixes); round > 0 {
			suffix = fmt.Sprintf("%s %d", suffix, round+1)
		}
		status, expires := "active", ""
		switch p := g.rng.IntN(100); {
		case p < 10:
			status, expires = "trial", genEpoch.AddDate(0, 0, 30+g.rng.IntN(60)).Format(dateLayout)
		case p < 14:
			status = "suspended"
		}
		sub := &AccountState{
			Account: Account{
				AccountID:      g.accountID(slug + fmt.Sprintf("%02d", i+1)),
				Name:           company + " " + suffix,
				Status:         status,
				DateCreated:    g.date(g.rng.Float64() * 365 * 4),
				ExpirationDate: expires,
				SupportLevel:   "standard",
				SupportAccess:  g.rng.IntN(2) == 0,
			},
			ParentID: g.main.Account.AccountID,
		}
		g.addUserRole(sub, g.userOrder[0], AdministratorRoleID)
		if others := g.userOrder[1:]; len(others) > 0 {
			picked := slices.Clone(others)
			g.rng.Shuffle(len(picked), func(a, b int) { picked[a], picked[b] = picked[b], picked[a] })
			picked = picked[:min(members, len(picked))]
			g.inCreationOrder(picked)
			for _, email := range picked {
				roles := []string{StandardUserRoleID}
				if g.rng.IntN(100) < 25 {
					roles = g.drawRoles([]weightedRole{{ProductionSupportRoleID, 2}, {SupportRoleID, 2}, {StandardUserRoleID, 1}}, 1+g.rng.IntN(2))
				}
				for _, r := range roles {
					g.addUserRole(sub, email, r)
				}
			}
		}
		g.subAccounts = append(g.subAccounts, sub)
		g.st.Accounts[sub.Account.AccountID] = sub
	}
}

var alertLevels = []string{"none", "info", "warning", "error"}

// createGroups creates the primary's account groups: the default "All Accounts" group holding every sub-account,
// and named groups holding random subsets.
func (g *generator) createGroups() {
	primary := g.main.Account.AccountID
	addMember := func(group AccountGroup, sub *AccountState) {
		g.main.GroupAccounts = append(g.main.GroupAccounts, AccountGroupAccount{
			ID:             linkID(group.ID, sub.Account.AccountID),
			AccountGroupID: group.ID,
			AccountID:      sub.Account.AccountID,
		})
	}
	for i := range g.spec.Groups {
		group := AccountGroup{ID: g.uuid(), AccountID: primary, AutoSubscribeAlertLevel: "none"}
		if i == 0 {
			group.Name, group.DefaultGroup = "All Accounts", true
		} else {
			group.Name = groupNamePool[(i-1)%len(groupNamePool)]
			if round := (i - 1) / len(groupNamePool); round > 0 {
				group.Name = fmt.Sprintf("%s %d", group.Name, round+1)
			}
			group.AutoSubscribeAlertLevel = alertLevels[g.rng.IntN(len(alertLevels))]
		}
		g.main.Groups = append(g.main.Groups, group)
		if i == 0 {
			for _, sub := range g.subAccounts {
				addMember(group, sub)
			}
			continue
		}
		for _, sub := range g.subAccounts {
			if g.rng.IntN(100) < 35 {
				addMember(group, sub)
			}
		}
	}
}

// groupUserRoles creates spec.GroupRoleLinks distinct (group, user, role) links for users who have logged
// in (Boomi refuses the others, docs/boomi-api.md#accountgroupuserrole). If the combinations run out, it stops short.
func (g *generator) groupUserRoles() {
	if len(g.main.Groups) == 0 || g.spec.GroupRoleLinks == 0 {
		return
	}
	var loggedIn []string
	for _, email := range g.userOrder {
		if g.st.Users[email].LoggedIn {
			loggedIn = append(loggedIn, email)
		}
	}
	pool := []weightedRole{{StandardUserRoleID, 8}, {ProductionSupportRoleID, 6}, {SupportRoleID, 6}, {AdministratorRoleID, 2}}
	for _, r := range g.main.Roles {
		pool = append(pool, weightedRole{r.ID, 3})
	}
	seen := map[string]bool{}
	for attempts := 0; len(g.main.GroupUserRoles) < g.spec.GroupRoleLinks && attempts < 50*g.spec.GroupRoleLinks; attempts++ {
		group := g.main.Groups[g.rng.IntN(len(g.main.Groups))]
		email := loggedIn[g.rng.IntN(len(loggedIn))]
		role := g.drawRoles(pool, 1)[0]
		id := linkID(group.ID, email, role)
		if seen[id] {
			continue
		}
		seen[id] = true
		u := g.st.Users[email]
		g.main.GroupUserRoles = append(g.main.GroupUserRoles, AccountGroupUserRole{
			ID: id, AccountGroupID: group.ID, UserID: email, RoleID: role, FirstName: u.FirstName, LastName: u.LastName,
		})
	}
}

// groupResources lists, on each group, the roles its links use (objectType Role), plus an integration pack
// on some groups, as GET /AccountGroup/{id} shows them.
func (g *generator) groupResources() {
	names := map[string]string{}
	for _, r := range append(BuiltinRoles(), g.main.Roles...) {
		names[r.ID] = r.Name
	}
	for gi := range g.main.Groups {
		group := &g.main.Groups[gi]
		listed := map[string]bool{}
		for _, link := range g.main.GroupUserRoles {
			if link.AccountGroupID == group.ID && !listed[link.RoleID] {
				listed[link.RoleID] = true
				group.Resources = append(group.Resources, Resource{ResourceID: link.RoleID, ResourceName: names[link.RoleID], ObjectType: "Role"})
			}
		}
		if g.rng.IntN(100) < 30 {
			group.Resources = append(group.Resources, Resource{ResourceID: g.uuid(), ResourceName: "Salesforce Account Sync", ObjectType: "Integration Pack"})
		}
	}
}

// credential registers the admin (user 0) as the API caller of the main account and every sub-account.
func (g *generator) credential() {
	accounts := []string{g.main.Account.AccountID}
	for _, sub := range g.subAccounts {
		accounts = append(accounts, sub.Account.AccountID)
	}
	g.st.Credentials = append(g.st.Credentials, Credential{Email: g.userOrder[0], Token: g.uuid(), Accounts: accounts})
}

// unknownFields sprinkles InjectedUnknownFields over a share of every object type that can carry them.
func (g *generator) unknownFields() {
	n := 0
	next := func() map[string]any { n++; return unknownFieldValues(n) }
	for _, acct := range g.allAccounts() {
		for i := range acct.UserRoles {
			if i%5 == 2 {
				acct.UserRoles[i].Extra = next()
			}
		}
		for i := range acct.Roles {
			if i%2 == 0 {
				acct.Roles[i].Extra = next()
			}
		}
		for i := range acct.Groups {
			if !acct.Groups[i].DefaultGroup {
				acct.Groups[i].Extra = next()
			}
		}
		for i := range acct.GroupUserRoles {
			if i%4 == 1 {
				acct.GroupUserRoles[i].Extra = next()
			}
		}
	}
}

// allAccounts is the main account followed by its sub-accounts, in creation order.
func (g *generator) allAccounts() []*AccountState {
	return append([]*AccountState{g.main}, g.subAccounts...)
}

func clampInt(v, lo, hi int) int {
	return max(lo, min(v, hi))
}
