package boomisim

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// MFTSpec sizes a generated MFT tenant. Roles counts the custom roles; the system roles (mftSystemRoles)
// always exist. Zero values give a tenant with only the system roles and an API key.
type MFTSpec struct {
	Users         int `json:"users"`
	Roles         int `json:"roles"`
	Organizations int `json:"organizations"`
	Mappings      int `json:"mappings"`
}

// DefaultMFTSpec is a small, realistic MFT tenant.
func DefaultMFTSpec() MFTSpec { return MFTSpec{Users: 40, Roles: 3, Organizations: 6, Mappings: 5} }

// mftSystemRoles are the built-in MFT roles every tenant has: the four default user role templates and the
// two authentication roles of the MFT user guide (docs/boomi-api.md#mft-adminroles). That the API's
// userRoleCode is the template's display name is UNCONFIRMED(mft-role-codes).
var mftSystemRoles = []struct{ code, description string }{
	{"Instance Admin", "Default template: administers the whole MFT instance"},
	{"Instance User", "Default template: works across the instance without administration"},
	{"Org User", "Default template: works within the user's organizations"},
	{"Org Transfer", "Default template: transfers files within the user's organizations"},
	{"Basic Auth", "Authentication role: signs in with a user name and password"},
	{"SSO Auth", "Authentication role: signs in through single sign-on"},
}

// mftBaseTime anchors every generated date, so the same seed gives the same world on every run.
var mftBaseTime = time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)

// MFTFarFutureBan is the bannedUntil of the generated locked user: far enough ahead that the user is locked
// whenever a test runs.
const MFTFarFutureBan = "2099-01-01T00:00:00.0000000Z"

