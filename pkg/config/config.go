// Package config declares baton-boomi's connector fields. The Boomi struct in conf.gen.go is generated
// from these declarations: run `make generate` (or `go generate ./pkg/config`) after changing them.
package config

import (
	"errors"

	"github.com/conductorone/baton-sdk/pkg/field"
)

//go:generate go run ./gen

// DefaultBaseURL is Boomi's North-America platform host; EU tenants use https://api.platform.gb.boomi.com.
const DefaultBaseURL = "https://api.boomi.com"

// DefaultRequestsPerSecond keeps the connector below Boomi's documented limit of 10 requests/s per account.
const DefaultRequestsPerSecond = 8

var (
	AccountIDField = field.StringField(
		"account-id",
		field.WithDisplayName("Account ID"),
		field.WithDescription("Boomi account id (Settings → Account Information), e.g. acme-AB12CD"),
		field.WithRequiredInGUI(true),
	)
	UsernameField = field.StringField(
		"username",
		field.WithDisplayName("Username"),
		field.WithDescription("Login e-mail of the Boomi administrator that owns the API token; BOOMI_TOKEN. is added unless already present"),
		field.WithRequiredInGUI(true),
	)
	APITokenField = field.StringField(
		"api-token",
		field.WithDisplayName("API token"),
		field.WithDescription("Boomi Platform API token of that administrator (Settings → Account Information and Setup → Platform API Tokens)"),
		field.WithIsSecret(true),
		field.WithRequiredInGUI(true),
	)
	BaseURLField = field.StringField(
		"base-url",
		field.WithDisplayName("Base URL"),
		field.WithDescription("Boomi platform host root; the connector appends /api/rest/v1/{account-id}. EU: https://api.platform.gb.boomi.com"),
		field.WithDefaultValue(DefaultBaseURL),
	)
	MFTBaseURLField = field.StringField(
		"mft-base-url",
		field.WithDisplayName("MFT base URL"),
		field.WithDescription("Base URL of your Boomi MFT (AFT Management API) tenant, the address before /api: https://us.thruinc.com (US) or https://eu.thruinc.com (EU), not the legacy connector API https://us-api.thruinc.com; set together with --mft-api-key to sync MFT users, roles, organizations and SSO mappings"),
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
		field.WithDescription("Client-side pacing of Boomi API calls; Boomi answers 503 above 10 requests/s per account"),
		field.WithDefaultValue(DefaultRequestsPerSecond),
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
	UsernameField,
	APITokenField,
	BaseURLField,
	MFTBaseURLField,
	MFTAPIKeyField,
	RequestsPerSecondField,
	NotifyUsersField,
	SyncLastLoginField,
	SimulatorField,
}

// FieldRelationships: the three Platform credentials come as a set. All three absent is allowed by the
// schema only because --simulator needs no credentials; the SDK's constraints cannot express "unless", so
// CheckCredentials enforces the rest. The MFT pair is declared as two dependencies rather than
// "required together" because the SDK's error for a dependency names both fields, the other only the
// missing one.
var FieldRelationships = []field.SchemaFieldRelationship{
	field.FieldsRequiredTogether(AccountIDField, UsernameField, APITokenField),
	field.FieldsDependentOn([]field.SchemaField{MFTBaseURLField}, []field.SchemaField{MFTAPIKeyField}),
	field.FieldsDependentOn([]field.SchemaField{MFTAPIKeyField}, []field.SchemaField{MFTBaseURLField}),
}

// Config is the connector's configuration schema (fields, constraints, display name, help URL).
var Config = field.NewConfiguration(
	ConfigurationFields,
	field.WithConstraints(FieldRelationships...),
	field.WithConnectorDisplayName("Boomi"),
	field.WithHelpUrl("https://developer.boomi.com/docs/api/platformapi/"),
)

// ErrMissingCredentials is the sentence a user sees when no Platform credentials were given.
const ErrMissingCredentials = "Boomi credentials are missing: set --account-id, --username and --api-token " +
	"(or BATON_ACCOUNT_ID, BATON_USERNAME and BATON_API_TOKEN), or add --simulator to try the connector " +
	"against the built-in simulator"

// CheckCredentials enforces what the schema cannot: without --simulator, the Platform credentials are
// required. (That they come as a set is already checked by FieldRelationships.)
func CheckCredentials(c *Boomi) error {
	if c.Simulator {
		return nil
	}
	if c.AccountId == "" || c.Username == "" || c.ApiToken == "" {
		return errors.New(ErrMissingCredentials)
	}
	return nil
}
