package connector

import (
	"testing"

	"github.com/conductorone/baton-sdk/pkg/actions"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/types/known/structpb"
)

func TestReadIDArgumentAcceptsAResourceIDOrAString(t *testing.T) {
	for _, tc := range []struct {
		name     string
		value    any
		wantID   string
		wantType string // "" = the plain-string form (no resource id)
	}{
		{"resource id, as C1 sends it", map[string]any{"resource_type_id": "user", "resource_id": "jane@acme.test"}, "jane@acme.test", "user"},
		{"plain string, as the command line sends it", " 123 ", " 123 ", ""},
		{"a number is neither form", 123.0, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args, err := structpb.NewStruct(map[string]any{"id": tc.value})
			require.NoError(t, err)
			id, rid := readIDArgument(args, "id")
			require.Equal(t, tc.wantID, id)
			if tc.wantType == "" {
				require.Nil(t, rid)
			} else {
				require.Equal(t, tc.wantType, rid.GetResourceType())
			}
		})
	}
	id, rid := readIDArgument(&structpb.Struct{}, "id")
	require.Empty(t, id, "a missing argument reads as empty")
	require.Nil(t, rid)
}

func TestChangedResultCarriesSuccessChangedAndTheActionsFields(t *testing.T) {
	out, annos, err := changedResult(false, actions.NewStringReturnField(returnMappingID, "7"))
	require.NoError(t, err)
	require.Empty(t, annos)
	success, ok := actions.GetBoolArg(out, returnSuccess)
	require.True(t, ok)
	require.True(t, success)
	changed, ok := actions.GetBoolArg(out, returnChanged)
	require.True(t, ok)
	require.False(t, changed)
	id, _ := actions.GetStringArg(out, returnMappingID)
	require.Equal(t, "7", id)
}
