package connector

import (
	"context"
	"testing"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/conductorone/baton-sdk/pkg/annotations"
)

// Every resource type the connector offers (the zero-value connector that `capabilities` describes offers
// all of them) says which Boomi privilege or MFT API it needs.
func TestEveryResourceTypeNamesItsPermissions(t *testing.T) {
	ctx := context.Background()
	syncers := (&Boomi{}).ResourceSyncers(ctx)
	if len(syncers) == 0 {
		t.Fatal("no resource syncers")
	}
	for _, s := range syncers {
		rt := s.ResourceType(ctx)
		perms := &v2.CapabilityPermissions{}
		annos := annotations.Annotations(rt.GetAnnotations())
		ok, err := annos.Pick(perms)
		if err != nil || !ok || len(perms.GetPermissions()) == 0 {
			t.Errorf("resource type %s has no CapabilityPermissions annotation (ok=%v, err=%v)", rt.GetId(), ok, err)
			continue
		}
		for _, p := range perms.GetPermissions() {
			if p.GetPermission() == "" {
				t.Errorf("resource type %s has an empty permission", rt.GetId())
			}
		}
	}
}
