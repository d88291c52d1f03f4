package connector

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/conductorone/baton-sdk/pkg/connectorbuilder"
	"github.com/conductorone/baton-sdk/pkg/session"
	rs "github.com/conductorone/baton-sdk/pkg/types/resource"
	"github.com/conductorone/baton-sdk/pkg/types/sessions"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/baton-boomi/baton-boomi/pkg/boomi"
	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
	"github.com/baton-boomi/baton-boomi/pkg/mft"
)

// filled returns a T whose every field, at any depth, holds a non-zero value (one element per slice and
// map), so a round trip that drops or garbles any field shows.
func filled[T any]() T {
	var v T
	fill(reflect.ValueOf(&v).Elem(), 0)
	return v
}

var rawMessageType = reflect.TypeOf(json.RawMessage{})

func fill(v reflect.Value, depth int) {
	if !v.CanSet() || depth > 6 {
		return
	}
	switch {
	case v.Type() == rawMessageType:
		v.Set(reflect.ValueOf(json.RawMessage(`"kept"`)))
		return
	case v.Type() == reflect.TypeOf(time.Time{}):
		v.Set(reflect.ValueOf(time.Date(2026, 11, 30, 8, 15, 42, 0, time.UTC)))
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString("s-" + v.Type().Name())
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(7)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(7)
	case reflect.Float32, reflect.Float64:
		v.SetFloat(7.5)
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		fill(p.Elem(), depth+1)
		v.Set(p)
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 1, 1)
		fill(s.Index(0), depth+1)
		v.Set(s)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		k := reflect.New(v.Type().Key()).Elem()
		fill(k, depth+1)
		e := reflect.New(v.Type().Elem()).Elem()
		fill(e, depth+1)
		m.SetMapIndex(k, e)
		v.Set(m)
	case reflect.Struct:
		for i := range v.NumField() {
			fill(v.Field(i), depth+1)
		}
	default:
		// A cached type grew a field of a kind the filler cannot fill: teach it, so the field is checked too.
		panic("filled: no value for a " + v.Kind().String())
	}
}

// roundTrip stores v in the sync's cache and reads it back, as a later SDK call of the sync would.
func roundTrip[T any](t *testing.T, v T) T {
	t.Helper()
	st := cacheIn(&Boomi{}, newMemoryStore())
	require.NoError(t, setOne(context.Background(), st, prefixOnce, "k", v))
	back, found, err := getOne[T](context.Background(), st, prefixOnce, "k")
	require.NoError(t, err)
	require.True(t, found)
	return back
}

func requireSymmetric[T any](t *testing.T) {
	t.Helper()
	v := filled[T]()
	require.Equal(t, v, roundTrip(t, v), "%T does not read back as itself", v)
}

// Every type the sync's cache holds reads back exactly as it was written: the cache has one encoding, JSON,
// and a later call of the sync must see what an earlier one stored.
func TestEveryCachedTypeReadsBackAsItself(t *testing.T) {
	t.Run("AccountUserRole page", requireSymmetric[boomi.Page[boomi.AccountUserRole]])
	t.Run("AccountUserFederation page", requireSymmetric[boomi.Page[boomi.AccountUserFederation]])
	t.Run("AccountGroupUserRole page", requireSymmetric[boomi.Page[boomi.AccountGroupUserRole]])
	t.Run("AccountGroupAccount page", requireSymmetric[boomi.Page[boomi.AccountGroupAccount]])
	t.Run("Role page", requireSymmetric[boomi.Page[roleRecord]])
	t.Run("assignable roles", requireSymmetric[[]roleRecord])
	t.Run("Environment page", requireSymmetric[boomi.Page[boomi.Environment]])
	t.Run("EnvironmentRole page", requireSymmetric[boomi.Page[boomi.EnvironmentRole]])
	t.Run("AccountGroup page", requireSymmetric[boomi.Page[boomi.AccountGroup]])
	t.Run("Account page", requireSymmetric[boomi.Page[boomi.Account]])
	t.Run("sub-account tree", requireSymmetric[*treeRecord])
	t.Run("role definition", requireSymmetric[roleDef])
	t.Run("membership set", requireSymmetric[[]string])
	t.Run("last login", requireSymmetric[time.Time])
	t.Run("MFT users", requireSymmetric[[]mft.User])
	t.Run("MFT roles", requireSymmetric[[]mft.Role])
	t.Run("MFT organizations", requireSymmetric[[]mft.Organization])
	t.Run("MFT SSO mappings", requireSymmetric[[]mft.SSOMapping])
	t.Run("MFT user detail", requireSymmetric[mft.UserDetail])
}

