package config

import (
	"testing"

	"github.com/conductorone/baton-sdk/pkg/field"
	"github.com/conductorone/baton-sdk/pkg/test"
	"github.com/spf13/viper"
	"github.com/stretchr/testify/require"
)

// fromViper builds the typed config the way RunConnector does, so ResolveCredentials sees real values.
func fromViper(v *viper.Viper) *Boomi {
	return &Boomi{
		BoomiAccountId: v.GetString(AccountIDField.FieldName),
		BoomiEmail:     v.GetString(EmailField.FieldName),
		BoomiApiToken:  v.GetString(APITokenField.FieldName),
		AccountId:      v.GetString(LegacyAccountIDField.FieldName),
		Username:       v.GetString(LegacyUsernameField.FieldName),
		ApiToken:       v.GetString(LegacyAPITokenField.FieldName),
		Simulator:      v.GetBool(SimulatorField.FieldName),
	}
}

func TestConfigRelationships(t *testing.T) {
	creds := map[string]string{"boomi-account-id": "acme-AB12CD", "boomi-email": "admin@acme.test", "boomi-api-token": "tok"}
	legacy := map[string]string{"account-id": "acme-AB12CD", "username": "admin@acme.test", "api-token": "tok"}
	with := func(base, extra map[string]string) map[string]string {
		out := map[string]string{}
		for k, v := range base {
			out[k] = v
		}
		for k, v := range extra {
			out[k] = v
		}
		return out
	}
	test.ExerciseTestCases(t, Config, func(v *viper.Viper) error { return ResolveCredentials(fromViper(v)) }, []test.TestCase{
		{Configs: creds, IsValid: true, Message: "all three credentials"},
		{Configs: legacy, IsValid: true, Message: "all three under their old names"},
		{Configs: map[string]string{"boomi-account-id": "acme-AB12CD", "username": "admin@acme.test", "boomi-api-token": "tok"}, IsValid: true, Message: "old and new names mixed"},
		{Configs: with(creds, legacy), IsValid: true, Message: "both names, same values"},
		{Configs: with(creds, map[string]string{"api-token": "other"}), IsValid: false, Message: "both names, different tokens"},
		{Configs: map[string]string{}, IsValid: false, Message: "nothing set and no simulator"},
		{Configs: map[string]string{"simulator": "true"}, IsValid: true, Message: "simulator alone"},
		{Configs: map[string]string{"boomi-account-id": "acme-AB12CD", "boomi-email": "admin@acme.test"}, IsValid: false, Message: "token missing"},
		{Configs: map[string]string{"boomi-api-token": "tok"}, IsValid: false, Message: "token alone"},
		{Configs: map[string]string{"api-token": "tok", "simulator": "true"}, IsValid: false, Message: "partial credentials even with simulator"},
		{Configs: with(creds, map[string]string{"mft-base-url": "https://mft.acme.test", "mft-api-key": "k"}), IsValid: true, Message: "MFT pair"},
		{Configs: with(creds, map[string]string{"mft-base-url": "https://mft.acme.test"}), IsValid: false, Message: "MFT URL without key"},
		{Configs: with(creds, map[string]string{"mft-api-key": "k"}), IsValid: false, Message: "MFT key without URL"},
		{Configs: with(creds, map[string]string{"requests-per-second": "0"}), IsValid: true, Message: "zero pacing means the default"},
		{Configs: with(creds, map[string]string{"requests-per-second": "5"}), IsValid: true, Message: "explicit pacing"},
	})
}

// The field group that keeps cobra from requiring the credentials also holds the SDK's own fields, so
// their rules still apply when the SDK validates its schema (its fields first, as DefineConfigurationV2
// builds it).
func TestSDKFieldRulesStillChecked(t *testing.T) {
	schema := Config
	schema.Fields = append(append([]field.SchemaField{}, field.DefaultFields...), Config.Fields...)
	v := viper.New()
	v.Set("simulator", true)
	v.Set("http-timeout-seconds", 300)
	require.NoError(t, field.Validate(schema, v))
	v.Set("http-timeout-seconds", 5000)
	require.ErrorContains(t, field.Validate(schema, v), "http-timeout-seconds")
}

