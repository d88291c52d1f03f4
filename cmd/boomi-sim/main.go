// Command boomi-sim serves the in-memory Boomi (pkg/boomisim) on loopback with a generated dataset, for demos,
// manual testing and load tests. It prints one line to stdout: the connector flags that reach it.
//
//	go run ./cmd/boomi-sim --users 1000 --seed 7
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "boomi-sim:", err)
		}
		os.Exit(2)
	}
}

// config is everything the flags set.
type config struct {
	listen  string
	spec    boomisim.DatasetSpec
	opts    boomisim.Options
	faults  boomisim.Faults
	withMFT bool
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	fs := flag.NewFlagSet("boomi-sim", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		c     config
		users = fs.Int("users", 1000, "platform users in the main account, the admin included")
		seed  = fs.Int64("seed", 1, "dataset seed: the same seed and sizes give the same world, ids included")
		s     boomisim.DatasetSpec
	)
	fs.StringVar(&c.listen, "listen", "127.0.0.1:0", "loopback address to listen on (port 0 picks a free port)")
	// Dataset sizes default to DefaultSpec's proportions for --users; a flag given explicitly overrides.
	fs.IntVar(&s.MaxRolesPerUser, "max-roles-per-user", 0, "cap on one user's direct roles (default: DefaultSpec)")
	fs.IntVar(&s.CustomRoles, "custom-roles", 0, "custom roles on the main account (default: proportional to --users)")
	fs.IntVar(&s.Groups, "groups", 0, "account groups, the default group included (default: proportional to --users)")
	fs.IntVar(&s.GroupRoleLinks, "group-role-links", 0, "AccountGroupUserRole links (default: --users/5)")
	fs.IntVar(&s.SubAccounts, "sub-accounts", 0, "sub-accounts of the primary (default: proportional to --users)")
	fs.IntVar(&s.FederatedUsers, "federated-users", 0, "users with an SSO federation id (default: 30% of --users)")
	fs.IntVar(&s.LoginEvents, "login-events", 0, "successful-login audit entries (default: 2 per user)")
	fs.BoolVar(&s.NonPrimary, "non-primary", false, "one standalone account: no sub-accounts, no account groups")
	fs.BoolVar(&s.UnknownFields, "unknown-fields", true, "add unknown JSON fields to some objects")
	fs.BoolVar(&c.withMFT, "mft", false, "also serve a Boomi MFT tenant under /mft")
	var tree boomisim.TreeSpec
	fs.IntVar(&tree.UsersPerSubAccount, "tree-users", 0, "primary-account mode dataset: primary users per sub-account (with --tree-own-users, --tree-custom-roles, --tree-nested)")
	fs.IntVar(&tree.OwnUsersPerSubAccount, "tree-own-users", 0, "users that exist only in each sub-account")
	fs.IntVar(&tree.CustomRolesPerSubAccount, "tree-custom-roles", 0, "custom roles of each sub-account")
	fs.IntVar(&tree.Nested, "tree-nested", 0, "sub-accounts below other sub-accounts")

	fs.Float64Var(&c.opts.RateLimit, "rate-limit", boomisim.DefaultRateLimit, "requests/s per account before 503s (negative: no limit)")
	fs.IntVar(&c.opts.Burst, "burst", 0, "token bucket size (default: ceil(--rate-limit))")
	fs.BoolVar(&c.opts.OverrideAccountRateLimit, "override-account-rate-limit", false, "Partner calls with overrideAccount count against the sub-account's limit instead of the caller's")
	fs.Int64Var(&c.opts.FaultSeed, "fault-seed", 1, "seed of the fault injector's randomness")
	fs.DurationVar(&c.faults.Latency, "latency", 0, "latency added to every API answer, e.g. 80ms")
	fs.DurationVar(&c.faults.Jitter, "jitter", 0, "extra random latency in [0, jitter)")
	fs.Float64Var(&c.faults.P500, "p500", 0, "probability of an HTTP 500 answer")
	fs.Float64Var(&c.faults.P502, "p502", 0, "probability of an HTTP 502 answer")
	fs.Float64Var(&c.faults.P504, "p504", 0, "probability of an HTTP 504 answer")
	fs.Float64Var(&c.faults.PDrop, "p-drop", 0, "probability the connection is closed without an answer")
	fs.Float64Var(&c.faults.PTruncate, "p-truncate", 0, "probability a 200 JSON body is cut in half")
	fs.IntVar(&c.faults.Storm503, "storm-503", 0, "answer the first N API requests with 503")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected argument %q; every setting is a --flag (see --help)", fs.Arg(0))
	}

	c.spec = boomisim.DefaultSpec(*users, *seed)
	fs.Visit(func(f *flag.Flag) {
		switch f.Name {
		case "max-roles-per-user":
			c.spec.MaxRolesPerUser = s.MaxRolesPerUser
		case "custom-roles":
			c.spec.CustomRoles = s.CustomRoles
		case "groups":
			c.spec.Groups = s.Groups
		case "group-role-links":
			c.spec.GroupRoleLinks = s.GroupRoleLinks
		case "sub-accounts":
			c.spec.SubAccounts = s.SubAccounts
		case "federated-users":
			c.spec.FederatedUsers = s.FederatedUsers
		case "login-events":
			c.spec.LoginEvents = s.LoginEvents
		}
	})
	c.spec.NonPrimary, c.spec.UnknownFields = s.NonPrimary, s.UnknownFields
	if tree != (boomisim.TreeSpec{}) {
		c.spec.Tree = &tree
	}
	if c.withMFT {
		mft := boomisim.DefaultMFTSpec()
		c.spec.MFT = &mft
	}
	if *users < 1 || *users > 10000 {
		return c, fmt.Errorf("--users is %d; use 1 to 10000 (Boomi's cap per account)", *users)
	}
	if err := c.faults.Validate(); err != nil {
		return c, err
	}
	return c, nil
}

