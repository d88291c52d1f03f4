// Package config declares baton-boomi's connector fields. The Boomi struct in conf.gen.go is generated
// from these declarations: run `make generate` (or `go generate ./pkg/config`) after changing them.
package config

import (
	"errors"
	"fmt"
	"strings"

	"github.com/conductorone/baton-sdk/pkg/field"

	"github.com/baton-boomi/baton-boomi/pkg/defaults"
)

//go:generate go run ./gen

// HelpURL is the page ConductorOne's GUI links from the connector's settings: our own setup guide.
const HelpURL = "https://github.com/baton-boomi/baton-boomi/blob/main/docs/setup.md"

// required marks a field as required in --help ("required: …") and in the `config` export (isRequired),
// without the SDK's validation rule: the three Platform credentials are required unless --simulator is
// given, and may arrive under their old names, which the SDK's rule cannot express. ResolveCredentials
// enforces the requirement with one sentence. (field.WithRequired would also add the rule, and
// field.WithRequiredInGUI sets a flag neither --help nor the export reads.)
func required(f field.SchemaField) field.SchemaField {
	f.Required = true
	return f
}

var (
	// The three Platform credentials carry the names ConductorOne's own Boomi connector documents
	// (BATON_BOOMI_EMAIL, BATON_BOOMI_API_TOKEN, BATON_BOOMI_ACCOUNT_ID), so a Secret written for it works
	// unchanged.
	AccountIDField = field.StringField(
		"boomi-account-id",
		field.WithDisplayName("Account ID"),
		field.WithDescription("Boomi account id (Settings → Account Information and Setup)"),
		field.WithPlaceholder("acme-AB12CD"),
		required,
	)
	EmailField = field.StringField(
		"boomi-email",
		field.WithDisplayName("Email"),
		field.WithDescription("Login e-mail of the Boomi administrator that owns the API token; BOOMI_TOKEN. is added unless already present"),
		field.WithPlaceholder("admin@example.com"),
		required,
	)
	APITokenField = field.StringField(
		"boomi-api-token",
		field.WithDisplayName("API token"),
		field.WithDescription("Boomi Platform API token of that administrator (Settings → My User Settings → Platform API Tokens)"),
		field.WithPlaceholder("a Platform API token"),
		field.WithIsSecret(true),
		required,
	)

	// The names before 0.2 keep working on the command line and in the environment; they are hidden from
	// --help and from the GUI export. ResolveCredentials merges each into its new name.
	LegacyAccountIDField = legacyField("account-id", AccountIDField, false)
	LegacyUsernameField  = legacyField("username", EmailField, false)
	LegacyAPITokenField  = legacyField("api-token", APITokenField, true)

	BaseURLField = field.StringField(
		"base-url",
		field.WithDisplayName("Base URL"),
		field.WithDescription("Boomi platform host root; the connector appends /api/rest/v1/{account-id}. EU: https://api.platform.gb.boomi.com"),
		field.WithPlaceholder(defaults.PlatformBaseURL),
		field.WithDefaultValue(defaults.PlatformBaseURL),
	)
	MFTBaseURLField = field.StringField(
		"mft-base-url",
		field.WithDisplayName("MFT base URL"),
		field.WithDescription("Base URL of your Boomi MFT (AFT Management API) tenant, the address before /api: "+
			"https://us.thruinc.com (US) or https://eu.thruinc.com (EU), not the legacy connector API https://us-api.thruinc.com; "+
			"set together with --mft-api-key to sync MFT users, roles, organizations and SSO mappings"),
		field.WithPlaceholder("https://us.thruinc.com"),
	)
	MFTAPIKeyField = field.StringField(
		"mft-api-key",
		field.WithDisplayName("MFT API key"),
		field.WithDescription("Boomi MFT API key; set together with --mft-base-url"),
		field.WithIsSecret(true),
	)
	RequestsPerSecondField = field.IntField(
		"requests-per-second",
		field.WithDisplayName("Requests per second"),
		field.WithDescription("Highest rate of Boomi API calls: the connector starts at it and backs off on a 503 "+
			"(Boomi answers 503 above 10 requests/s per account); lower it to leave room for other API clients"),
		field.WithDefaultValue(defaults.PlatformRequestsPerSecond),
		field.WithInt(func(r *field.IntRuler) { r.Gte(1) }),
	)
	MFTRequestsPerSecondField = field.IntField(
		"mft-requests-per-second",
		field.WithDisplayName("MFT requests per second"),
		field.WithDescription("Highest rate of Boomi MFT API calls, paced apart from the Platform API's; "+
			"the connector starts at it and backs off on a 503"),
		field.WithDefaultValue(defaults.MFTRequestsPerSecond),
		field.WithInt(func(r *field.IntRuler) { r.Gte(1) }),
	)
	NotifyUsersField = field.BoolField(
		"notify-users",
		field.WithDisplayName("Notify users"),
		field.WithDescription("Let Boomi e-mail users when they are given a role or added to an account group"),
		field.WithDefaultValue(true),
	)
	SyncLastLoginField = field.BoolField(
		"sync-last-login",
		field.WithDisplayName("Sync last login"),
		field.WithDescription("Read each user's last successful login from the Boomi audit log (needs the View Audit Logs privilege)"),
		field.WithDefaultValue(false),
	)
	IncludeSubAccountsField = field.BoolField(
		"include-sub-accounts",
		field.WithDisplayName("Include sub-accounts"),
		field.WithDescription("Primary-account mode: also sync and provision each sub-account's direct roles through the Boomi Partner API (Boomi must have enabled the Partner API for the account)"),
		field.WithDefaultValue(false),
	)
	SubAccountsField = field.StringSliceField(
		"sub-accounts",
		field.WithDisplayName("Sub-accounts"),
		field.WithDescription("With --include-sub-accounts: govern only these sub-account ids (nested ones included) instead of the whole account tree"),
	)
	OverrideAccountRateLimitField = field.BoolField(
		"override-account-rate-limit",
		field.WithDisplayName("Per-sub-account rate limit"),
		field.WithDescription("With --include-sub-accounts: Boomi has switched on the account's overrideAccountRateLimit property, "+
			"so Partner API calls count against each sub-account's own limit and the sync reads several sub-accounts at once"),
		field.WithDefaultValue(false),
	)
	// SimulatorField is a command-line-only switch for trying the connector without a Boomi account.
	SimulatorField = field.BoolField(
		"simulator",
		field.WithDisplayName("Simulator"),
		field.WithDescription("Sync an in-process Boomi simulator with a generated dataset instead of a real account (credential flags are ignored)"),
		field.WithExportTarget(field.ExportTargetCLIOnly),
		field.WithDefaultValue(false),
	)
)

