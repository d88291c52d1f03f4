package config

import (
	"testing"

	"github.com/conductorone/baton-sdk/pkg/field"
	"github.com/conductorone/baton-sdk/pkg/test"
	"github.com/spf13/viper"
	"github.com/stretchr/testify/require"
)

// fromViper builds the typed config the way RunConnector does, so CheckCredentials sees real values.
func fromViper(v *viper.Viper) *Boomi {
	return &Boomi{
		AccountId: v.GetString(AccountIDField.FieldName),
		Username:  v.GetString(UsernameField.FieldName),
		ApiToken:  v.GetString(APITokenField.FieldName),
		Simulator: v.GetBool(SimulatorField.FieldName),
	}
}

func TestConfigRelationships(t *testing.T) {
	creds := map[string]string{"account-id": "acme-AB12CD", "username": "admin@acme.test", "api-token": "tok"}
	with := func(extra map[string]string) map[string]string {
		out := map[string]string{}
		for k, v := range creds {
			out[k] = v
		}
		for k, v := range extra {
			out[k] = v
		}
		return out
	}
	test.ExerciseTestCases(t, Config, func(v *viper.Viper) error { return CheckCredentials(fromViper(v)) }, []test.TestCase{
		{Configs: creds, IsValid: true, Message: "all three credentials"},
		{Configs: map[string]string{}, IsValid: false, Message: "nothing set and no simulator"},
		{Configs: map[string]string{"simulator": "true"}, IsValid: true, Message: "simulator alone"},
		{Configs: map[string]string{"account-id": "acme-AB12CD", "username": "admin@acme.test"}, IsValid: false, Message: "token missing"},
		{Configs: map[string]string{"api-token": "tok"}, IsValid: false, Message: "token alone"},
		{Configs: map[string]string{"api-token": "tok", "simulator": "true"}, IsValid: false, Message: "partial credentials even with simulator"},
		{Configs: with(map[string]string{"mft-base-url": "https://mft.acme.test", "mft-api-key": "k"}), IsValid: true, Message: "MFT pair"},
		{Configs: with(map[string]string{"mft-base-url": "https://mft.acme.test"}), IsValid: false, Message: "MFT URL without key"},
		{Configs: with(map[string]string{"mft-api-key": "k"}), IsValid: false, Message: "MFT key without URL"},
		{Configs: with(map[string]string{"requests-per-second": "0"}), IsValid: true, Message: "zero pacing means the default"},
		{Configs: with(map[string]string{"requests-per-second": "5"}), IsValid: true, Message: "explicit pacing"},
	})
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
	err := CheckCredentials(&Boomi{})
	require.EqualError(t, err, ErrMissingCredentials)
	for _, flag := range []string{"--account-id", "--username", "--api-token", "--simulator"} {
		require.Contains(t, err.Error(), flag)
	}
	require.NoError(t, CheckCredentials(&Boomi{Simulator: true}))
	require.NoError(t, CheckCredentials(&Boomi{AccountId: "a", Username: "u", ApiToken: "t"}))
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