// run serves until ctx ends. It prints the connector flags to stdout once the listener is up.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	c, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	ln, err := listenLoopback(ctx, c.listen)
	if err != nil {
		return err
	}
	st := boomisim.Generate(c.spec)
	sim := boomisim.New(c.opts)
	sim.Load(st)
	sim.SetFaults(c.faults)

	base := "http://" + ln.Addr().String()
	conn := boomisim.AdminConnection(st)
	line := fmt.Sprintf("--base-url %s --boomi-account-id %s --boomi-email %s --boomi-api-token %s", base, conn.AccountID, conn.Username, conn.Token)
	if st.MFT != nil && len(st.MFT.APIKeys) > 0 {
		line += fmt.Sprintf(" --mft-base-url %s/mft --mft-api-key %s", base, st.MFT.APIKeys[0])
	}
	fmt.Fprintln(stdout, line)
	fmt.Fprintf(stderr, "boomi-sim: %d users, %d accounts, seed %d; admin endpoints under %s/__admin/ (state, counters, faults); Ctrl-C stops\n",
		len(st.Users), len(st.Accounts), c.spec.Seed, base)

	srv := &http.Server{Handler: sim, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return srv.Shutdown(shutdownCtx)
}

// listenLoopback listens on addr, refusing anything but a loopback host: the simulator's admin path needs no
// credentials and its tokens are printed in clear.
func listenLoopback(ctx context.Context, addr string) (net.Listener, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("--listen %q is not host:port; use e.g. 127.0.0.1:0", addr)
	}
	ip := net.ParseIP(host)
	if host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return nil, fmt.Errorf("--listen %q is not a loopback address; use 127.0.0.1:<port> (the simulator has no real authentication)", addr)
	}
	return (&net.ListenConfig{}).Listen(ctx, "tcp", addr)
}
