package connector

import (
	"context"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/conductorone/baton-sdk/pkg/annotations"
	"github.com/conductorone/baton-sdk/pkg/connectorbuilder"
)

var _ connectorbuilder.ResourceTargetedSyncerLimited = (*mftSSOMappingBuilder)(nil)

// Get re-reads one SSO mapping (targeted sync), so ConductorOne can refresh a mapping right after a grant,
// revoke or default change without a full sync. One GET /api/AdminSsoMapping/{id} (the mapping list when
// the tenant lacks that path, pkg/mft GetSSOMapping); an unknown id is NotFound.
func (b *mftSSOMappingBuilder) Get(ctx context.Context, id *v2.ResourceId, _ *v2.ResourceId) (*v2.Resource, annotations.Annotations, error) {
	mappingID, err := parseMFTID(id.GetResource(), "SSO mapping")
	if err != nil {
		return nil, nil, err
	}
	m, err := b.client.GetSSOMapping(ctx, mappingID)
	if err != nil {
		return nil, nil, err
	}
	res, err := mftSSOMappingResource(m)
	return res, nil, err
}
