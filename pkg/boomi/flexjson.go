package boomi

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
)

// flexBool decodes a JSON boolean that Boomi may also send as a string ("true") — the SOAP documentation
// types notifyUser as a string — or leave out / set to null. Anything unreadable decodes as unset instead of
// failing the whole page.
type flexBool struct {
	set   bool
	value bool
}

func (b *flexBool) UnmarshalJSON(data []byte) error {
	*b = flexBool{}
	data = bytes.TrimSpace(data)
	if bytes.Equal(data, []byte("null")) {
		return nil
	}
	var asBool bool
	if json.Unmarshal(data, &asBool) == nil {
		*b = flexBool{set: true, value: asBool}
		return nil
	}
	var asString string
	if json.Unmarshal(data, &asString) == nil {
		if v, err := strconv.ParseBool(strings.TrimSpace(asString)); err == nil {
			*b = flexBool{set: true, value: v}
		}
	}
	return nil
}

// ptr returns nil when the field was absent, else a pointer to its value.
func (b flexBool) ptr() *bool {
	if !b.set {
		return nil
	}
	v := b.value
	return &v
}

// flexString decodes a string that might come as a number or boolean, so an unexpected scalar type in a field
// the connector only displays never fails the page.
type flexString string

func (s *flexString) UnmarshalJSON(data []byte) error {
	*s = ""
	data = bytes.TrimSpace(data)
	var asString string
	if json.Unmarshal(data, &asString) == nil {
		*s = flexString(asString)
		return nil
	}
	if len(data) > 0 && data[0] != '{' && data[0] != '[' && !bytes.Equal(data, []byte("null")) {
		*s = flexString(data)
	}
	return nil
}
