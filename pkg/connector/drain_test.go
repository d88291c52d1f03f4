package connector

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"testing"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/conductorone/baton-sdk/pkg/annotations"
	"github.com/conductorone/baton-sdk/pkg/connectorbuilder"
	rs "github.com/conductorone/baton-sdk/pkg/types/resource"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/types/known/anypb"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
)

// maxDrainPages is far more pages than any test world needs (the largest walks take a few dozen): a walk
// past it does not end.
const maxDrainPages = 100

// drain walks one paged call to its end as the SDK does (first call with no token, then each next token)
// and returns every item. The SDK stops a sync whose walk hands back a token it has already seen, so a
// drain fails the test on that (a cycle, the commonest being a page that returns its own token), on an
// error and on an absurd page count: a walk that would loop in production fails here, not hangs.
func drain[T any](tb testing.TB, walk string, page func(token string) ([]T, *rs.SyncOpResults, error)) []T {
	tb.Helper()
	var all []T
	seen := map[string]bool{}
	token := ""
	for pages := 1; ; pages++ {
		if pages > maxDrainPages {
			tb.Fatalf("%s did not end after %d pages", walk, maxDrainPages)
			return all
		}
		items, res, err := page(token)
		if err != nil {
			tb.Fatalf("%s, page %d (token %q): %v", walk, pages, token, err)
			return all
		}
		all = append(all, items...)
		next := nextPageToken(res)
		if next == "" {
			return all
		}
		seen[token] = true
		if next == token {
			tb.Fatalf("%s returned the token it was given (%q) as its next token", walk, token)
			return all
		}
		if seen[next] {
			tb.Fatalf("%s returned token %q a second time: the walk cycles", walk, next)
			return all
		}
		token = next
	}
}

func nextPageToken(r *rs.SyncOpResults) string {
	if r == nil {
		return ""
	}
	return r.NextPageToken
}

// listAll drains a List walk of the sync under test.
func (e *testEnv) listAll(b connectorbuilder.ResourceSyncerV2) []*v2.Resource {
	e.t.Helper()
	return drain(e.t, "List", func(token string) ([]*v2.Resource, *rs.SyncOpResults, error) {
		return b.List(e.ctx, nil, e.opts(token))
	})
}

// entitlementsAll drains one resource's Entitlements walk.
func (e *testEnv) entitlementsAll(b connectorbuilder.ResourceSyncerV2, r *v2.Resource) []*v2.Entitlement {
	e.t.Helper()
	return drain(e.t, "Entitlements", func(token string) ([]*v2.Entitlement, *rs.SyncOpResults, error) {
		return b.Entitlements(e.ctx, r, e.opts(token))
	})
}

// typeEntitlementsAll drains a type-scoped entitlements walk.
func (e *testEnv) typeEntitlementsAll(b connectorbuilder.TypeScopedEntitlementsSyncer, rt *v2.ResourceType) []*v2.Entitlement {
	e.t.Helper()
	return drain(e.t, "EntitlementsForResourceType", func(token string) ([]*v2.Entitlement, *rs.SyncOpResults, error) {
		return b.EntitlementsForResourceType(e.ctx, rt.GetId(), e.opts(token))
	})
}

// grantsAll drains one resource's Grants walk.
func (e *testEnv) grantsAll(b connectorbuilder.ResourceSyncerV2, r *v2.Resource) []*v2.Grant {
	e.t.Helper()
	return drain(e.t, "Grants", func(token string) ([]*v2.Grant, *rs.SyncOpResults, error) {
		return b.Grants(e.ctx, r, e.opts(token))
	})
}

// typeGrantsAll drains a type-scoped grants walk of the sync under test.
func (e *testEnv) typeGrantsAll(b connectorbuilder.TypeScopedGrantsSyncer, rt *v2.ResourceType) []*v2.Grant {
	e.t.Helper()
	return e.typeGrantsOf(testSyncID, b, rt)
}

// typeGrantsOf drains a type-scoped grants walk of the named sync.
func (e *testEnv) typeGrantsOf(sync string, b connectorbuilder.TypeScopedGrantsSyncer, rt *v2.ResourceType) []*v2.Grant {
	e.t.Helper()
	return drain(e.t, "GrantsForResourceType", func(token string) ([]*v2.Grant, *rs.SyncOpResults, error) {
		return b.GrantsForResourceType(e.ctx, rt.GetId(), e.optsFor(sync, token))
	})
}

