package c1zread

import (
	"bytes"
	"testing"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/stretchr/testify/require"
)

func res(typ, id, name string) *v2.Resource {
	return v2.Resource_builder{Id: v2.ResourceId_builder{ResourceType: typ, Resource: id}.Build(), DisplayName: name}.Build()
}

func ent(r *v2.Resource, id, name string) *v2.Entitlement {
	return v2.Entitlement_builder{Id: id, Resource: r, DisplayName: name}.Build()
}

func grant(e *v2.Entitlement, p *v2.Resource) *v2.Grant {
	return v2.Grant_builder{Entitlement: e, Principal: p}.Build()
}

func TestSummaryCountsRanksAndShowsOneExampleOfEachKind(t *testing.T) {
	ann, bob := res("user", "ann@x", "Ann"), res("user", "bob@x", "Bob")
	admin, support := res("role", "r1", "Administrator"), res("role", "r2", "Support")
	group := res("account_group", "g1", "All Accounts")
	adminE, supportE := ent(admin, "role:r1:assigned", "Administrator role"), ent(support, "role:r2:assigned", "Support role")
	groupE := ent(group, "account_group:g1:r2", "Support in All Accounts")
	c := &Contents{
		Resources:    map[string][]*v2.Resource{"user": {ann, bob}, "role": {admin, support}, "account_group": {group}},
		Entitlements: []*v2.Entitlement{adminE, supportE, groupE},
		Grants: []*v2.Grant{
			grant(supportE, ann), grant(supportE, bob), grant(adminE, ann), grant(groupE, bob),
		},
	}
	var out bytes.Buffer
	c.WriteSummary(&out, 2)
	text := out.String()

	require.Contains(t, text, "  user                    2\n")
	require.Contains(t, text, "  grants                  4\n")
	// Support is granted twice, so it ranks first; ties go by entitlement id; only the top 2 are listed.
	require.Regexp(t, `(?s)Most granted entitlements:\n\s+2  Support role\n\s+1  Support in All Accounts\n\n`, text)
	// The two examples are of different kinds: a role grant and an account-group grant, with display names.
	require.Contains(t, text, `user "Ann" has Support role`)
	require.Contains(t, text, `user "Bob" has Support in All Accounts`)
}