// ConfigurationFields lists every connector field, in the order --help and the GUI show them.
var ConfigurationFields = []field.SchemaField{
	AccountIDField,
	EmailField,
	APITokenField,
	BaseURLField,
	MFTBaseURLField,
	MFTAPIKeyField,
	RequestsPerSecondField,
	MFTRequestsPerSecondField,
	NotifyUsersField,
	SyncLastLoginField,
	IncludeSubAccountsField,
	SubAccountsField,
	OverrideAccountRateLimitField,
	SimulatorField,
	LegacyAccountIDField,
	LegacyUsernameField,
	LegacyAPITokenField,
}

// FieldRelationships: the MFT pair is declared as two dependencies rather than "required together"
// because the SDK's error for a dependency names both fields, the other only the missing one. The
// Platform credentials have no constraint here: each may come under its old name, so ResolveCredentials
// checks them after merging.
var FieldRelationships = []field.SchemaFieldRelationship{
	field.FieldsDependentOn([]field.SchemaField{MFTBaseURLField}, []field.SchemaField{MFTAPIKeyField}),
	field.FieldsDependentOn([]field.SchemaField{MFTAPIKeyField}, []field.SchemaField{MFTBaseURLField}),
}

// validatedFields is one field group holding every field, connector's and SDK's. It exists because the
// SDK marks a Required field as a required cobra flag unless the schema has field groups, which would
// refuse --simulator and the old names before ResolveCredentials could accept them; with every field in
// the (only, default) group, the SDK's own validation still covers all of them. It is CLI-only, so the
// GUI export shows no auth-method choice.
var validatedFields = field.SchemaFieldGroup{
	Name:         "boomi",
	DisplayName:  "Boomi",
	Fields:       append(append([]field.SchemaField{}, ConfigurationFields...), field.DefaultFields...),
	Default:      true,
	ExportTarget: field.ExportTargetCLIOnly,
}

