package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestRunPrintsWorkingConnectorFlags(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out, outW := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"--users", "120", "--seed", "7", "--mft", "--sub-accounts", "3"}, outW, io.Discard)
		_ = outW.Close()
	}()

	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatalf("no flags line: %v", err)
	}
	flags := map[string]string{}
	fields := strings.Fields(line)
	for i := 0; i+1 < len(fields); i += 2 {
		flags[strings.TrimPrefix(fields[i], "--")] = fields[i+1]
	}
	for _, name := range []string{"base-url", "boomi-account-id", "boomi-email", "boomi-api-token", "mft-base-url", "mft-api-key"} {
		if flags[name] == "" {
			t.Fatalf("flags line %q lacks --%s", line, name)
		}
	}
	go func() { _, _ = io.Copy(io.Discard, out) }()

	// The printed credentials work against the printed base URL.
	req, _ := http.NewRequestWithContext(context.Background(), http.MethodPost, flags["base-url"]+"/api/rest/v1/"+flags["boomi-account-id"]+"/Account/query", strings.NewReader(`{"QueryFilter":{}}`))
	req.SetBasicAuth("BOOMI_TOKEN."+flags["boomi-email"], flags["boomi-api-token"])
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var page struct {
		Count int `json:"numberOfResults"`
	}
	err = json.NewDecoder(resp.Body).Decode(&page)
	_ = resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusOK || page.Count != 3 {
		t.Fatalf("Account query: status %d, %d sub-accounts (want 3), err %v", resp.StatusCode, page.Count, err)
	}

	mftReq, _ := http.NewRequestWithContext(context.Background(), http.MethodGet, flags["mft-base-url"]+"/api/AdminRoles", nil)
	mftReq.Header.Set("ApiKey", flags["mft-api-key"])
	mftResp, err := http.DefaultClient.Do(mftReq)
	if err != nil || mftResp.StatusCode != http.StatusOK {
		t.Fatalf("MFT roles: %v %v", mftResp, err)
	}
	_ = mftResp.Body.Close()

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("run returned %v after cancel", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("run did not stop after cancel")
	}
}

func TestParseFlags(t *testing.T) {
	c, err := parseFlags([]string{"--users", "500", "--groups", "0", "--p502", "0.25", "--latency", "80ms", "--rate-limit", "-1"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if c.spec.Users != 500 || c.spec.Groups != 0 || c.spec.CustomRoles != 5 || c.spec.FederatedUsers != 150 {
		t.Errorf("spec %+v: want 500 users, explicit 0 groups, proportional roles and federation", c.spec)
	}
	if c.faults.P502 != 0.25 || c.faults.Latency != 80*time.Millisecond || c.opts.RateLimit != -1 {
		t.Errorf("faults %+v opts %+v", c.faults, c.opts)
	}

	if c.spec.Tree != nil {
		t.Errorf("no --tree-* flag given, but the spec has a tree: %+v", *c.spec.Tree)
	}
	tc, err := parseFlags([]string{"--tree-users", "50", "--tree-nested", "3"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if tc.spec.Tree == nil || tc.spec.Tree.UsersPerSubAccount != 50 || tc.spec.Tree.Nested != 3 {
		t.Errorf("tree flags gave %+v", tc.spec.Tree)
	}

	for _, bad := range [][]string{
		{"--p500", "1.5"},
		{"--users", "0"},
		{"--users", "20000"},
		{"stray"},
	} {
		if _, err := parseFlags(bad, io.Discard); err == nil {
			t.Errorf("%v accepted", bad)
		}
	}
	if _, err := listenLoopback(t.Context(), "0.0.0.0:0"); err == nil {
		t.Error("non-loopback listen address accepted")
	}
}
