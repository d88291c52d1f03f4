package connector

import (
	"context"
	"fmt"
	"time"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	rs "github.com/conductorone/baton-sdk/pkg/types/resource"

	"github.com/baton-boomi/baton-boomi/pkg/mft"
)

// mftUserBuilder syncs MFT users. They hold no entitlements; their MFT roles and organizations appear as
// grants on mft_role and mft_organization.
type mftUserBuilder struct {
	reads mftReadsOf
	now   func() time.Time // decides whether a ban is still running
}

func newMFTUserBuilder(c *Boomi) *mftUserBuilder {
	return &mftUserBuilder{reads: c.mftReads, now: c.clock}
}

func (b *mftUserBuilder) ResourceType(context.Context) *v2.ResourceType { return mftUserResourceType }

// List emits every MFT user in one call: the MFT user list is not paged.
func (b *mftUserBuilder) List(ctx context.Context, _ *v2.ResourceId, opts rs.SyncOpAttrs) ([]*v2.Resource, *rs.SyncOpResults, error) {
	return listMFT(ctx, b.reads, opts, "users", mftSyncReads.users, func(u mft.User) (*v2.Resource, error) {
		return mftUserResource(u, b.now())
	})
}

func (b *mftUserBuilder) Entitlements(context.Context, *v2.Resource, rs.SyncOpAttrs) ([]*v2.Entitlement, *rs.SyncOpResults, error) {
	return nil, nil, nil
}

func (b *mftUserBuilder) Grants(context.Context, *v2.Resource, rs.SyncOpAttrs) ([]*v2.Grant, *rs.SyncOpResults, error) {
	return nil, nil, nil
}

// mftUserResource maps an MFT user. Status: a ban that has not expired is reported as DISABLED with the
// detail "locked until <time>" (MFT bans a user after too many failed sign-ins); otherwise a user is
// ENABLED only when MFT marks it both enabled and active.
func mftUserResource(u mft.User, now time.Time) (*v2.Resource, error) {
	name := personName(u.FirstName, u.LastName, u.Username)
	profile := map[string]any{
		"username":        u.Username,
		"email":           u.Email,
		"first_name":      u.FirstName,
		"last_name":       u.LastName,
		"is_enabled":      u.IsEnabled,
		"is_active":       u.IsActive,
		"is_admin":        u.IsAdmin,
		"failed_attempts": int64(u.FailedAttempts),
		"customer_id":     int64(u.CustomerID),
	}
	opts := []rs.UserTraitOption{
		rs.WithUserLogin(u.Username),
		rs.WithAccountType(v2.UserTrait_ACCOUNT_TYPE_HUMAN),
	}
	if u.Email != "" {
		opts = append(opts, rs.WithEmail(u.Email, true))
	}
	bannedUntil, banned := parseMFTTime(u.BannedUntil)
	if banned {
		profile["banned_until"] = bannedUntil.Format(time.RFC3339)
	}
	profile["locked"] = banned && bannedUntil.After(now)
	switch {
	case banned && bannedUntil.After(now):
		opts = append(opts, rs.WithDetailedStatus(v2.UserTrait_Status_STATUS_DISABLED,
			"locked until "+bannedUntil.Format(time.RFC3339)+" after failed sign-in attempts"))
	case u.IsEnabled && u.IsActive:
		opts = append(opts, rs.WithStatus(v2.UserTrait_Status_STATUS_ENABLED))
	case !u.IsEnabled:
		opts = append(opts, rs.WithDetailedStatus(v2.UserTrait_Status_STATUS_DISABLED, "disabled in MFT"))
	default:
		opts = append(opts, rs.WithDetailedStatus(v2.UserTrait_Status_STATUS_DISABLED, "inactive in MFT"))
	}
	if t, ok := parseMFTTime(u.LastLogin); ok {
		opts = append(opts, rs.WithLastLogin(t))
		profile["last_login"] = t.Format(time.RFC3339)
	}
	if t, ok := parseMFTTime(u.Created); ok {
		opts = append(opts, rs.WithCreatedAt(t))
	}
	opts = append(opts, rs.WithUserProfile(profile))
	r, err := rs.NewUserResource(name, mftUserResourceType, mftIDString(u.ID), opts)
	if err != nil {
		return nil, fmt.Errorf("building MFT user %d: %w", u.ID, err)
	}
	return r, nil
}