// GenerateMFT builds a deterministic MFT tenant: an API key, system and custom roles (one custom role is
// soft-deleted, to prove clients skip it), organizations (one soft-deleted), users holding roles and
// organizations (user 0 is an admin, one user is banned far into the future, one was banned in the past,
// several have failed sign-in attempts, some never signed in) and SSO mappings (the first is the default).
func GenerateMFT(seed int64, spec MFTSpec) *MFTState {
	rng := rand.New(rand.NewPCG(uint64(seed), 0x4d4654)) // "MFT"
	st := &MFTState{
		APIKeys:    []string{fmt.Sprintf("mft-key-%016x", rng.Uint64())},
		CustomerID: 7000 + int32(rng.IntN(1000)),
		NextID:     101,
		Deleted:    map[int32]bool{},
	}
	customer := mftStr(fmt.Sprintf("Customer %d", st.CustomerID))
	at := func(days int) *string { return mftStr(mftBaseTime.AddDate(0, 0, days).Format(mftTimeLayout)) }

	for i, sr := range mftSystemRoles {
		rank := int32(i + 1)
		st.Roles = append(st.Roles, MFTRole{
			ID: st.nextMFTID(), UserRoleCode: mftStr(sr.code), UserRoleDescription: mftStr(sr.description),
			Permissions: mftPermissions(rng), IsSystemRole: true, Rank: &rank,
		})
	}
	for i := range spec.Roles {
		cust := st.CustomerID
		role := MFTRole{
			ID: st.nextMFTID(), UserRoleCode: mftStr(fmt.Sprintf("custom-role-%d", i+1)),
			UserRoleDescription: mftStr(fmt.Sprintf("Custom MFT role %d", i+1)),
			Permissions:         mftPermissions(rng), CustomerID: &cust,
		}
		if i == spec.Roles-1 && spec.Roles > 1 {
			role.DeletedDate = at(30)
		}
		st.Roles = append(st.Roles, role)
	}
	for i := range spec.Organizations {
		org := MFTOrganization{
			ID: st.nextMFTID(), TenantID: st.CustomerID, Name: mftStr(fmt.Sprintf("Organization %d", i+1)),
			OrganizationTypeID: 1 + int32(rng.IntN(2)), OrganizationStatusID: 1,
			PublicCode: mftStr(fmt.Sprintf("ORG%03d", i+1)), SystemCode: mftStr(fmt.Sprintf("sys-org-%d", i+1)),
			Description: mftStr(fmt.Sprintf("Trading partner organization %d", i+1)), CreatedDate: at(-rng.IntN(300)),
		}
		if i == spec.Organizations-1 && spec.Organizations > 1 {
			org.DeletedDate = at(20)
		}
		st.Organizations = append(st.Organizations, org)
	}
	liveRoles, liveOrgs := st.liveRoleIDs(), st.liveOrganizationIDs()

	for i := range spec.Users {
		u := MFTUser{
			ID: st.nextMFTID(), FirstName: fmt.Sprintf("Mft%d", i+1), LastName: "User",
			Username: fmt.Sprintf("mftuser%d", i+1), Email: fmt.Sprintf("mft.user%d@example.com", i+1),
			IsEnabled: rng.IntN(10) != 0, IsActive: rng.IntN(12) != 0, IsAdmin: i == 0,
			Created: at(-400 + rng.IntN(300)), CustomerName: customer, CustomerID: st.CustomerID,
			RoleIDs: pickIDs(rng, liveRoles, 1, 2), OrganizationIDs: pickIDs(rng, liveOrgs, 0, 3),
		}
		if rng.IntN(5) != 0 {
			u.LastLogin = at(-rng.IntN(90))
		}
		if rng.IntN(4) == 0 {
			u.FailedAttempts = int32(1 + rng.IntN(4))
		}
		switch i {
		case 0:
			u.IsEnabled, u.IsActive = true, true
			u.RoleIDs = []int32{st.Roles[0].ID}
		case 1:
			u.BannedUntil, u.FailedAttempts = mftStr(MFTFarFutureBan), 5
		case 2:
			u.BannedUntil = at(-10)
		}
		st.Users = append(st.Users, u)
	}

	for i := range spec.Mappings {
		m := MFTSSOMapping{
			ID: st.nextMFTID(), CustomerID: st.CustomerID, IsDefault: i == 0,
			AttributeName: mftStr("groups"), AttributeValue: mftStr(fmt.Sprintf("mft-team-%d", i+1)),
			CreatedBy: mftStr("admin@example.com"), CreatedDate: at(-200 + i),
			RoleIDs: pickIDs(rng, liveRoles, 1, 2), OrganizationIDs: pickIDs(rng, liveOrgs, 0, 2),
		}
		if i%2 == 1 {
			m.UpdatedBy, m.UpdatedDate = mftStr("admin@example.com"), at(-100+i)
		}
		st.SSOMappings = append(st.SSOMappings, m)
	}
	return st
}

func (st *MFTState) liveRoleIDs() []int32 {
	var ids []int32
	for _, r := range st.Roles {
		if r.DeletedDate == nil {
			ids = append(ids, r.ID)
		}
	}
	return ids
}

func (st *MFTState) liveOrganizationIDs() []int32 {
	var ids []int32
	for _, o := range st.Organizations {
		if o.DeletedDate == nil {
			ids = append(ids, o.ID)
		}
	}
	return ids
}

// pickIDs draws between lo and hi distinct ids from pool, in pool order.
func pickIDs(rng *rand.Rand, pool []int32, lo, hi int) []int32 {
	if len(pool) == 0 {
		return nil
	}
	n := min(lo+rng.IntN(hi-lo+1), len(pool))
	picked := rng.Perm(len(pool))[:n]
	out := make([]int32, 0, n)
	for i, id := range pool {
		for _, p := range picked {
			if p == i {
				out = append(out, id)
			}
		}
	}
	return out
}

func mftPermissions(rng *rand.Rand) []int32 {
	n := 2 + rng.IntN(5)
	out := make([]int32, n)
	for i := range out {
		out[i] = int32(1 + i*3 + rng.IntN(3))
	}
	return out
}
