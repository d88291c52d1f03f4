package boomi

import (
	"context"
	"testing"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

func TestReadAllPagesFollowsTokensToTheLastPage(t *testing.T) {
	pages := map[string]Page[int]{"": {Items: []int{1, 2}, NextToken: "a"}, "a": {Items: []int{3}, NextToken: "b"}, "b": {Items: []int{4}}}
	got, err := ReadAllPages(context.Background(), func(_ context.Context, tok string) (Page[int], error) { return pages[tok], nil })
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 4 || got[0] != 1 || got[3] != 4 {
		t.Fatalf("items %v, want [1 2 3 4]", got)
	}
}

func TestReadAllPagesStopsOnARepeatedToken(t *testing.T) {
	calls := 0
	pages := map[string]Page[int]{"": {Items: []int{1}, NextToken: "a"}, "a": {Items: []int{2}, NextToken: "b"}, "b": {Items: []int{3}, NextToken: "a"}}
	_, err := ReadAllPages(context.Background(), func(_ context.Context, tok string) (Page[int], error) {
		calls++
		return pages[tok], nil
	})
	if status.Code(err) != codes.Internal {
		t.Fatalf("err %v, want Internal for a token cycle", err)
	}
	if calls != 3 {
		t.Fatalf("%d requests, want 3 (the cycle is seen on the third answer)", calls)
	}
}
