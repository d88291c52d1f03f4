package boomisim

import (
	"fmt"
	"sync"
	"testing"
)

// Writers and paging readers at the same time: every write lands once, and every reader sees a
// consistent snapshot (no item twice, none lost from the set that existed when its query ran).
func TestConcurrentWritesAndPagedReads(t *testing.T) {
	sm := newSim(t, linksWorld(300))
	const writers, perWriter, readers = 4, 25, 3
	var wg sync.WaitGroup
	errs := make(chan string, writers*perWriter+readers)
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < perWriter; i++ {
				body := fmt.Sprintf(`{"userId":"w%d-%d@example.com","roleId":"%s","notifyUser":false}`, w, i, StandardUserRoleID)
				if r := sm.post(api(tSingle, "/AccountUserRole"), body); r.status != 200 {
					errs <- fmt.Sprintf("writer %d: %d %s", w, r.status, r.body)
				}
			}
		}(w)
	}
	for rd := 0; rd < readers; rd++ {
		wg.Add(1)
		go func(rd int) {
			defer wg.Done()
			seen := map[string]bool{}
			for _, it := range sm.queryAll(tSingle, "AccountUserRole", ``) {
				id := it["id"].(string)
				if seen[id] {
					errs <- fmt.Sprintf("reader %d saw %s twice", rd, id)
				}
				seen[id] = true
			}
			for i := 0; i < 300; i++ {
				if !seen[linkID(tSingle, fmt.Sprintf("user-%05d@example.com", i), StandardUserRoleID)] {
					errs <- fmt.Sprintf("reader %d lost pre-existing link %d", rd, i)
					return
				}
			}
		}(rd)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	if n := len(sm.s.Snapshot().Accounts[tSingle].UserRoles); n != 300+writers*perWriter {
		t.Fatalf("%d links after the writers, want %d", n, 300+writers*perWriter)
	}
}
