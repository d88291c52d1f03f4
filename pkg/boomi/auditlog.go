package boomi

import (
	"context"
	"encoding/json"
	"time"
)

const objectAuditLog = "AuditLog"

// DateLayout is the format of Boomi dates (docs/boomi-api.md#ids-and-dates: yyyy-MM-dd'T'HH:mm:ss'Z', UTC).
const DateLayout = "2006-01-02T15:04:05Z"

// LoginsSince is the AuditLog query for the successful logins (and account switches) at or after since:
// type "account", action "ON_ENTRY", modifier "SUCCESS" (docs/boomi-api.md#audit-log-user-status-and-last-login).
func LoginsSince(since time.Time) *Expression {
	return And(
		Equals("type", "account"),
		Equals("action", "ON_ENTRY"),
		Equals("modifier", "SUCCESS"),
		GreaterThanOrEqual("date", since.UTC().Format(DateLayout)),
	)
}

// AuditLog is one audit-log entry. A successful login is Type "account", Action "ON_ENTRY",
// Modifier "SUCCESS" (docs/boomi-api.md#audit-log-user-status-and-last-login). Reading it needs the VIEW_AUDIT_LOGS privilege.
type AuditLog struct {
	DocumentID string
	AccountID  string
	UserID     string
	Date       string // "2006-01-02T15:04:05Z"
	Type       string
	Action     string
	Modifier   string
	Level      string
	Source     string
	Message    string
}

// UnmarshalJSON ignores "@type" and the fields the connector does not use.
func (a *AuditLog) UnmarshalJSON(data []byte) error {
	var wire struct {
		DocumentID flexString `json:"documentId"`
		AccountID  flexString `json:"accountId"`
		UserID     flexString `json:"userId"`
		Date       flexString `json:"date"`
		Type       flexString `json:"type"`
		Action     flexString `json:"action"`
		Modifier   flexString `json:"modifier"`
		Level      flexString `json:"level"`
		Source     flexString `json:"source"`
		Message    flexString `json:"message"`
	}
	if err := json.Unmarshal(data, &wire); err != nil {
		return err
	}
	*a = AuditLog{
		DocumentID: string(wire.DocumentID), AccountID: string(wire.AccountID), UserID: string(wire.UserID),
		Date: string(wire.Date), Type: string(wire.Type), Action: string(wire.Action), Modifier: string(wire.Modifier),
		Level: string(wire.Level), Source: string(wire.Source), Message: string(wire.Message),
	}
	return nil
}

// QueryAuditLogs returns one page of audit-log entries (properties: containerId, userId, date, type, action,
// modifier, level, source).
func (c *Client) QueryAuditLogs(ctx context.Context, expr *Expression, token string) (Page[AuditLog], error) {
	return queryPage[AuditLog](ctx, c, objectAuditLog, expr, token)
}
