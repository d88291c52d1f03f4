package connector

import (
	"unicode"
	"unicode/utf8"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/structpb"
)

// Checks of the account-creation profile values, before any request: each known key holds text (or
// nothing), valid UTF-8, without control characters, and of a plausible length. Boomi publishes no field
// lengths; the bounds are far above real values and catch pasted files and runaway variables.
const (
	maxEmailLen        = 254 // RFC 5321 bounds an address to 254 characters
	maxNameLen         = 255
	maxFederationIDLen = 255
)

// profileLimits are the known profile keys and their length bounds.
var profileLimits = map[string]int{
	profileEmail:        maxEmailLen,
	profileFirstName:    maxNameLen,
	profileLastName:     maxNameLen,
	profileRoleID:       64,
	profileFederationID: maxFederationIDLen,
}

// checkProfileValues rejects a known key whose value is not text (a number, a list, an object) or is text
// that cannot be right.
func checkProfileValues(profile *structpb.Struct) error {
	for key, limit := range profileLimits {
		v, ok := profile.GetFields()[key]
		if !ok {
			continue
		}
		switch kind := v.GetKind().(type) {
		case *structpb.Value_NullValue:
			continue
		case *structpb.Value_StringValue:
			if err := checkProfileText(key, kind.StringValue, limit); err != nil {
				return err
			}
		default:
			return status.Errorf(codes.InvalidArgument,
				"the account-creation profile key %q holds %s; give it as text (a JSON string)", key, valueKind(v))
		}
	}
	return nil
}

// checkProfileText checks one text value of the profile.
func checkProfileText(key, value string, limit int) error {
	switch {
	case !utf8.ValidString(value):
		return status.Errorf(codes.InvalidArgument, "the account-creation value %q is not valid UTF-8 text; retype it", key)
	case len(value) > limit:
		return status.Errorf(codes.InvalidArgument,
			"the account-creation value %q is %d bytes long, more than %d; give the real value", key, len(value), limit)
	}
	for _, r := range value {
		if unicode.IsControl(r) {
			return status.Errorf(codes.InvalidArgument,
				"the account-creation value %q contains a control character (such as a line break); give it on one line", key)
		}
	}
	return nil
}

func valueKind(v *structpb.Value) string {
	switch v.GetKind().(type) {
	case *structpb.Value_NumberValue:
		return "a number"
	case *structpb.Value_BoolValue:
		return "true or false"
	case *structpb.Value_ListValue:
		return "a list"
	case *structpb.Value_StructValue:
		return "an object"
	}
	return "an unknown kind of value"
}
