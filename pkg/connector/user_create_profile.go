package connector

import (
	"sort"
	"strings"
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

// checkProfileValues rejects a key that is a near miss of a known one, and a known key whose value is not
// text (a number, a list, an object) or is text that cannot be right.
func checkProfileValues(profile *structpb.Struct) error {
	if err := checkProfileKeys(profile); err != nil {
		return err
	}
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

// checkProfileKeys refuses a key that is not known but is a near miss of a known one ("federationId",
// "federation-id", "federaton_id"): ignoring it would do something else than asked — a misspelt
// federation_id would create a password user and e-mail an invitation. Other unknown keys (the SDK's
// "login", fields a ConductorOne form adds) are left alone.
func checkProfileKeys(profile *structpb.Struct) error {
	keys := make([]string, 0, len(profile.GetFields()))
	for key := range profile.GetFields() {
		keys = append(keys, key)
	}
	sort.Strings(keys) // the same key is reported first, whatever the map's order
	for _, key := range keys {
		if _, known := profileLimits[key]; known {
			continue
		}
		if meant := nearProfileKey(key); meant != "" {
			return status.Errorf(codes.InvalidArgument,
				"the account-creation profile key %q is not one the connector reads (did you mean %q?); nothing was created", key, meant)
		}
	}
	return nil
}

// nearProfileKey is the known key that key misspells — the same letters once case, '_', '-' and spaces
// are ignored, or at most two letters apart — or "".
func nearProfileKey(key string) string {
	k := foldProfileKey(key)
	for known := range profileLimits {
		f := foldProfileKey(known)
		if k == f || (len(f) >= 5 && editDistanceAtMost(k, f, 2)) {
			return known
		}
	}
	return ""
}

func foldProfileKey(key string) string {
	return strings.Map(func(r rune) rune {
		if r == '_' || r == '-' || unicode.IsSpace(r) {
			return -1
		}
		return unicode.ToLower(r)
	}, key)
}

// editDistanceAtMost reports whether a and b are at most max single-rune insertions, deletions or
// substitutions apart (Levenshtein distance), with one row of the table at a time.
func editDistanceAtMost(a, b string, limit int) bool {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > limit || -d > limit {
		return false
	}
	prev := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur := make([]int, len(rb)+1)
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(rb)] <= limit
}
