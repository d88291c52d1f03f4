package syncexpect

import (
	"strings"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"

	"github.com/baton-boomi/baton-boomi/internal/c1zread"
)

// Perfect is the contents a sync matching exp exactly would write: each expected resource, entitlement and
// grant once. Tests of a comparison start from it and break one thing.
func Perfect(exp *Expected) *c1zread.Contents {
	c := &c1zread.Contents{Resources: map[string][]*v2.Resource{}}
	for rt, ids := range exp.Resources {
		for id := range ids {
			c.Resources[rt] = append(c.Resources[rt], v2.Resource_builder{
				Id: v2.ResourceId_builder{ResourceType: rt, Resource: id}.Build(),
			}.Build())
		}
	}
	for id := range exp.Entitlements {
		c.Entitlements = append(c.Entitlements, v2.Entitlement_builder{Id: id}.Build())
	}
	for id := range exp.Grants {
		// <entitlementId>:<principalType>:<principalId>; principal ids (e-mails, group ids) hold no ':'.
		cut := strings.LastIndex(id, ":")
		typeCut := strings.LastIndex(id[:cut], ":")
		c.Grants = append(c.Grants, v2.Grant_builder{
			Id:          id,
			Entitlement: v2.Entitlement_builder{Id: id[:typeCut]}.Build(),
			Principal: v2.Resource_builder{
				Id: v2.ResourceId_builder{ResourceType: id[typeCut+1 : cut], Resource: id[cut+1:]}.Build(),
			}.Build(),
		}.Build())
	}
	return c
}