// boomi.Role decodes Boomi's wire shape, so its own JSON does not read back: the reason the cache stores
// roleRecord, and what the conversions must carry across unchanged.
func TestRolesAreCachedAsRecords(t *testing.T) {
	role := boomi.Role(filled[roleRecord]())
	raw, err := json.Marshal(role)
	require.NoError(t, err)
	var back boomi.Role
	require.Error(t, json.Unmarshal(raw, &back), "boomi.Role now reads its own JSON: roleRecord is no longer needed")
	require.Equal(t, []boomi.Role{role}, rolesOfRecords(roundTrip(t, roleRecords([]boomi.Role{role}))))
}

// A sync call without a usable session store fails with one sentence instead of keeping state elsewhere,
// and sends nothing to Boomi.
func TestSyncWithoutSessionStoreFailsWithOneSentence(t *testing.T) {
	for name, env := range map[string]func(t *testing.T) (*testEnv, rs.SyncOpAttrs){
		"none": func(t *testing.T) (*testEnv, rs.SyncOpAttrs) {
			e := newTestEnv(t, boomisim.Generate(syncTestSpec()), withoutSessionStore())
			return e, e.opts("")
		},
		"disabled": func(t *testing.T) (*testEnv, rs.SyncOpAttrs) {
			e := newTestEnv(t, boomisim.Generate(syncTestSpec()))
			opts := e.opts("")
			opts.Session = connectorbuilder.WithSyncId(&session.NoOpSessionStore{}, testSyncID)
			return e, opts
		},
	} {
		t.Run(name, func(t *testing.T) {
			e, opts := env(t)
			_, _, err := newRoleBuilder(e.conn).List(e.ctx, nil, opts)
			require.Equal(t, codes.FailedPrecondition, status.Code(err))
			require.Equal(t, status.Convert(errNoSessionStore).Message(), status.Convert(err).Message())
			e.requireNoRequests()
		})
	}
}

// A page may name an object without an id: reading its entry finds none instead of sending the store a key
// it refuses, and the caller's key order is left alone.
func TestGetManyIgnoresTheEmptyKeyAndKeepsTheCallersOrder(t *testing.T) {
	st := cacheIn(&Boomi{}, newMemoryStore())
	ctx := context.Background()
	require.NoError(t, setMany(ctx, st, prefixGroupsOf, map[string][]string{"b": {"g1"}, "a": {"g2"}}))
	keys := []string{"b", "", "a"}
	got, err := getMany[[]string](ctx, st, prefixGroupsOf, keys)
	require.NoError(t, err)
	require.Equal(t, map[string][]string{"a": {"g2"}, "b": {"g1"}}, got)
	require.Equal(t, []string{"b", "", "a"}, keys)
	other, err := getMany[[]string](ctx, st, prefixAccountsOf, keys)
	require.NoError(t, err)
	require.Empty(t, other, "another prefix is another kind of entry")
}

// A page's worth of entries is more than one store request may carry (sessions.MaxKeysPerRequest): the
// writes and reads are split, and every entry comes back.
func TestManyEntriesAreSplitAcrossStoreRequests(t *testing.T) {
	st := cacheIn(&Boomi{}, newMemoryStore())
	ctx := context.Background()
	values := map[string]string{}
	var keys []string
	for i := range 3*sessions.MaxKeysPerRequest + 7 {
		k := fmt.Sprintf("user-%04d@example.test", i)
		values[k] = "fed-" + k
		keys = append(keys, k)
	}
	require.NoError(t, setMany(ctx, st, prefixFederation, values))
	got, err := getMany[string](ctx, st, prefixFederation, keys)
	require.NoError(t, err)
	require.Equal(t, values, got)
}
