package boomisim

import (
	"bytes"
	"encoding/json"
	"sort"
)

// Object type names as they appear in "@type" and in routes.
const (
	objAccount               = "Account"
	objAccountUserRole       = "AccountUserRole"
	objRole                  = "Role"
	objAccountGroup          = "AccountGroup"
	objAccountGroupAccount   = "AccountGroupAccount"
	objAccountGroupUserRole  = "AccountGroupUserRole"
	objAccountUserFederation = "AccountUserFederation"
	objAccountSSOConfig      = "AccountSSOConfig"
	objAuditLog              = "AuditLog"
	objEnvironment           = "Environment"
	objEnvironmentRole       = "EnvironmentRole"
)

// renderTyped writes v (a struct) as a JSON object with "@type" first and the Extra fields (deliberately
// unknown to clients) last, sorted by name so answers are byte-stable.
func renderTyped(typeName string, v any, extra map[string]any) json.RawMessage {
	body, err := json.Marshal(v)
	if err != nil || len(body) < 2 || body[0] != '{' {
		// Only plain structs of this package reach here; they always marshal to an object.
		panic("boomisim: cannot render " + typeName + ": " + string(body))
	}
	var b bytes.Buffer
	b.Grow(len(body) + 32)
	b.WriteString(`{"@type":`)
	tn, _ := json.Marshal(typeName)
	b.Write(tn)
	if inner := body[1 : len(body)-1]; len(inner) > 0 {
		b.WriteByte(',')
		b.Write(inner)
	}
	keys := make([]string, 0, len(extra))
	for k := range extra {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		val, err := json.Marshal(extra[k])
		if err != nil {
			continue // a value JSON cannot express is left out rather than breaking the answer
		}
		kj, _ := json.Marshal(k)
		b.WriteByte(',')
		b.Write(kj)
		b.WriteByte(':')
		b.Write(val)
	}
	b.WriteByte('}')
	return b.Bytes()
}

// Wire forms of nested wrappers. Boomi tags the Privileges wrapper "Privileges" but each Privilege item ""
// (docs/boomi-api.md#json-and-type, Boomi's OpenAPI 3.0.3 examples); Resources follow the same pattern as the object they belong to.
type privilegesWire struct {
	Type      string          `json:"@type"`
	Privilege []privilegeWire `json:"Privilege"`
}

type privilegeWire struct {
	Type string `json:"@type"`
	Name string `json:"name"`
}

type resourcesWire struct {
	Type     string         `json:"@type"`
	Resource []resourceWire `json:"Resource"`
}

type resourceWire struct {
	Type string `json:"@type"`
	Resource
}

type roleWire struct {
	ID          string          `json:"id"`
	AccountID   string          `json:"accountId"`
	Name        string          `json:"name"`
	Description string          `json:"Description,omitempty"`
	ParentID    string          `json:"parentId,omitempty"`
	Privileges  *privilegesWire `json:"Privileges,omitempty"`
}

func renderRole(r *Role) json.RawMessage {
	w := roleWire{ID: r.ID, AccountID: r.AccountID, Name: r.Name, Description: r.Description, ParentID: r.ParentID}
	w.Privileges = &privilegesWire{Type: "Privileges", Privilege: make([]privilegeWire, 0, len(r.Privileges))}
	for _, p := range r.Privileges {
		w.Privileges.Privilege = append(w.Privileges.Privilege, privilegeWire{Type: "", Name: p.Name})
	}
	return renderTyped(objRole, w, r.Extra)
}

type groupWire struct {
	AccountGroup
	Resources *resourcesWire `json:"Resources,omitempty"`
}

// renderGroup writes an AccountGroup; only GET /AccountGroup/{id} includes Resources (docs/boomi-api.md#accountgroup).
func renderGroup(g *AccountGroup, withResources bool) json.RawMessage {
	w := groupWire{AccountGroup: *g}
	if withResources {
		w.Resources = &resourcesWire{Type: "Resources", Resource: make([]resourceWire, 0, len(g.Resources))}
		for _, r := range g.Resources {
			w.Resources.Resource = append(w.Resources.Resource, resourceWire{Type: "Resource", Resource: r})
		}
	}
	return renderTyped(objAccountGroup, w, g.Extra)
}

func renderUserRole(l *AccountUserRole) json.RawMessage {
	return renderTyped(objAccountUserRole, l, l.Extra)
}

func renderGroupUserRole(l *AccountGroupUserRole) json.RawMessage {
	return renderTyped(objAccountGroupUserRole, l, l.Extra)
}

// bulkItem is one entry of a bulk answer (docs/boomi-api.md#urls-and-verbs, docs/boomi-api.md#error-body): the object, or a per-item error.
type bulkItem struct {
	Type         string          `json:"@type"`
	Index        int             `json:"index"`
	ID           string          `json:"id"`
	StatusCode   int             `json:"statusCode"`
	ErrorMessage string          `json:"errorMessage,omitempty"`
	Result       json.RawMessage `json:"Result,omitempty"`
}

type bulkResult struct {
	Type     string     `json:"@type"`
	Response []bulkItem `json:"response"`
}

func renderBulk(items []bulkItem) json.RawMessage {
	out, _ := json.Marshal(bulkResult{Type: "BulkResult", Response: items})
	return out
}
