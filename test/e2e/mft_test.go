package e2e

import (
	"encoding/json"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/baton-boomi/baton-boomi/internal/syncexpect"
	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

// Boomi MFT part: sync and provisioning through the binary with --mft-base-url/--mft-api-key, judged by
// the simulator's MFT state.

const (
	rtMFTUser         = "mft_user"
	rtMFTRole         = "mft_role"
	rtMFTOrganization = "mft_organization"
	rtMFTMapping      = "mft_sso_mapping"
)

func mftID(id int32) string               { return strconv.FormatInt(int64(id), 10) }
func mftRoleEntitlement(id int32) string  { return rtMFTRole + ":" + mftID(id) + ":assigned" }
func mftOrgEntitlement(id int32) string   { return rtMFTOrganization + ":" + mftID(id) + ":member" }
func mftMappingPrincipal(id int32) string { return mftID(id) }
func mftArgs(e *simEnv, key string) []string {
	return []string{"--mft-base-url", e.HTTP.URL + "/mft", "--mft-api-key", key}
}

// startMFTSim is a small Platform dataset plus an MFT tenant: the default one, or with small set a tenant
// of few users (the connector reads each MFT user's detail, one request each, so syncs of a big tenant are
// slow and the provisioning tests do not need one).
func startMFTSim(t *testing.T, seed int64, small ...bool) (*simEnv, string) {
	t.Helper()
	spec := boomisim.DefaultSpec(60, seed)
	m := boomisim.DefaultMFTSpec()
	if len(small) > 0 && small[0] {
		m.Users = 6
	}
	spec.MFT = &m
	env := startSim(t, spec, noRateLimit)
	st := env.Sim.Snapshot()
	if st.MFT == nil || len(st.MFT.APIKeys) == 0 {
		t.Fatal("the dataset has no MFT tenant or no MFT API key")
	}
	return env, st.MFT.APIKeys[0]
}

// expectedMFT is what a sync must write for the MFT tenant: users, live roles and organizations (the
// lists include soft-deleted ones), mappings, one entitlement per role and organization, and a grant for
// each live role/organization a user or mapping holds.
func expectedMFT(m *boomisim.MFTState) *syncexpect.Expected {
	exp := &syncexpect.Expected{
		Resources: map[string]map[string]bool{
			rtMFTUser: {}, rtMFTRole: {}, rtMFTOrganization: {}, rtMFTMapping: {},
		},
		Entitlements: map[string]bool{},
		Grants:       map[string]bool{},
	}
	liveRole, liveOrg := map[int32]bool{}, map[int32]bool{}
	for _, r := range m.Roles {
		if r.DeletedDate == nil {
			liveRole[r.ID] = true
			exp.Resources[rtMFTRole][mftID(r.ID)] = true
			exp.Entitlements[mftRoleEntitlement(r.ID)] = true
		}
	}
	for _, o := range m.Organizations {
		if o.DeletedDate == nil {
			liveOrg[o.ID] = true
			exp.Resources[rtMFTOrganization][mftID(o.ID)] = true
			exp.Entitlements[mftOrgEntitlement(o.ID)] = true
		}
	}
	holder := func(principalType string, id int32, roles, orgs []int32) {
		for _, r := range roles {
			if liveRole[r] {
				exp.Grants[syncexpect.GrantID(mftRoleEntitlement(r), principalType, mftID(id))] = true
			}
		}
		for _, o := range orgs {
			if liveOrg[o] {
				exp.Grants[syncexpect.GrantID(mftOrgEntitlement(o), principalType, mftID(id))] = true
			}
		}
	}
	for _, u := range m.Users {
		exp.Resources[rtMFTUser][mftID(u.ID)] = true
		holder(rtMFTUser, u.ID, u.RoleIDs, u.OrganizationIDs)
	}
	for _, mp := range m.SSOMappings {
		exp.Resources[rtMFTMapping][mftID(mp.ID)] = true
		holder(rtMFTMapping, mp.ID, mp.RoleIDs, mp.OrganizationIDs)
	}
	return exp
}

func TestMFTSyncMatchesSimulator(t *testing.T) {
	env, key := startMFTSim(t, 41)
	roles := env.servedRoles(t)
	path := env.c1zPath("mft")
	res := env.mustSync(t, path, append(append([]string{}, fastPacing...), mftArgs(env, key)...)...)
	got := readC1Z(t, path)
	st := env.Sim.Snapshot()
	// Each MFT list is read once by the sync, plus once by Validate, which reads each MFT API the sync uses
	// to report a key lacking one before the sync starts (pkg/connector mft_connector.go). A user's roles
	// and organizations are only in the user's detail: one request per user, once.
	counters := env.Sim.Counters()
	const syncRead, validationProbe = 1, 1
	for route, want := range map[string]int64{
		"GET /mft/api/AdminSsoMapping": syncRead + validationProbe, "GET /mft/api/AdminRoles": syncRead + validationProbe,
		"GET /mft/api/Organization": syncRead + validationProbe, "GET /mft/api/AdminUsers": syncRead + validationProbe,
		"GET /mft/api/AdminUsers/{id}": int64(len(st.MFT.Users)),
	} {
		if n := counters[route].Requests; n != want {
			t.Errorf("%s: %d requests, want %d", route, n, want)
		}
	}
	for route, c := range counters {
		if strings.HasPrefix(route, "GET /mft/") {
			t.Logf("requests %-36s %4d", route, c.Requests)
		} else if strings.HasPrefix(route, "POST /mft/") || strings.HasPrefix(route, "PUT /mft/") || strings.HasPrefix(route, "DELETE /mft/") {
			t.Errorf("a sync wrote to MFT: %s ×%d", route, c.Requests)
		}
	}
	exp := expectedMFT(st.MFT)
	if len(exp.Grants) == 0 || len(exp.Resources[rtMFTMapping]) == 0 {
		t.Fatal("the MFT dataset has no grants or no mappings; the comparison proves little")
	}
	compareSync(t, exp, got, syncexpect.MFT)
	// The Platform part is unchanged by turning MFT on.
	compareSync(t, syncexpect.ForAccount(st, env.Conn.AccountID, roles), got, syncexpect.Platform)
	t.Logf("MFT sync: %s", countsSummary(got))
	for _, secret := range []string{key, env.Conn.Token} {
		assertNoSecretInOutput(t, secret, res)
		assertNoSecretInC1Z(t, secret, path)
	}
}

// mapping returns the mapping with id in the current MFT state (nil when gone).
func (e *simEnv) mapping(id int32) *boomisim.MFTSSOMapping {
	for _, m := range e.Sim.Snapshot().MFT.SSOMappings {
		if m.ID == id {
			return &m
		}
	}
	return nil
}

func liveMFTRoles(m *boomisim.MFTState) []int32 {
	var out []int32
	for _, r := range m.Roles {
		if r.DeletedDate == nil {
			out = append(out, r.ID)
		}
	}
	return out
}

func liveMFTOrgs(m *boomisim.MFTState) []int32 {
	var out []int32
	for _, o := range m.Organizations {
		if o.DeletedDate == nil {
			out = append(out, o.ID)
		}
	}
	return out
}

// firstNotIn is the first id of pool not in held.
func firstNotIn(t *testing.T, pool, held []int32) int32 {
	t.Helper()
	for _, id := range pool {
		if !slices.Contains(held, id) {
			return id
		}
	}
	t.Fatal("no id left to grant")
	return 0
}

func TestMFTMappingGrantAndRevoke(t *testing.T) {
	env, key := startMFTSim(t, 42, true)
	c1z := env.c1zPath("mft")
	mftFlags := mftArgs(env, key)
	env.mustSync(t, c1z, append(append([]string{}, fastPacing...), mftFlags...)...)
	st := env.Sim.Snapshot()
	m := st.MFT.SSOMappings[0]
	role := firstNotIn(t, liveMFTRoles(st.MFT), m.RoleIDs)
	org := firstNotIn(t, liveMFTOrgs(st.MFT), m.OrganizationIDs)

	cases := []struct {
		name        string
		entitlement string
		id          int32
		held        func(mp *boomisim.MFTSSOMapping) []int32
		other       func(mp *boomisim.MFTSSOMapping) []int32
	}{
		{"role", mftRoleEntitlement(role), role,
			func(mp *boomisim.MFTSSOMapping) []int32 { return mp.RoleIDs },
			func(mp *boomisim.MFTSSOMapping) []int32 { return mp.OrganizationIDs }},
		{"organization", mftOrgEntitlement(org), org,
			func(mp *boomisim.MFTSSOMapping) []int32 { return mp.OrganizationIDs },
			func(mp *boomisim.MFTSSOMapping) []int32 { return mp.RoleIDs }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := env.mapping(m.ID)
			for i := 1; i <= 2; i++ {
				res := run(t, append(append(env.connArgs(), mftFlags...), "-f", c1z,
					"--grant-entitlement", tc.entitlement, "--grant-principal", mftMappingPrincipal(m.ID),
					"--grant-principal-type", rtMFTMapping)...)
				mustSucceed(t, "MFT grant", res)
				after := env.mapping(m.ID)
				if n := count(idStrings(tc.held(after)), mftID(tc.id)); n != 1 {
					t.Fatalf("after grant #%d: mapping holds %d %d times, want 1", i, tc.id, n)
				}
				if !reflect.DeepEqual(tc.other(before), tc.other(after)) || after.AttributeName == nil ||
					*after.AttributeName != *before.AttributeName || after.IsDefault != before.IsDefault {
					t.Fatalf("after grant #%d: fields other than the granted list changed", i)
				}
			}
			env.mustSync(t, c1z, append(append([]string{}, fastPacing...), mftFlags...)...)
			g := grantID(grantKey{tc.entitlement, rtMFTMapping, mftMappingPrincipal(m.ID)})
			for i := 1; i <= 2; i++ {
				res := run(t, append(append(env.connArgs(), mftFlags...), "-f", c1z, "--revoke-grant", g)...)
				mustSucceed(t, "MFT revoke", res)
				after := env.mapping(m.ID)
				if slices.Contains(tc.held(after), tc.id) {
					t.Fatalf("after revoke #%d: mapping still holds %d", i, tc.id)
				}
				if !reflect.DeepEqual(tc.held(before), tc.held(after)) || !reflect.DeepEqual(tc.other(before), tc.other(after)) {
					t.Fatalf("after revoke #%d: lists %v/%v, want the original %v/%v", i, tc.held(after), tc.other(after), tc.held(before), tc.other(before))
				}
			}
		})
	}
}

