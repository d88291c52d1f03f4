package boomisim

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Name pools of the dataset generator. Each display name carries the ASCII form its e-mail local part is
// made from, the way a directory would transliterate it. The pools deliberately mix scripts (Latin with
// diacritics, apostrophes and hyphens, CJK, Cyrillic) so clients prove they handle non-ASCII names.

type pooledName struct{ display, ascii string }

var firstNamePool = []pooledName{
	{"James", "james"}, {"Mary", "mary"}, {"José", "jose"}, {"Zoë", "zoe"}, {"Søren", "soren"},
	{"François", "francois"}, {"Łukasz", "lukasz"}, {"Ana-María", "ana-maria"}, {"Björn", "bjorn"},
	{"Chloé", "chloe"}, {"Priya", "priya"}, {"Wei", "wei"}, {"Aiko", "aiko"}, {"Mohammed", "mohammed"},
	{"Olga", "olga"}, {"Liam", "liam"}, {"Emma", "emma"}, {"Noah", "noah"}, {"Olivia", "olivia"},
	{"Lucas", "lucas"}, {"Sofía", "sofia"}, {"Mateo", "mateo"}, {"Fatima", "fatima"}, {"Kwame", "kwame"},
	{"Ingrid", "ingrid"}, {"Dmitri", "dmitri"}, {"Hannah", "hannah"}, {"Raj", "raj"}, {"Yuki", "yuki"},
	{"Siobhán", "siobhan"}, {"Ahmet", "ahmet"}, {"Grace", "grace"}, {"Daniel", "daniel"}, {"Amara", "amara"},
	{"Thomas", "thomas"}, {"Laura", "laura"}, {"Pedro", "pedro"}, {"Anneliese", "anneliese"}, {"Kenji", "kenji"},
	{"Nadia", "nadia"}, {"Oliver", "oliver"}, {"Isabella", "isabella"}, {"Mikael", "mikael"}, {"Elif", "elif"},
	{"美咲", "misaki"}, {"Дмитрий", "dmitry"}, {"Jürgen", "jurgen"}, {"Renée", "renee"},
}

var lastNamePool = []pooledName{
	{"Müller", "muller"}, {"O'Brien", "obrien"}, {"Smith", "smith"}, {"García", "garcia"}, {"Nguyễn", "nguyen"},
	{"Kowalski", "kowalski"}, {"Johansson", "johansson"}, {"Dubois", "dubois"}, {"Patel", "patel"},
	{"Okafor", "okafor"}, {"Tanaka", "tanaka"}, {"Rossi", "rossi"}, {"van der Berg", "vanderberg"},
	{"Ødegaard", "odegaard"}, {"Schmidt", "schmidt"}, {"Brown", "brown"}, {"Wilson", "wilson"}, {"Kim", "kim"},
	{"Lee", "lee"}, {"Ivanova", "ivanova"}, {"Fernández", "fernandez"}, {"Jones", "jones"}, {"Nowak", "nowak"},
	{"Hernández", "hernandez"}, {"Andersson", "andersson"}, {"Mensah", "mensah"}, {"Yılmaz", "yilmaz"},
	{"Silva", "silva"}, {"Cohen", "cohen"}, {"MacDonald", "macdonald"}, {"Kuznetsov", "kuznetsov"},
	{"Singh", "singh"}, {"Martin", "martin"}, {"Lefèvre", "lefevre"}, {"Bianchi", "bianchi"}, {"Walsh", "walsh"},
	{"Haddad", "haddad"}, {"Novák", "novak"}, {"佐藤", "sato"}, {"Иванов", "ivanov"}, {"Abbott-Smythe", "abbott-smythe"},
}

// namedPeople are placed first (after the admin) so every dataset of a handful of users already has the
// non-ASCII names tests look for: José Müller, 李雷 (family name first in Chinese) and Zoë O'Brien.
var namedPeople = []struct{ first, last pooledName }{
	{pooledName{"José", "jose"}, pooledName{"Müller", "muller"}},
	{pooledName{"雷", "lei"}, pooledName{"李", "li"}},
	{pooledName{"Zoë", "zoe"}, pooledName{"O'Brien", "obrien"}},
}

