package connector

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestProvisioningLocksExcludeConcurrentHoldersOfOneUser(t *testing.T) {
	locks := newProvisioningLockTable()
	ctx := context.Background()
	var inside, maxInside, total atomic.Int64
	var wg sync.WaitGroup
	for i := 0; i < 32; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			// Mixed case: the key must fold case, as Boomi does for e-mail user ids.
			user := "Jane@Example.com"
			if i%2 == 0 {
				user = "jane@example.com"
			}
			unlock, err := locks.lockUser(ctx, "acct-1", user)
			if err != nil {
				t.Error(err)
				return
			}
			n := inside.Add(1)
			for {
				m := maxInside.Load()
				if n <= m || maxInside.CompareAndSwap(m, n) {
					break
				}
			}
			total.Add(1)
			inside.Add(-1)
			unlock()
		}(i)
	}
	wg.Wait()
	require.Equal(t, int64(32), total.Load())
	require.Equal(t, int64(1), maxInside.Load(), "two goroutines held the same user's lock at once")
	require.Equal(t, 0, locks.size(), "lock entries must be dropped when nobody holds or waits")
}

func TestProvisioningLocksOfDifferentUsersDoNotBlockEachOther(t *testing.T) {
	locks := newProvisioningLockTable()
	ctx := context.Background()
	unlockA, err := locks.lockUser(ctx, "acct-1", "a@example.com")
	require.NoError(t, err)
	// Would deadlock (and the test time out) if keys collided.
	unlockB, err := locks.lockUser(ctx, "acct-1", "b@example.com")
	require.NoError(t, err)
	unlockOtherAccount, err := locks.lockUser(ctx, "acct-2", "a@example.com")
	require.NoError(t, err)
	require.Equal(t, 3, locks.size())
	unlockA()
	unlockA() // releasing twice is harmless
	unlockB()
	unlockOtherAccount()
	require.Equal(t, 0, locks.size())
}

func TestProvisioningLocksOfDifferentKindsDoNotCollide(t *testing.T) {
	locks := newProvisioningLockTable()
	ctx := context.Background()
	// Without the kind in the key, user "acct-1|e1" of an account named "env" would be environment e1 of
	// acct-1.
	require.NotEqual(t, userLockKey("env", "acct-1|e1"), environmentLockKey("acct-1", "e1"))
	unlockUser, err := locks.lockUser(ctx, "env", "acct-1|e1")
	require.NoError(t, err)
	unlockEnv, err := locks.lock(ctx, environmentLockKey("acct-1", "e1"))
	require.NoError(t, err)
	unlockMFT, err := locks.lockMFTMappings(ctx)
	require.NoError(t, err)
	require.Equal(t, 3, locks.size())
	unlockUser()
	unlockEnv()
	unlockMFT()
	require.Equal(t, 0, locks.size())
}

func TestProvisioningLocksWaitEndsWithContext(t *testing.T) {
	locks := newProvisioningLockTable()
	key := userLockKey("acct-1", "a@example.com")
	unlock, err := locks.lock(context.Background(), key)
	require.NoError(t, err)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = locks.lock(ctx, key)
	require.ErrorIs(t, err, context.Canceled)
	require.Equal(t, 1, locks.size(), "the cancelled waiter must not leave a reference behind")

	unlock()
	require.Equal(t, 0, locks.size())
}

// size reports how many keys are tracked, so the tests can check that entries do not leak.
func (l *provisioningLockTable) size() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.locks)
}
