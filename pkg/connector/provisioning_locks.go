package connector

import (
	"context"
	"strings"
	"sync"
)

// provisioningLockTable serializes, inside this process, every provisioning change that decides on a
// read of one Boomi object: a Boomi user (role and account-group grants, account creation, the SSO
// actions; key userLockKey), the MFT SSO mappings (every mapping write; key mftMappingsLockKey) and an
// environment's role links (key environmentLockKey). A caller holds its key across read-decide-write.
//
// Why, for users: Boomi has no User object; a user exists in an account exactly as long as it holds at
// least one AccountUserRole link. Two revokes of a user's last two roles that run at the same time would
// each see "another role remains", each delete theirs, and leave the user with no role — Boomi then
// removes the user. Holding the user's lock makes the second revoke see the first one's result. For MFT
// mappings, a write replaces a whole mapping (runMFTMappingWrite), so two writes must never interleave.
//
// Residual risk (docs/provisioning.md): the lock only covers one process. Two connector processes (for
// example two replicas in service mode) or a person in the Boomi UI can still interleave, and Boomi offers
// no compare-and-delete. Revoke therefore checks after its delete and, if the user was left without a role,
// adds them back with Standard User and their federation id (directRoles.restoreIfRemoved); the user's API
// tokens, which Boomi revokes on removal, cannot be restored.
type provisioningLockTable struct {
	mu    sync.Mutex
	locks map[string]*provisioningLock
}

type provisioningLock struct {
	held chan struct{} // capacity 1: a token in the channel means "locked"
	refs int           // callers holding or waiting; the entry is dropped at zero
}

// provisioningLocks is process-wide on purpose: the things protected are Boomi objects, not connector
// values, and tests or embedders may build several connectors against the same account in one process.
var provisioningLocks = newProvisioningLockTable()

func newProvisioningLockTable() *provisioningLockTable {
	return &provisioningLockTable{locks: map[string]*provisioningLock{}}
}

// The keys. Each starts with the kind of object it locks, so keys of different kinds never collide.

// userLockKey names a user within an account. Boomi user ids are e-mail addresses, which Boomi treats
// case-insensitively, so the key is lower-cased.
func userLockKey(accountID, userID string) string {
	return "user|" + accountID + "|" + strings.ToLower(strings.TrimSpace(userID))
}

// environmentLockKey names one environment of an account, so a grant and a revoke of its roles (both
// decide on the environment's full link list) never run at the same time in this process.
func environmentLockKey(accountID, envID string) string {
	return "env|" + accountID + "|" + envID
}

// mftMappingsLockKey is one key for every SSO-mapping write of this process: they are rare, and one key
// for all also covers the default-flag change that touches several mappings at once.
const mftMappingsLockKey = "mft|sso-mappings"

// lockUser takes the lock of one Boomi user of an account (see userLockKey).
func (l *provisioningLockTable) lockUser(ctx context.Context, accountID, userID string) (func(), error) {
	return l.lock(ctx, userLockKey(accountID, userID))
}

// lockMFTMappings takes the lock every MFT SSO-mapping write holds.
func (l *provisioningLockTable) lockMFTMappings(ctx context.Context) (func(), error) {
	return l.lock(ctx, mftMappingsLockKey)
}

// lock waits until the caller holds the lock for key or ctx ends. The returned function releases it and
// must be called exactly once.
func (l *provisioningLockTable) lock(ctx context.Context, key string) (func(), error) {
	l.mu.Lock()
	entry, ok := l.locks[key]
	if !ok {
		entry = &provisioningLock{held: make(chan struct{}, 1)}
		l.locks[key] = entry
	}
	entry.refs++
	l.mu.Unlock()

	select {
	case entry.held <- struct{}{}:
	case <-ctx.Done():
		l.release(key, entry)
		return nil, ctx.Err()
	}

	var once sync.Once
	return func() {
		once.Do(func() {
			<-entry.held
			l.release(key, entry)
		})
	}, nil
}

func (l *provisioningLockTable) release(key string, entry *provisioningLock) {
	l.mu.Lock()
	defer l.mu.Unlock()
	entry.refs--
	if entry.refs == 0 {
		delete(l.locks, key)
	}
}
