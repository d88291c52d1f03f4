package connector

import (
	"context"
	"fmt"

	config "github.com/conductorone/baton-sdk/pb/c1/config/v1"
	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/conductorone/baton-sdk/pkg/actions"
)

// Building blocks of the action schemas (user SSO actions, MFT mapping actions): argument and return
// fields, and registration.

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

// registerAction registers one action under its schema's name; the error names the action.
func registerAction(ctx context.Context, registry actions.ActionRegistry, schema *v2.BatonActionSchema, handler actions.ActionHandler) error {
	if err := registry.Register(ctx, schema, handler); err != nil {
		return fmt.Errorf("registering %s: %w", schema.GetName(), err)
	}
	return nil
}
