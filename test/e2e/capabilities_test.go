package e2e

import (
	"bytes"
	"context"
	"os/exec"
	"slices"
	"sort"
	"testing"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"google.golang.org/protobuf/encoding/protojson"
)

// capabilitiesOf runs `baton-boomi capabilities` (no credentials: the zero-value connector answers) and
// decodes its stdout.
func capabilitiesOf(t *testing.T) *v2.ConnectorCapabilities {
	t.Helper()
	needBinary(t)
	ctx, cancel := context.WithTimeout(context.Background(), runTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, binaryPath, "capabilities")
	cmd.Env = cleanEnv()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("capabilities: %v\n%s%s", err, stdout.String(), stderr.String())
	}
	caps := &v2.ConnectorCapabilities{}
	if err := (protojson.UnmarshalOptions{DiscardUnknown: true}).Unmarshal(stdout.Bytes(), caps); err != nil {
		t.Fatalf("decode capabilities: %v\n%s", err, stdout.String())
	}
	return caps
}

func capNames(caps []v2.Capability) []string {
	var out []string
	for _, c := range caps {
		out = append(out, c.String())
	}
	sort.Strings(out)
	return out
}

// TestCapabilitiesListExactlyWhatIsImplemented: each resource type advertises exactly the capabilities
// whose code paths the other e2e tests exercise, and the connector advertises nothing it lacks.
func TestCapabilitiesListExactlyWhatIsImplemented(t *testing.T) {
	caps := capabilitiesOf(t)
	want := map[string][]v2.Capability{
		rtUser:         {v2.Capability_CAPABILITY_SYNC, v2.Capability_CAPABILITY_TARGETED_SYNC, v2.Capability_CAPABILITY_ACCOUNT_PROVISIONING},
		rtRole:         {v2.Capability_CAPABILITY_SYNC, v2.Capability_CAPABILITY_TARGETED_SYNC, v2.Capability_CAPABILITY_PROVISION},
		rtAccountGroup: {v2.Capability_CAPABILITY_SYNC, v2.Capability_CAPABILITY_PROVISION},
		// Provisioning of account:<A>:<R> works in primary-account mode (tree_test.go); without the flag a
		// grant is refused with a sentence naming it.
		rtAccount:     {v2.Capability_CAPABILITY_SYNC, v2.Capability_CAPABILITY_PROVISION},
		"privilege":   {v2.Capability_CAPABILITY_SYNC},
		"environment": {v2.Capability_CAPABILITY_SYNC, v2.Capability_CAPABILITY_TARGETED_SYNC, v2.Capability_CAPABILITY_PROVISION},
	}
	// The MFT types, when the zero-value connector lists them (MFT is enabled per run by its flags).
	wantMFT := map[string][]v2.Capability{
		"mft_user":         {v2.Capability_CAPABILITY_SYNC},
		"mft_role":         {v2.Capability_CAPABILITY_SYNC, v2.Capability_CAPABILITY_PROVISION},
		"mft_organization": {v2.Capability_CAPABILITY_SYNC, v2.Capability_CAPABILITY_PROVISION},
		"mft_sso_mapping":  {v2.Capability_CAPABILITY_SYNC, v2.Capability_CAPABILITY_TARGETED_SYNC, v2.Capability_CAPABILITY_RESOURCE_CREATE, v2.Capability_CAPABILITY_RESOURCE_DELETE},
	}
	seen := map[string]bool{}
	for _, rtc := range caps.GetResourceTypeCapabilities() {
		id := rtc.GetResourceType().GetId()
		seen[id] = true
		w, ok := want[id]
		if !ok {
			w, ok = wantMFT[id]
		}
		if !ok {
			t.Errorf("unexpected resource type %q in capabilities", id)
			continue
		}
		if got, wantNames := capNames(rtc.GetCapabilities()), capNames(w); !slices.Equal(got, wantNames) {
			t.Errorf("%s capabilities %v, want %v", id, got, wantNames)
		}
	}
	for id := range want {
		if !seen[id] {
			t.Errorf("resource type %q missing from capabilities", id)
		}
	}
	connector := map[v2.Capability]bool{}
	for _, c := range caps.GetConnectorCapabilities() {
		connector[c] = true
	}
	for _, c := range []v2.Capability{v2.Capability_CAPABILITY_SYNC, v2.Capability_CAPABILITY_PROVISION,
		v2.Capability_CAPABILITY_ACCOUNT_PROVISIONING, v2.Capability_CAPABILITY_ACTIONS} {
		if !connector[c] {
			t.Errorf("connector capabilities lack %s", c)
		}
	}
	for _, c := range []v2.Capability{v2.Capability_CAPABILITY_TICKETING, v2.Capability_CAPABILITY_EVENT_FEED_V2,
		v2.Capability_CAPABILITY_CREDENTIAL_ROTATION, v2.Capability_CAPABILITY_CREDENTIAL_ISSUE} {
		if connector[c] {
			t.Errorf("connector advertises %s, which it does not implement", c)
		}
	}
	details := caps.GetCredentialDetails().GetCapabilityAccountProvisioning()
	if details == nil {
		t.Error("no account-provisioning credential details")
	} else if details.GetPreferredCredentialOption() != v2.CapabilityDetailCredentialOption_CAPABILITY_DETAIL_CREDENTIAL_OPTION_NO_PASSWORD {
		t.Errorf("preferred credential option %s, want NO_PASSWORD (Boomi sends its own welcome e-mail)", details.GetPreferredCredentialOption())
	}
}
