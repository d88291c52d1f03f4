package connector

import (
	"context"
	"fmt"

	config "github.com/conductorone/baton-sdk/pb/c1/config/v1"
	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/conductorone/baton-sdk/pkg/actions"
	"github.com/conductorone/baton-sdk/pkg/annotations"
	"google.golang.org/protobuf/types/known/structpb"
)

// What every action of the connector (the user SSO actions, the MFT mapping actions) is built from, so
// the Platform and MFT actions declare, read and answer alike: schema fields, the return fields they all
// share, the reading of an id argument, the result, and registration.

// Return fields more than one action has. success is the flag actions.NewReturnValues sets; changed says
// whether the action wrote anything (false: the intent already held).
const (
	returnSuccess = "success"
	returnChanged = "changed"
)

func actionString(name, display, description string, required bool) *config.Field {
	return config.Field_builder{Name: name, DisplayName: display, Description: description, IsRequired: required,
		StringField: &config.StringField{}}.Build()
}

func actionBool(name, display, description string) *config.Field {
	return config.Field_builder{Name: name, DisplayName: display, Description: description,
		BoolField: &config.BoolField{}}.Build()
}

func actionStringList(name, display, description string) *config.Field {
	return config.Field_builder{Name: name, DisplayName: display, Description: description,
		StringSliceField: &config.StringSliceField{}}.Build()
}

// successReturn and changedReturn declare the shared return fields; description says what they mean for
// one action.
func successReturn(description string) *config.Field {
	return actionBool(returnSuccess, "Success", description)
}

func changedReturn(description string) *config.Field {
	return actionBool(returnChanged, "Changed", description)
}

// readIDArgument reads an id argument in either form an action receives it: a resource id
// ({"resource_type_id":…,"resource_id":…}, what C1 sends for a resource-id field) or a plain string (what
// the command line sends). rid is set when the resource-id form was sent, so the caller can check its type.
// The id is returned as given; "" means it is missing.
func readIDArgument(args *structpb.Struct, name string) (string, *v2.ResourceId) {
	if rid, ok := actions.GetResourceIDArg(args, name); ok {
		return rid.GetResource(), rid
	}
	id, _ := actions.GetStringArg(args, name)
	return id, nil
}

// changedResult is the answer of an action that succeeded, with whether it wrote anything and the
// action's own fields.
func changedResult(changed bool, fields ...actions.ReturnField) (*structpb.Struct, annotations.Annotations, error) {
	return actions.NewReturnValues(true, append([]actions.ReturnField{actions.NewBoolReturnField(returnChanged, changed)}, fields...)...), nil, nil
}

// registerAction registers one action under its schema's name; the error names the action.
func registerAction(ctx context.Context, registry actions.ActionRegistry, schema *v2.BatonActionSchema, handler actions.ActionHandler) error {
	if err := registry.Register(ctx, schema, handler); err != nil {
		return fmt.Errorf("registering %s: %w", schema.GetName(), err)
	}
	return nil
}