func idStrings(ids []int32) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = mftID(id)
	}
	return out
}

// invokeMFTAction runs an action with the MFT flags (resourceType "" = a global action).
func (e *simEnv) invokeMFTAction(t *testing.T, key, name, resourceType string, args map[string]any) runResult {
	t.Helper()
	js, err := json.Marshal(args)
	if err != nil {
		t.Fatal(err)
	}
	flags := append(append(e.connArgs(), mftArgs(e, key)...), "-f", e.c1zPath("mft-actions"),
		"--invoke-action", name, "--invoke-action-args", string(js))
	if resourceType != "" {
		flags = append(flags, "--invoke-action-resource-type", resourceType)
	}
	return run(t, flags...)
}

// mappingsNamed returns the mappings with that attribute name and value.
func mappingsNamed(m *boomisim.MFTState, name, value string) []boomisim.MFTSSOMapping {
	var out []boomisim.MFTSSOMapping
	for _, mp := range m.SSOMappings {
		if mp.AttributeName != nil && *mp.AttributeName == name && mp.AttributeValue != nil && *mp.AttributeValue == value {
			out = append(out, mp)
		}
	}
	return out
}

func TestMFTMappingCreateDeleteAndDefault(t *testing.T) {
	env, key := startMFTSim(t, 43, true)
	st := env.Sim.Snapshot()
	role, org := liveMFTRoles(st.MFT)[0], liveMFTOrgs(st.MFT)[0]
	name, value := "groups", "e2e-mft-ops"

	res := env.invokeMFTAction(t, key, "create_sso_mapping", rtMFTMapping, map[string]any{
		"attribute_name": name, "attribute_value": value,
		"role_ids": []string{mftID(role)}, "organization_ids": []string{mftID(org)},
	})
	mustSucceed(t, "create_sso_mapping", res)
	created := mappingsNamed(env.Sim.Snapshot().MFT, name, value)
	if len(created) != 1 {
		t.Fatalf("%d mappings %s=%s after creation, want 1", len(created), name, value)
	}
	m := created[0]
	if !reflect.DeepEqual(m.RoleIDs, []int32{role}) || !reflect.DeepEqual(m.OrganizationIDs, []int32{org}) || m.IsDefault {
		t.Errorf("created mapping roles %v orgs %v default %v, want [%d] [%d] false", m.RoleIDs, m.OrganizationIDs, m.IsDefault, role, org)
	}

	t.Run("duplicate-refused", func(t *testing.T) {
		before := env.Sim.Snapshot().MFT.SSOMappings
		res := env.invokeMFTAction(t, key, "create_sso_mapping", rtMFTMapping, map[string]any{"attribute_name": name, "attribute_value": value})
		mustFailWith(t, "a second mapping for "+name+"="+value, res, "already")
		if after := env.Sim.Snapshot().MFT.SSOMappings; !reflect.DeepEqual(before, after) {
			t.Error("mappings changed after a refused duplicate")
		}
	})
	t.Run("empty-attribute-refused", func(t *testing.T) {
		before := env.Sim.Snapshot().MFT.SSOMappings
		res := env.invokeMFTAction(t, key, "create_sso_mapping", rtMFTMapping, map[string]any{"attribute_name": "  ", "attribute_value": "x"})
		mustFailWith(t, "a mapping with a blank attribute name", res, "attribute_name")
		if after := env.Sim.Snapshot().MFT.SSOMappings; !reflect.DeepEqual(before, after) {
			t.Error("mappings changed after a refused blank attribute name")
		}
	})
	t.Run("set-default", func(t *testing.T) {
		mustSucceed(t, "set_default_sso_mapping", env.invokeMFTAction(t, key, "set_default_sso_mapping", "",
			map[string]any{"mapping_id": mftID(m.ID)}))
		var defaults []int32
		for _, mp := range env.Sim.Snapshot().MFT.SSOMappings {
			if mp.IsDefault {
				defaults = append(defaults, mp.ID)
			}
		}
		if !reflect.DeepEqual(defaults, []int32{m.ID}) {
			t.Errorf("default mappings %v, want exactly [%d]", defaults, m.ID)
		}
	})
	t.Run("delete-twice", func(t *testing.T) {
		for i := 1; i <= 2; i++ {
			res := run(t, append(append(env.connArgs(), mftArgs(env, key)...), "-f", env.c1zPath("mft-delete"),
				"--delete-resource", mftID(m.ID), "--delete-resource-type", rtMFTMapping)...)
			mustSucceed(t, "delete mapping", res)
			if env.mapping(m.ID) != nil {
				t.Fatalf("after delete #%d: mapping %d still exists", i, m.ID)
			}
		}
	})
}