// companyPool names the generated primary (or standalone) account; slug is the account id's name part.
var companyPool = []struct{ name, slug string }{
	{"Acme Logistics", "acme"}, {"Globex Corporation", "globex"}, {"Initech", "initech"},
	{"Umbrella Health", "umbrella"}, {"Wayne Enterprises", "wayne"}, {"Soylent Foods", "soylent"},
	{"Hooli", "hooli"}, {"Vandelay Industries", "vandelay"},
}

// subAccountSuffixes name sub-accounts ("Acme Logistics EMEA"); beyond the pool a number is appended.
var subAccountSuffixes = []string{
	"EMEA", "APAC", "Americas", "Sandbox", "Development", "QA", "Payroll", "Retail", "Partner Portal",
	"Data Hub", "Manufacturing", "Île-de-France", "München", "Research", "Training",
}

// groupNamePool names non-default account groups.
var groupNamePool = []string{
	"EMEA Accounts", "Sandboxes", "Production", "Partner Managed", "Finance Integrations",
	"Région Île-de-France", "Support Escalation", "Data Hub Stewards", "Contractors", "Mergers & Acquisitions",
}

// customRolePool names custom roles; Privileges are drawn per role.
var customRolePool = []struct{ name, description string }{
	{"Ops Reader", "read-only operations"},
	{"Release Manager", "deploys packaged components"},
	{"Integration Developer", "builds and tests processes"},
	{"Auditor", "reads audit logs and process reports"},
	{"Environment Admin", "manages environments and runtimes"},
	{"Atom Operator", "starts, stops and maintains runtimes"},
	{"Dashboard Viewer", "views dashboards only"},
	{"Process Monitor", "watches executions and reruns documents"},
	{"API Designer", "designs API components"},
	{"Équipe Paie", "payroll integrations (France)"},
	{"Data Hub Steward", "curates golden records"},
	{"Schedule Maintainer", "edits process schedules"},
}

// privilegePool is the privilege codes Boomi documents (docs/boomi-api.md#roles).
var privilegePool = []string{
	"API", "BUILD", "DEPLOY", "EXECUTE", "VIEW_RESULT", "EMBED", "ATOM_MANAGEMENT", "SCHEDULE_MAINTENANCE",
	"VIEW_AUDIT_LOGS", "ENV_MANAGEMENT", "ATOM_MANAGEMENT_READ_ONLY", "DASHBOARD",
}

// emailStyle is how one user's login e-mail is spelled.
type emailStyle int

const (
	emailDotted     emailStyle = iota // jose.muller@acme.example
	emailInitial                      // jmuller@acme.example
	emailPlus                         // jose.muller+boomi@acme.example
	emailMixedCase                    // Jose.Muller@Acme.example
	emailContractor                   // jose_muller@contractors.example.org
)

// drawEmailStyle picks a style with realistic weights: mostly plain dotted addresses.
func drawEmailStyle(rng *rand.Rand) emailStyle {
	switch p := rng.IntN(100); {
	case p < 70:
		return emailDotted
	case p < 80:
		return emailInitial
	case p < 88:
		return emailPlus
	case p < 95:
		return emailMixedCase
	default:
		return emailContractor
	}
}

var plusTags = []string{"boomi", "sandbox", "admin", "test"}

// makeEmail spells an e-mail for first/last (ASCII forms) in the given style at domain.
func makeEmail(rng *rand.Rand, style emailStyle, first, last, domain string) string {
	switch style {
	case emailInitial:
		return first[:1] + last + "@" + domain
	case emailPlus:
		return first + "." + last + "+" + plusTags[rng.IntN(len(plusTags))] + "@" + domain
	case emailMixedCase:
		return capitalize(first) + "." + capitalize(last) + "@" + capitalize(domain)
	case emailContractor:
		return first + "_" + last + "@contractors.example.org"
	default:
		return first + "." + last + "@" + domain
	}
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// uniqueEmail makes email unique among taken (compared case-insensitively, as a login is) by numbering the
// local part: jose.muller2@..., and records it.
func uniqueEmail(email string, taken map[string]bool) string {
	local, domain, _ := strings.Cut(email, "@")
	candidate := email
	for n := 2; taken[strings.ToLower(candidate)]; n++ {
		base, tag, hasTag := strings.Cut(local, "+")
		if hasTag {
			candidate = fmt.Sprintf("%s%d+%s@%s", base, n, tag, domain)
		} else {
			candidate = fmt.Sprintf("%s%d@%s", local, n, domain)
		}
	}
	taken[strings.ToLower(candidate)] = true
	return candidate
}
