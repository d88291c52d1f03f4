package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/conductorone/baton-sdk/pkg/cli"
	"github.com/spf13/cobra"
	"github.com/spf13/viper"
	"google.golang.org/grpc/status"

	cfg "github.com/baton-boomi/baton-boomi/pkg/config"
	"github.com/baton-boomi/baton-boomi/pkg/connector"
	"github.com/baton-boomi/baton-boomi/pkg/doctor"
)

// doctorCommand is `baton-boomi doctor`: the connector's own fields (the same flags and BATON_* variables,
// parsed by the SDK's field and viper machinery) plus --report. The SDK's RunConnector builds its command
// tree internally and offers no way to add a subcommand, so main dispatches "doctor" before calling it.
func doctorCommand(ctx context.Context, stdout io.Writer) (*cobra.Command, error) {
	v := viper.New()
	v.SetEnvPrefix("baton")
	v.SetEnvKeyReplacer(strings.NewReplacer("-", "_"))
	v.AutomaticEnv()

	cmd := &cobra.Command{
		Use:   "doctor",
		Short: "Check, read-only, what baton-boomi assumes about a Boomi tenant; run it first on a new tenant",
		Long: "baton-boomi doctor reads the Boomi account (and MFT tenant) with the connector's credentials and prints one line per probe:\n" +
			"what the connector expects, what the tenant answered, and holds / differs / could not check. It never writes to Boomi.\n" +
			"--report FILE writes the same as JSON, with counts and shapes only (no secrets, no names, no e-mails), ready to attach to a bug report.",
		Args:          cobra.NoArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	if err := cli.SetFlagsAndConstraints(cmd, cfg.Config); err != nil {
		return nil, err
	}
	cmd.Flags().String("report", "", "also write the results as JSON to this file (no secrets, no personal data)")
	if err := v.BindPFlags(cmd.Flags()); err != nil {
		return nil, err
	}
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		conf, err := cli.MakeGenericConfiguration[*cfg.Boomi](v)
		if err != nil {
			return err
		}
		if err := cfg.CheckCredentials(conf); err != nil {
			return err
		}
		clients, err := connector.OpenClients(ctx, conf)
		if err != nil {
			return err
		}
		defer clients.Close()
		results, err := doctor.Run(ctx, &doctor.Target{
			Platform: clients.Platform, Partner: clients.Partner, MFT: clients.MFT, OwnerLogin: clients.OwnerLogin,
		})
		if err != nil {
			return err
		}
		report := doctor.NewReport(version, time.Now(), results)
		report.Print(stdout)
		if path := v.GetString("report"); path != "" {
			if err := report.WriteFile(path); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "report written to %s\n", path)
		}
		return nil
	}
	return cmd, nil
}

// runDoctor runs the doctor with args and returns the process exit code: 0 when the probes ran, whatever
// they found; 1 with one sentence on stderr when they could not (bad credentials, unreachable host).
func runDoctor(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cmd, err := doctorCommand(ctx, stdout)
	if err != nil {
		fmt.Fprintf(stderr, "baton-boomi doctor: %v\n", err)
		return 1
	}
	// A parent named like the binary, so that usage and help read "baton-boomi doctor".
	root := &cobra.Command{Use: "baton-boomi", SilenceUsage: true, SilenceErrors: true}
	root.AddCommand(cmd)
	root.SetArgs(append([]string{"doctor"}, args...))
	root.SetOut(stdout)
	root.SetErr(stderr)
	if err := root.Execute(); err != nil {
		fmt.Fprintf(stderr, "baton-boomi doctor: %s\n", sentence(err))
		return 1
	}
	return 0
}

// sentence is the error's own text, without the "rpc error: code = … desc =" wrapping of a gRPC status.
func sentence(err error) string {
	if st, ok := status.FromError(err); ok {
		return st.Message()
	}
	return err.Error()
}
