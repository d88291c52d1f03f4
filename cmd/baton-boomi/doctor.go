package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/conductorone/baton-sdk/pkg/cli"
	"github.com/spf13/cobra"
	"github.com/spf13/viper"
	"google.golang.org/grpc/status"

	"github.com/baton-boomi/baton-boomi/internal/embeddedsim"
	cfg "github.com/baton-boomi/baton-boomi/pkg/config"
	"github.com/baton-boomi/baton-boomi/pkg/connector"
	"github.com/baton-boomi/baton-boomi/pkg/doctor"
)

// addDoctorCommand adds `baton-boomi doctor` to the SDK's command: the connector's own fields, bound to the
// SDK's viper (the same flags, BATON_* variables and config file), plus --report.
func addDoctorCommand(ctx context.Context, root *cobra.Command, v *viper.Viper, stdout io.Writer) error {
	cmd := &cobra.Command{
		Use:   "doctor",
		Short: "Check, read-only, what baton-boomi assumes about a Boomi tenant; run it first on a new tenant",
		Long: "baton-boomi doctor reads the Boomi account (and MFT tenant) with the connector's credentials and prints one line per probe:\n" +
			"what the connector expects, what the tenant answered, and holds / differs / could not check. It never writes to Boomi.\n" +
			"--report FILE writes the same as JSON, with counts and shapes only (no secrets, no names, no e-mails), ready to attach to a bug report.\n" +
			"It exits 0 when the probes ran, whatever they found, and non-zero with one sentence when they could not.",
		Args:          cobra.NoArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	if _, err := cli.AddCommand(root, v, &cfg.Config, cmd); err != nil {
		return err
	}
	cmd.Flags().String("report", "", "also write the results as JSON to this file (no secrets, no personal data)")
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		if err := v.BindPFlags(cmd.Flags()); err != nil {
			return err
		}
		if err := runDoctor(ctx, v, stdout); err != nil {
			return errors.New("baton-boomi doctor: " + sentence(err))
		}
		return nil
	}
	return nil
}

// runDoctor opens the connector's clients (checking the credentials the way Validate does), runs the probes,
// prints them and writes the report.
func runDoctor(ctx context.Context, v *viper.Viper, stdout io.Writer) error {
	conf, err := cli.MakeGenericConfiguration[*cfg.Boomi](v)
	if err != nil {
		return err
	}
	stop, err := embeddedsim.Start(ctx, conf) // with --simulator, conf now points at the simulator
	if err != nil {
		return err
	}
	defer stop()
	clients, err := connector.OpenClients(ctx, conf)
	if err != nil {
		return err
	}
	results, err := doctor.Run(ctx, &doctor.Target{Platform: clients.Platform, MFT: clients.MFT, OwnerLogin: clients.OwnerLogin})
	if err != nil {
		return err
	}
	report := doctor.NewReport(versionString(), time.Now(), results)
	report.Print(stdout)
	if path := v.GetString("report"); path != "" {
		if err := report.WriteFile(path); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "report written to %s\n", path)
	}
	return nil
}

// sentence is the error's own text, without the "rpc error: code = … desc =" wrapping of a gRPC status.
func sentence(err error) string {
	if st, ok := status.FromError(err); ok {
		return st.Message()
	}
	return err.Error()
}