// userRoleLinksAll drains the connector's AccountUserRole chain (userRolePage) of the sync under test.
func (e *testEnv) userRoleLinksAll() []boomi.AccountUserRole {
	e.t.Helper()
	return drain(e.t, "userRolePage", func(token string) ([]boomi.AccountUserRole, *rs.SyncOpResults, error) {
		page, err := e.conn.userRolePage(e.ctx, e.store, token)
		return page.Items, &rs.SyncOpResults{NextPageToken: page.NextToken}, err
	})
}

func idsOf(resources []*v2.Resource) []string {
	out := make([]string, 0, len(resources))
	for _, r := range resources {
		out = append(out, r.GetId().GetResource())
	}
	return out
}

func grantIDsOf(grants []*v2.Grant) []string {
	out := make([]string, 0, len(grants))
	for _, g := range grants {
		out = append(out, g.GetId())
	}
	return out
}

// sortedGrantIDsOf is grantIDsOf, sorted (for comparing with an expected set).
func sortedGrantIDsOf(grants []*v2.Grant) []string {
	ids := grantIDsOf(grants)
	slices.Sort(ids)
	return ids
}

func userProfile(t *testing.T, r *v2.Resource) map[string]any {
	t.Helper()
	ut, err := rs.GetUserTrait(r)
	require.NoError(t, err)
	return ut.GetProfile().AsMap()
}

// annosOf wraps annotations so their pointer methods (Contains, Pick) can be called inline.
func annosOf(a []*anypb.Any) *annotations.Annotations {
	out := annotations.Annotations(a)
	return &out
}

// pagedBuilder is a builder whose List follows next (token -> next token; a missing token ends the walk)
// and fails with err when it is set. Only List is implemented: the drain calls nothing else.
type pagedBuilder struct {
	connectorbuilder.ResourceSyncerV2
	next map[string]string
	err  error
}

func (b pagedBuilder) List(_ context.Context, _ *v2.ResourceId, opts rs.SyncOpAttrs) ([]*v2.Resource, *rs.SyncOpResults, error) {
	if b.err != nil {
		return nil, nil, b.err
	}
	token := opts.PageToken.Token
	page := []*v2.Resource{resourceStub(userResourceType, "user-after-"+token)}
	return page, &rs.SyncOpResults{NextPageToken: b.next[token]}, nil
}

// failRecorder stands in for the test's testing.TB: it records the first failure and stops the drain as
// FailNow would, so a drain's failure is checked without failing this test.
type failRecorder struct {
	testing.TB
	failure string
}

var errDrainStopped = errors.New("the drain called FailNow")

func (f *failRecorder) Helper() {}

func (f *failRecorder) Errorf(format string, args ...any) {
	if f.failure == "" {
		f.failure = fmt.Sprintf(format, args...)
	}
}

func (f *failRecorder) Fatalf(format string, args ...any) {
	f.Errorf(format, args...)
	f.FailNow()
}

func (f *failRecorder) FailNow() { panic(errDrainStopped) }

// listWith drains b's List through the harness's listAll, reporting to a failRecorder: it returns what the
// drain returned and its failure ("" when it passed).
func listWith(t *testing.T, b connectorbuilder.ResourceSyncerV2) ([]string, string) {
	t.Helper()
	rec := &failRecorder{TB: t}
	var ids []string
	func() {
		defer func() {
			if r := recover(); r != nil {
				if err, ok := r.(error); !ok || !errors.Is(err, errDrainStopped) {
					panic(r)
				}
			}
		}()
		e := &testEnv{t: rec, ctx: t.Context(), store: newTestStore()}
		ids = idsOf(e.listAll(b))
	}()
	return ids, rec.failure
}

func TestDrainFailsOnARepeatedPageToken(t *testing.T) {
	ids, failure := listWith(t, pagedBuilder{next: map[string]string{"": "a", "a": "b"}})
	require.Empty(t, failure, "a walk that ends is drained")
	require.Equal(t, []string{"user-after-", "user-after-a", "user-after-b"}, ids)

	_, failure = listWith(t, pagedBuilder{next: map[string]string{"": "a", "a": "b", "b": "a"}})
	require.Contains(t, failure, `returned token "a" a second time: the walk cycles`)

	_, failure = listWith(t, pagedBuilder{next: map[string]string{"": "a", "a": "a"}})
	require.Contains(t, failure, `returned the token it was given ("a") as its next token`)

	endless := map[string]string{}
	for i := range maxDrainPages + 1 {
		endless[strconv.Itoa(i)] = strconv.Itoa(i + 1)
	}
	endless[""] = "0"
	_, failure = listWith(t, pagedBuilder{next: endless})
	require.Contains(t, failure, "did not end after 100 pages")

	_, failure = listWith(t, pagedBuilder{err: errors.New("Boomi is down")})
	require.Contains(t, failure, "Boomi is down")
}
