package boomi

import (
	"context"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// ReadAllPages drains a query that is known to be small (one user's links, the roles of an account): it
// follows Boomi's tokens until the last page. A token that comes back (a cycle, which would repeat the same
// requests forever) ends the read with an error: an answer that is not understood is never taken as
// complete.
func ReadAllPages[T any](ctx context.Context, fetch func(context.Context, string) (Page[T], error)) ([]T, error) {
	var all []T
	token := ""
	seen := map[string]bool{}
	for {
		page, err := fetch(ctx, token)
		if err != nil {
			return nil, err
		}
		all = append(all, page.Items...)
		if page.NextToken == "" {
			return all, nil
		}
		if seen[page.NextToken] || page.NextToken == token {
			return nil, status.Errorf(codes.Internal,
				"Boomi answered page %d with a queryToken it had already given, so the listing would never end; retry, and report it to Boomi support if it persists", len(seen)+1)
		}
		seen[page.NextToken] = true
		token = page.NextToken
	}
}
