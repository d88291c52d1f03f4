package doctor

import (
	"fmt"

	"google.golang.org/grpc/status"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
)

// failure describes an error by its HTTP status and gRPC code only: Boomi's message text may quote user
// names or e-mails, which a report must not carry. It serves errors of both clients: MFT errors carry their
// HTTP status the same way.
func failure(err error) string {
	if st := boomi.HTTPStatus(err); st != 0 {
		return fmt.Sprintf("HTTP %d (%s)", st, status.Code(err))
	}
	return fmt.Sprintf("no HTTP answer (%s)", status.Code(err))
}
