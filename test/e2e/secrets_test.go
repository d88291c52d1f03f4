package e2e

import (
	"bytes"
	"context"
	"io"
	"os"
	"testing"

	"github.com/conductorone/baton-sdk/pkg/dotc1z"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"

	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

// assertNoSecretInOutput fails when secret occurs in a run's output.
func assertNoSecretInOutput(t *testing.T, secret string, res runResult) {
	t.Helper()
	if secret == "" {
		t.Fatal("empty secret: nothing to look for")
	}
	if bytes.Contains([]byte(res.Output), []byte(secret)) {
		t.Errorf("the secret appears in the output of %v", res.Args)
	}
}

// assertNoSecretInC1Z fails when secret occurs in the .c1z file: in its raw bytes, in every object its
// latest sync holds (written out as JSON), and — for files of the sqlite engine (format v1) — in the
// whole decompressed database, which also covers tables the reader API does not show.
func assertNoSecretInC1Z(t *testing.T, secret, path string) {
	t.Helper()
	if secret == "" {
		t.Fatal("empty secret: nothing to look for")
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(raw, []byte(secret)) {
		t.Errorf("the secret appears in the raw bytes of %s", path)
	}
	if format, err := dotc1z.ReadHeaderFormat(bytes.NewReader(raw)); err == nil && format == dotc1z.C1ZFormatV1 {
		dec, err := dotc1z.NewDecoder(bytes.NewReader(raw), dotc1z.WithContext(context.Background()))
		if err != nil {
			t.Fatalf("decode %s: %v", path, err)
		}
		db, err := io.ReadAll(dec)
		_ = dec.Close()
		if err != nil {
			t.Fatalf("decompress %s: %v", path, err)
		}
		if len(db) == 0 {
			t.Fatalf("decompressed %s is empty", path)
		}
		if bytes.Contains(db, []byte(secret)) {
			t.Errorf("the secret appears in the decompressed database of %s", path)
		}
	}
	c := readC1Z(t, path)
	var msgs []proto.Message
	for _, rt := range c.ResourceTypes {
		msgs = append(msgs, rt)
	}
	for _, byID := range c.Resources {
		for _, r := range byID {
			msgs = append(msgs, r)
		}
	}
	for _, e := range c.Entitlements {
		msgs = append(msgs, e)
	}
	for _, g := range c.Grants {
		msgs = append(msgs, g)
	}
	for _, m := range msgs {
		js, err := protojson.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(js, []byte(secret)) {
			t.Errorf("the secret appears in a stored object: %.200s", js)
			return
		}
	}
}

// TestSecretsNeverStoredOrLogged: a sync at debug log level, written with the sqlite engine so the whole
// decompressed database can be searched, holds neither the Platform token nor the MFT key anywhere —
// output, raw file, stored objects, database bytes — and neither does a failing provisioning run.
func TestSecretsNeverStoredOrLogged(t *testing.T) {
	env, key := startMFTSim(t, 46, true)
	path := env.c1zPath("secrets")
	res := env.mustSync(t, path, append(append([]string{"--storage-engine", "sqlite", "--log-level", "debug"}, fastPacing...), mftArgs(env, key)...)...)
	for _, secret := range []string{env.Conn.Token, key} {
		assertNoSecretInOutput(t, secret, res)
		assertNoSecretInC1Z(t, secret, path)
	}
	// A refused write at debug level (non-canonical role) must not echo the token either.
	failed := run(t, append(append(env.connArgs(), mftArgs(env, key)...), "--log-level", "debug", "-f", path,
		"--grant-entitlement", roleEntitlement(boomisim.NonCanonicalRoleID),
		"--grant-principal", env.Conn.Username, "--grant-principal-type", rtUser)...)
	if !failed.failed() {
		t.Errorf("grant of a non-canonical role did not fail:\n%s", failed)
	}
	for _, secret := range []string{env.Conn.Token, key} {
		assertNoSecretInOutput(t, secret, failed)
	}
}
