package connector

import (
	"strings"
	"time"
)

// mftTimeLayouts are the date-time spellings MFT may use. The API is ASP.NET: besides RFC 3339 it may send
// a date-time without a zone (DateTimeKind.Unspecified), which is read as UTC (UNCONFIRMED(mft-time-zone); the
// reference shows only the "date-time" format name).
var mftTimeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999",
}

// parseMFTTime reads an MFT date-time; ok is false for null, empty or unreadable values.
func parseMFTTime(raw *string) (time.Time, bool) {
	if raw == nil || strings.TrimSpace(*raw) == "" {
		return time.Time{}, false
	}
	for _, layout := range mftTimeLayouts {
		if t, err := time.Parse(layout, strings.TrimSpace(*raw)); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}