// TestMFTFlagsComeAsAPair: one MFT flag without the other is a configuration error naming the missing
// flag, and the key is never echoed.
func TestMFTFlagsComeAsAPair(t *testing.T) {
	env, key := startMFTSim(t, 44, true)
	for _, tc := range []struct {
		flags   []string
		missing string
	}{
		{[]string{"--mft-base-url", env.HTTP.URL + "/mft"}, "mft-api-key"},
		{[]string{"--mft-api-key", key}, "mft-base-url"},
	} {
		res := run(t, append(append(env.connArgs(), tc.flags...), "-f", env.c1zPath("pair"))...)
		mustFailWith(t, "a sync with only "+tc.flags[0], res, tc.missing)
		assertNoSecretInOutput(t, key, res)
	}
}

// TestMFTGrantKeepsConcurrentChange: another administrator changes the same mapping's organizations
// between the connector's read and its write. The change must not be lost: the connector either detects
// it and retries (the grant lands too) or fails clearly (nothing of its own is written).
func TestMFTGrantKeepsConcurrentChange(t *testing.T) {
	env, key := startMFTSim(t, 45, true)
	c1z := env.c1zPath("mft")
	mftFlags := mftArgs(env, key)
	env.mustSync(t, c1z, append(append([]string{}, fastPacing...), mftFlags...)...)
	st := env.Sim.Snapshot()
	m := st.MFT.SSOMappings[0]
	role := firstNotIn(t, liveMFTRoles(st.MFT), m.RoleIDs)
	otherOrg := firstNotIn(t, liveMFTOrgs(st.MFT), m.OrganizationIDs)

	var once sync.Once
	fired := false
	env.Sim.SetAfterHook(func(route string) {
		if !strings.HasPrefix(route, "GET /mft/api/AdminSsoMapping") {
			return
		}
		// Runs before the connector has seen the answer it read, so the connector's write comes after.
		once.Do(func() {
			fired = true
			env.Sim.Mutate(func(st *boomisim.State) {
				for i := range st.MFT.SSOMappings {
					if st.MFT.SSOMappings[i].ID == m.ID {
						st.MFT.SSOMappings[i].OrganizationIDs = append(st.MFT.SSOMappings[i].OrganizationIDs, otherOrg)
					}
				}
			})
		})
	})
	t.Cleanup(func() { env.Sim.SetAfterHook(nil) })
	res := run(t, append(append(env.connArgs(), mftFlags...), "-f", c1z,
		"--grant-entitlement", mftRoleEntitlement(role), "--grant-principal", mftMappingPrincipal(m.ID),
		"--grant-principal-type", rtMFTMapping)...)
	env.Sim.SetAfterHook(nil)
	if !fired {
		t.Fatal("the connector never read the mapping, so no concurrent change was made")
	}

	after := env.mapping(m.ID)
	if !slices.Contains(after.OrganizationIDs, otherOrg) {
		t.Fatalf("the concurrent change (organization %d added) was lost: organizations %v", otherOrg, after.OrganizationIDs)
	}
	granted := slices.Contains(after.RoleIDs, role)
	switch {
	case granted && res.failed():
		t.Errorf("the role was written but the run reports failure:\n%s", res)
	case !granted && !res.failed():
		t.Errorf("the run reports success but the role is not on the mapping:\n%s", res)
	case granted:
		t.Logf("the role was granted and the concurrent change kept: roles %v organizations %v", after.RoleIDs, after.OrganizationIDs)
	default:
		t.Logf("the connector refused the conflicting write (allowed): %s", lastLine(res.Output))
	}
}

func lastLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndex(s, "\n"); i >= 0 {
		return s[i+1:]
	}
	return s
}
