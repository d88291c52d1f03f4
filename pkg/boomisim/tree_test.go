package boomisim

import (
	"net/http"
	"strings"
	"testing"
)

// Without Partner API access the Partner base refuses every request of the account; the Platform base
// still answers.
func TestPartnerAPIDisabled(t *testing.T) {
	w := testWorld()
	w.Accounts[tPrimary].PartnerAPIDisabled = true
	sm := newSim(t, w)
	msg := sm.fails(sm.get(partnerBasePrefix+tPrimary+"/Account/"+tChild+"?overrideAccount="+tChild), http.StatusForbidden)
	if !strings.Contains(msg, "Partner API access is not enabled") {
		t.Fatalf("message %q", msg)
	}
	sm.fails(sm.get(partnerBasePrefix+tPrimary+"/Account/"+tPrimary), http.StatusForbidden)
	sm.ok(sm.get(api(tPrimary, "/Account/"+tPrimary)))
}

// A TreeSpec world has nested sub-accounts, users who exist only in a sub-account, and custom roles of each
// sub-account that some of its users hold.
func TestGenerateTree(t *testing.T) {
	spec := DefaultSpec(60, 5)
	spec.SubAccounts = 3
	plain := Generate(spec)
	spec.Tree = &TreeSpec{UsersPerSubAccount: 4, OwnUsersPerSubAccount: 2, CustomRolesPerSubAccount: 1, Nested: 2}
	st := Generate(spec)
	primary := AdminConnection(st).AccountID
	if AdminConnection(plain).AccountID != primary {
		t.Fatal("adding Tree changed the primary account")
	}
	nested, direct := 0, 0
	for id, a := range st.Accounts {
		switch a.ParentID {
		case "":
			continue
		case primary:
			direct++
		default:
			nested++
			if !isDescendant(st, id, primary) {
				t.Errorf("nested %s is not below the primary", id)
			}
		}
		if len(a.Roles) != 1 {
			t.Errorf("%s has %d custom roles, want 1", id, len(a.Roles))
		}
		held, own := false, 0
		inPrimary := map[string]bool{}
		for _, l := range st.Accounts[primary].UserRoles {
			inPrimary[l.UserID] = true
		}
		seen := map[string]bool{}
		for _, l := range a.UserRoles {
			held = held || l.RoleID == a.Roles[0].ID
			if !inPrimary[l.UserID] && !seen[l.UserID] {
				seen[l.UserID] = true
				own++
			}
		}
		if !held || own != 2 {
			t.Errorf("%s: custom role held %v, own users %d; want true and 2", id, held, own)
		}
	}
	if direct != 3 || nested != 2 {
		t.Fatalf("direct %d nested %d; want 3 and 2", direct, nested)
	}
	if len(st.Credentials[0].Accounts) != 1+3+2 {
		t.Errorf("the admin credential covers %d accounts, want 6", len(st.Credentials[0].Accounts))
	}
}
