package connector

import (
	"strings"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
)

// privilegeWords are the words of a missing-privilege answer that comes as HTTP 400 instead of 403.
// UNCONFIRMED(privilege-error-400): Boomi's API-errors page lists "missing credentials or unauthorized
// access" under HTTP 400, and its Data Hub API answers a missing privilege with 400 "The authenticated user
// does not have access rights to this functionality"; the Platform API's own wording is not published.
var privilegeWords = []string{"access rights", "unauthorized access", "insufficient permissions", "privilege"}

// missingPrivilege tells whether err is Boomi refusing the call for a privilege the user lacks: any 403, or
// a 400 whose message speaks of access rights (see privilegeWords).
func missingPrivilege(err error) bool {
	if status.Code(err) == codes.PermissionDenied {
		return true
	}
	if boomi.HTTPStatus(err) != 400 {
		return false
	}
	msg := strings.ToLower(boomi.VendorMessage(err))
	for _, w := range privilegeWords {
		if strings.Contains(msg, w) {
			return true
		}
	}
	return false
}
