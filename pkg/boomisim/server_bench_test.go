package boomisim

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// BenchmarkFullUserRoleRead reads every AccountUserRole link of a 10,000-user account (Boomi's cap) page by
// page through the HTTP handler, the way a sync does. Reported per full read.
func BenchmarkFullUserRoleRead(b *testing.B) {
	st := Generate(DefaultSpec(10000, 1))
	conn := AdminConnection(st)
	s := New(Options{RateLimit: -1})
	s.Load(st)
	call := func(path, body, ct string) *httptest.ResponseRecorder {
		r := httptest.NewRequestWithContext(context.Background(), "POST", platformBasePrefix+conn.AccountID+path, strings.NewReader(body))
		r.SetBasicAuth(tokenUserPrefix+conn.Username, conn.Token)
		r.Header.Set("Accept", "application/json")
		r.Header.Set("Content-Type", ct)
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		if w.Code != http.StatusOK {
			b.Fatalf("%s: %d %s", path, w.Code, w.Body)
		}
		return w
	}
	b.ResetTimer()
	pages := 0
	for i := 0; i < b.N; i++ {
		w := call("/AccountUserRole/query", `{"QueryFilter":{}}`, "application/json")
		for {
			pages++
			body := w.Body.String()
			start := strings.Index(body, `"queryToken":"`)
			if start < 0 {
				break
			}
			tok := body[start+len(`"queryToken":"`):]
			tok = tok[:strings.IndexByte(tok, '"')]
			w = call("/AccountUserRole/queryMore", tok, "text/plain")
		}
	}
	b.ReportMetric(float64(pages)/float64(b.N), "pages/read")
}
