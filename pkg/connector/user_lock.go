package connector

import (
	"context"
	"strings"
	"sync"
)

// userLocks serializes every provisioning change that touches one Boomi user inside this process.
//
// Why: Boomi has no User object; a user exists in an account exactly as long as it holds at least one
// AccountUserRole link. Two revokes of a user's last two roles that run at the same time would each see
// "another role remains", each delete theirs, and leave the user with no role — Boomi then removes the user.
// Holding this lock across read-decide-write makes the second revoke see the first one's result.
//
// Residual risk (docs/provisioning.md): the lock only covers one process. Two connector processes (for
// example two replicas in service mode) or a person in the Boomi UI can still interleave, and Boomi offers
// no compare-and-delete. Revoke therefore checks after its delete and, if the user was left without a role,
// adds them back with Standard User and their federation id (directRoles.restoreIfRemoved); the user's API
// tokens, which Boomi revokes on removal, cannot be restored.
type userLocks struct {
	mu    sync.Mutex
	locks map[string]*userLock
}

type userLock struct {
	held chan struct{} // capacity 1: a token in the channel means "locked"
	refs int           // callers holding or waiting; the entry is dropped at zero
}

// provisioningLocks is process-wide on purpose: the thing protected is a Boomi user, not a connector value,
// and tests or embedders may build several connectors against the same account in one process.
var provisioningLocks = &userLocks{locks: map[string]*userLock{}}

// userLockKey names a user within an account. Boomi user ids are e-mail addresses, which Boomi treats
// case-insensitively, so the key is lower-cased.
func userLockKey(accountID, userID string) string {
	return accountID + "|" + strings.ToLower(strings.TrimSpace(userID))
}

// lock waits until the caller holds the lock for key or ctx ends. The returned function releases it and
// must be called exactly once.
func (l *userLocks) lock(ctx context.Context, key string) (func(), error) {
	l.mu.Lock()
	entry, ok := l.locks[key]
	if !ok {
		entry = &userLock{held: make(chan struct{}, 1)}
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

func (l *userLocks) release(key string, entry *userLock) {
	l.mu.Lock()
	defer l.mu.Unlock()
	entry.refs--
	if entry.refs == 0 {
		delete(l.locks, key)
	}
}

// size reports how many keys are tracked (tests check that entries do not leak).
func (l *userLocks) size() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.locks)
}
