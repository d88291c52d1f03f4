package boomisim

import "encoding/json"

// AuditLog (docs/boomi-api.md#audit-log-user-status-and-last-login): read-only; needs VIEW_AUDIT_LOGS. The id of an entry is its documentId.

var auditQuery = newQueryKind[AuditLog](objAuditLog, nil,
	queryProp[AuditLog]{"containerId", func(e *AuditLog) string { return e.ContainerID }},
	queryProp[AuditLog]{"userId", func(e *AuditLog) string { return e.UserID }},
	queryProp[AuditLog]{"date", func(e *AuditLog) string { return e.Date }},
	queryProp[AuditLog]{"type", func(e *AuditLog) string { return e.Type }},
	queryProp[AuditLog]{"action", func(e *AuditLog) string { return e.Action }},
	queryProp[AuditLog]{"modifier", func(e *AuditLog) string { return e.Modifier }},
	queryProp[AuditLog]{"level", func(e *AuditLog) string { return e.Level }},
	queryProp[AuditLog]{"source", func(e *AuditLog) string { return e.Source }},
)

func renderAudit(e *AuditLog) json.RawMessage { return renderTyped(objAuditLog, e, nil) }

func findAudit(acct *AccountState, id string) *AuditLog {
	for i := range acct.AuditLogs {
		if acct.AuditLogs[i].DocumentID == id {
			return &acct.AuditLogs[i]
		}
	}
	return nil
}

func (s *Server) auditQuery(c *call) (json.RawMessage, *apiError) {
	return runQuery(s, c, auditQuery, func(_ *State, acct *AccountState) []AuditLog { return acct.AuditLogs }, renderAudit)
}

func (s *Server) auditGet(c *call) (json.RawMessage, *apiError) {
	return s.locked(c, func(_ *State, acct *AccountState) (json.RawMessage, *apiError) {
		e := findAudit(acct, c.id)
		if e == nil {
			return nil, errNotFound(objAuditLog, c.id)
		}
		return renderAudit(e), nil
	})
}

func (s *Server) auditBulk(c *call) (json.RawMessage, *apiError) {
	return s.runBulkGet(c, func(_ *State, acct *AccountState, id string) (json.RawMessage, *apiError) {
		e := findAudit(acct, id)
		if e == nil {
			return nil, errNotFound(objAuditLog, id)
		}
		return renderAudit(e), nil
	})
}