// Config is the connector's configuration schema (fields, constraints, display name, help URL).
var Config = field.NewConfiguration(
	ConfigurationFields,
	field.WithConstraints(FieldRelationships...),
	field.WithFieldGroups([]field.SchemaFieldGroup{validatedFields}),
	field.WithConnectorDisplayName("Boomi"),
	field.WithHelpUrl(HelpURL),
)

// legacyField declares the old name of a credential field: same value type, hidden from --help, not
// exported to the GUI.
func legacyField(name string, current field.SchemaField, secret bool) field.SchemaField {
	return field.StringField(
		name,
		field.WithDescription("Old name of --"+current.FieldName),
		field.WithIsSecret(secret),
		field.WithHidden(true),
		field.WithExportTarget(field.ExportTargetCLIOnly),
	)
}

// ErrMissingCredentials is the sentence a user sees when no Platform credentials were given.
const ErrMissingCredentials = "Boomi credentials are missing: set --boomi-account-id, --boomi-email and " +
	"--boomi-api-token (or BATON_BOOMI_ACCOUNT_ID, BATON_BOOMI_EMAIL and BATON_BOOMI_API_TOKEN), or add " +
	"--simulator to try the connector against the built-in simulator"

// credential pairs a credential's value under its documented name with the value under its old name.
type credential struct {
	current, legacy field.SchemaField
	value           *string
	legacyValue     string
}

// envName is the environment variable the SDK reads for a field.
func envName(f field.SchemaField) string {
	return "BATON_" + strings.ToUpper(strings.ReplaceAll(f.FieldName, "-", "_"))
}

// ResolveCredentials is the one place that merges the old credential names (--account-id, --username,
// --api-token) into the documented ones (--boomi-account-id, --boomi-email, --boomi-api-token), and
// enforces what the schema cannot: all three are required, unless --simulator is given and none is. A value
// given under both names must be the same, and every text value must be plausible (CheckValues); values never
// appear in the errors.
func ResolveCredentials(c *Boomi) error {
	creds := []credential{
		{AccountIDField, LegacyAccountIDField, &c.BoomiAccountId, c.AccountId},
		{EmailField, LegacyUsernameField, &c.BoomiEmail, c.Username},
		{APITokenField, LegacyAPITokenField, &c.BoomiApiToken, c.ApiToken},
	}
	var missing []string
	for _, cr := range creds {
		switch {
		case cr.legacyValue == "":
		case *cr.value == "":
			*cr.value = cr.legacyValue
		case *cr.value != cr.legacyValue:
			return fmt.Errorf("--%s and its old name --%s are both set, to different values: keep only --%s (%s)",
				cr.current.FieldName, cr.legacy.FieldName, cr.current.FieldName, envName(cr.current))
		}
		if *cr.value == "" {
			missing = append(missing, fmt.Sprintf("--%s (%s)", cr.current.FieldName, envName(cr.current)))
		}
	}
	switch len(missing) {
	case 0:
		return CheckValues(c)
	case len(creds):
		if c.Simulator {
			return nil
		}
		return errors.New(ErrMissingCredentials)
	default:
		return fmt.Errorf("Boomi credentials are incomplete: set %s as well; the account id, e-mail and API "+
			"token are needed together", strings.Join(missing, " and "))
	}
}
