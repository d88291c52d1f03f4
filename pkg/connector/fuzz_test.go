package connector

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/structpb"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
	"github.com/baton-boomi/baton-boomi/pkg/config"
)

// FuzzPageIterator: whatever sequence of queryTokens Boomi answers with (cycles, repeats, empty pages), the
// page iterator ends — with every item, or with an error — and never loops.
func FuzzPageIterator(f *testing.F) {
	f.Add([]byte("a\x00b\x00"))      // two pages then the end
	f.Add([]byte("a\x00a\x00"))      // the same token twice
	f.Add([]byte("a\x00b\x00a\x00")) // a cycle
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, script []byte) {
		// The script is the sequence of next tokens, NUL-separated; past its end, the last page.
		var tokens []string
		start := 0
		for i, b := range script {
			if b == 0 {
				tokens = append(tokens, string(script[start:i]))
				start = i + 1
			}
		}
		calls := 0
		fetch := func(_ context.Context, _ string) (boomi.Page[int], error) {
			calls++
			if calls > len(tokens)+1 {
				t.Fatalf("the iterator asked for page %d of a %d-page script", calls, len(tokens)+1)
			}
			next := ""
			if calls <= len(tokens) {
				next = tokens[calls-1]
			}
			return boomi.Page[int]{Items: []int{calls}, NextToken: next}, nil
		}
		items, err := boomi.ReadAllPages(context.Background(), fetch)
		if err != nil {
			if status.Code(err) != codes.Internal {
				t.Fatalf("a token cycle gave %v, want an Internal error", err)
			}
			return
		}
		if len(items) != calls {
			t.Fatalf("%d pages read, %d items kept", calls, len(items))
		}
	})
}

// FuzzPageToken: any SDK page token either starts a walk at one of its phases or is the one InvalidArgument
// sentence; a token the connector issues reads back as the same position.
func FuzzPageToken(f *testing.F) {
	phases := []string{phaseFederation, phaseUserRoles, phaseSubAccountUsers}
	for _, seed := range []string{
		"", `{"current_state":{"type":"aur","token":"abc/+="}}`, `{"states":[{"type":"sub"}],"current_state":{"type":"fed"}}`,
		`{"current_state":{"type":"aur","id":"acct-1","token":"r1:x"}}`, `{"current_state":{"type":"nope"}}`,
		`{"states":[{"type":"nope"}],"current_state":{"type":"aur"}}`, `{"current_state":null}`, `{}`, `{"p":"aur","t":"x"}`,
		`null`, `[]`, `{"current_state":{"type":1}}`, "u25", "\xff",
	} {
		f.Add(seed, "next")
	}
	f.Fuzz(func(t *testing.T, raw, boomiNext string) {
		w, err := startWalk(raw, phases...)
		if err != nil {
			if status.Code(err) != codes.InvalidArgument || status.Convert(err).Message() != status.Convert(errPageToken(raw)).Message() {
				t.Fatalf("bad token %q gave %v", raw, err)
			}
			return
		}
		if !slices.Contains(phases, w.phase()) {
			t.Fatalf("token %q started a walk at the unknown phase %q", raw, w.phase())
		}
		phase, resource, id := w.phase(), w.resource(), w.pageID()
		if again, _ := startWalk(raw, phases...); again.pageID() != id {
			t.Fatalf("token %q names two pages", raw)
		}
		if boomiNext == "" || !utf8.ValidString(boomiNext) {
			// Boomi's queryTokens are text; a bag, like any JSON, carries valid UTF-8 only.
			return
		}
		next := nextPageToken(w.next(boomiNext))
		back, err := startWalk(next, phases...)
		if err != nil || back.phase() != phase || back.resource() != resource || back.token() != boomiNext {
			t.Fatalf("issued token %q reads back as %q/%q/%q (%v)", next, back.phase(), back.resource(), back.token(), err)
		}
	})
}

// FuzzAccountCreationProfile: any profile (JSON object, values of any kind) is either a request that passes
// every check or one InvalidArgument sentence; parsing sends nothing and never panics.
func FuzzAccountCreationProfile(f *testing.F) {
	for _, seed := range []string{
		`{"email":"jane@acme.test"}`, `{"email":"o'neil+x&y%z#w/v?q@acme.test","federation_id":"Jürgen O'Neil/#1 ?&+%"}`,
		`{"email":"a@b.c","role_id":"00000000-0000-0000-0000-000000000000"}`, `{"email":5}`, `{"email":"a@b.c","first_name":["x"]}`,
		`{"email":"a@b.c","federation_id":{"x":1}}`, `{"email":"a@b.c\n"}`, `{"email":"<script>@x.y"}`,
		`{"email":"a@b.c","last_name":"` + "\u0007" + `"}`, `{}`, `{"email":null}`, `{"email":"' OR 1=1 --@x.y"}`,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, profileJSON string) {
		var m map[string]any
		if json.Unmarshal([]byte(profileJSON), &m) != nil {
			return
		}
		p, err := structpb.NewStruct(m)
		if err != nil {
			return
		}
		req, err := parseNewAccountRequest(v2.AccountInfo_builder{Profile: p}.Build())
		if err != nil {
			if status.Code(err) != codes.InvalidArgument || status.Convert(err).Message() == "" {
				t.Fatalf("profile %s gave %v, want an InvalidArgument sentence", profileJSON, err)
			}
			return
		}
		if req.email == "" || !boomi.IsCanonicalRoleID(req.roleID) {
			t.Fatalf("profile %s passed with email %q, role %q", profileJSON, req.email, req.roleID)
		}
	})
}

// FuzzConfig: any combination of text values either builds the connector (which sends no request) or is
// refused with an error; nothing panics. A value refused by CheckValues is refused by New too.
func FuzzConfig(f *testing.F) {
	f.Add("acme-AB12CD", "admin@acme.test", "token", "https://api.boomi.com", "", "", 8)
	f.Add("acme/../x", "admin@acme.test", "tok en", "http://example.com", "https://us.thruinc.com", "key", 0)
	f.Add("", "", "", "", "", "", -1)
	f.Add("a\xffb", "x\ny", "t\r\n", "https://api.boomi.com/?q=1", "ftp://x", "k\x00", 100000)
	f.Fuzz(func(t *testing.T, account, user, token, baseURL, mftURL, mftKey string, rps int) {
		cfg := &config.Boomi{AccountId: account, Username: user, ApiToken: token, BaseUrl: baseURL,
			MftBaseUrl: mftURL, MftApiKey: mftKey, RequestsPerSecond: rps}
		checked := config.CheckValues(cfg)
		built, _, err := New(context.Background(), cfg, nil)
		if err == nil {
			if checked != nil {
				t.Fatalf("CheckValues refused (%v) but New built a connector", checked)
			}
			_ = built.(*Boomi).Close()
			return
		}
		if err.Error() == "" || errors.Unwrap(err) == err { //nolint:errorlint // identity, not equality: an error that wraps itself
			t.Fatalf("an empty or self-wrapping error: %#v", err)
		}
		for _, secret := range []string{token, mftKey} {
			if len(secret) >= 8 && strings.Contains(err.Error(), secret) {
				t.Fatalf("the error quotes a secret: %v", err)
			}
		}
	})
}