func TestResolveCredentialsMergesOldNames(t *testing.T) {
	c := &Boomi{AccountId: "acme-AB12CD", Username: "admin@acme.test", ApiToken: "tok"}
	require.NoError(t, ResolveCredentials(c))
	require.Equal(t, "acme-AB12CD", c.BoomiAccountId)
	require.Equal(t, "admin@acme.test", c.BoomiEmail)
	require.Equal(t, "tok", c.BoomiApiToken)
}

func TestConflictingNamesSentence(t *testing.T) {
	err := ResolveCredentials(&Boomi{BoomiAccountId: "a", BoomiEmail: "u", BoomiApiToken: "secret-one", ApiToken: "secret-two"})
	require.EqualError(t, err, "--boomi-api-token and its old name --api-token are both set, to different values: "+
		"keep only --boomi-api-token (BATON_BOOMI_API_TOKEN)")
}

func TestIncompleteCredentialsSentence(t *testing.T) {
	err := ResolveCredentials(&Boomi{BoomiAccountId: "a", Username: "u"})
	require.EqualError(t, err, "Boomi credentials are incomplete: set --boomi-api-token (BATON_BOOMI_API_TOKEN) as well; "+
		"the account id, e-mail and API token are needed together")
}

func TestMFTErrorNamesBothFields(t *testing.T) {
	for _, missing := range []string{"mft-api-key", "mft-base-url"} {
		v := viper.New()
		v.Set("mft-base-url", "https://mft.acme.test")
		v.Set("mft-api-key", "k")
		v.Set(missing, "")
		err := field.Validate(Config, v)
		require.Error(t, err)
		require.Contains(t, err.Error(), "mft-base-url")
		require.Contains(t, err.Error(), "mft-api-key")
	}
}

func TestMissingCredentialsSentence(t *testing.T) {
	err := ResolveCredentials(&Boomi{})
	require.EqualError(t, err, ErrMissingCredentials)
	for _, flag := range []string{"--boomi-account-id", "--boomi-email", "--boomi-api-token", "--simulator", "BATON_BOOMI_EMAIL"} {
		require.Contains(t, err.Error(), flag)
	}
	require.NoError(t, ResolveCredentials(&Boomi{Simulator: true}))
	require.NoError(t, ResolveCredentials(&Boomi{BoomiAccountId: "a", BoomiEmail: "u", BoomiApiToken: "t"}))
}

// The credentials are declared required where --help and the `config` export read it, and the old names
// are neither shown nor exported.
func TestRequiredAndLegacyFieldsAsExported(t *testing.T) {
	for _, f := range []field.SchemaField{AccountIDField, EmailField, APITokenField} {
		require.True(t, f.Required, f.FieldName)
		require.Contains(t, f.GetDescription(), "required: ", f.FieldName)
		require.NotEmpty(t, f.ConnectorConfig.Placeholder, f.FieldName)
	}
	for _, f := range []field.SchemaField{LegacyAccountIDField, LegacyUsernameField, LegacyAPITokenField} {
		require.True(t, f.IsHidden(), f.FieldName)
		require.Equal(t, field.ExportTargetCLIOnly, f.ExportTarget, f.FieldName)
	}
	require.True(t, LegacyAPITokenField.Secret)
}

func TestSecretsAreMarkedSecret(t *testing.T) {
	require.True(t, APITokenField.Secret)
	require.True(t, MFTAPIKeyField.Secret)
}

// The --mft-base-url help names the real MFT hosts and warns off the legacy connector API.
func TestMFTBaseURLHelpNamesTheRealHosts(t *testing.T) {
	d := MFTBaseURLField.GetDescription()
	for _, want := range []string{"https://us.thruinc.com", "https://eu.thruinc.com", "before /api", "not the legacy connector API https://us-api.thruinc.com"} {
		require.Contains(t, d, want)
	}
}
