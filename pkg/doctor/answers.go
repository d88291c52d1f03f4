package doctor

import (
	"context"
	"fmt"

	"google.golang.org/grpc/status"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
	"github.com/baton-boomi/baton-boomi/pkg/transport"
)

// failure describes an error by its HTTP status and gRPC code only: Boomi's message text may quote user
// names or e-mails, which a report must not carry.
func failure(err error) string {
	if st := transport.HTTPStatus(err); st != 0 {
		return fmt.Sprintf("HTTP %d (%s)", st, status.Code(err))
	}
	return fmt.Sprintf("no HTTP answer (%s)", status.Code(err))
}

// readAll follows a query to its end (the doctor reads small collections only: roles, one user's links).
func readAll[T any](ctx context.Context, page func(context.Context, string) (boomi.Page[T], error)) ([]T, error) {
	var out []T
	token := ""
	for {
		p, err := page(ctx, token)
		if err != nil {
			return nil, err
		}
		out = append(out, p.Items...)
		if p.NextToken == "" {
			return out, nil
		}
		token = p.NextToken
	}
}
