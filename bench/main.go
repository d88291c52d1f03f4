// Command bench measures a full baton-boomi sync against the in-process Boomi simulator with Boomi's rate
// limit on and a realistic per-request latency, and compares it with the floor of docs/architecture.md#performance-model:
// R_min = Σ ceil(n_object/100) requests and T_min = R_min / 10 s.
//
//	go run ./bench --sizes 1000,2500,5000,10000
//	go run ./bench --sizes 2500 --sub-accounts 10,50,200
//
// Every run builds the expected .c1z contents from the simulator's snapshot and fails when the sync wrote
// anything else, so a fast but wrong sync cannot pass. See bench/REPORT.md for the method and results.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/baton-boomi/baton-boomi/internal/buildbin"
)

// options are the command-line settings of one bench invocation.
type options struct {
	sizes         []int
	subAccounts   []int // -1 = DefaultSpec's own number
	seed          int64
	rateLimit     float64
	latency       time.Duration
	jitter        time.Duration
	binary        string
	connectorArgs []string
	workDir       string
	keep          bool
	jsonOut       string
	timeout       time.Duration
	repeat        int
	rev           string
	tree          bool     // tree rows: primary-account mode (tree.go)
	treeScopes    []string // the rate-limit options of the tree rows
}

func main() {
	opts, err := parseFlags()
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err = run(ctx, opts)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func parseFlags() (options, error) {
	var o options
	sizes := flag.String("sizes", "1000,2500,5000,10000", "comma-separated user counts of the primary account")
	subs := flag.String("sub-accounts", "default", "comma-separated sub-account counts; \"default\" = DefaultSpec's (users/100, 2..50)")
	flag.Int64Var(&o.seed, "seed", 42, "dataset seed")
	flag.Float64Var(&o.rateLimit, "rate-limit", 10, "simulator rate limit, requests/s per account (Boomi: 10)")
	flag.DurationVar(&o.latency, "latency", 40*time.Millisecond, "fixed part of the simulator's per-request latency")
	flag.DurationVar(&o.jitter, "jitter", 80*time.Millisecond, "random extra latency, uniform in [0, jitter); the defaults give 80 ms ± 40 ms")
	flag.StringVar(&o.binary, "bin", "", "use this baton-boomi binary instead of building ./cmd/baton-boomi")
	flag.StringVar(&o.rev, "rev", "", "build ./cmd/baton-boomi from this git revision (e.g. HEAD) instead of the working tree")
	connArgs := flag.String("connector-args", "", "extra flags for baton-boomi, e.g. \"--workers 4\" or \"--requests-per-second 10\"")
	flag.StringVar(&o.workDir, "dir", "", "directory for .c1z files and logs (default: a temp dir)")
	flag.BoolVar(&o.keep, "keep", false, "keep the work directory (c1z files, connector logs)")
	flag.StringVar(&o.jsonOut, "json", "", "also write the results as JSON to this file")
	flag.DurationVar(&o.timeout, "timeout", 15*time.Minute, "upper bound for one sync run")
	flag.BoolVar(&o.tree, "tree", false, "tree rows: sync with --include-sub-accounts (50 users per sub-account), once per rate-limit option (primary's limit, per sub-account limit)")
	scopes := flag.String("tree-scopes", scopeCaller+","+scopeAccount,
		"with --tree: whose rate limit applies, \"caller\" (Boomi's default: the primary's) and/or \"account\" (overrideAccountRateLimit: each sub-account's)")
	flag.IntVar(&o.repeat, "repeat", 1, "runs per case; the summary shows each run and the median (the machine is shared, times vary)")
	flag.Parse()

	var err error
	if o.sizes, err = parseInts(*sizes, false); err != nil {
		return o, fmt.Errorf("--sizes: %w", err)
	}
	if o.subAccounts, err = parseInts(*subs, true); err != nil {
		return o, fmt.Errorf("--sub-accounts: %w", err)
	}
	if o.rateLimit <= 0 {
		return o, fmt.Errorf("--rate-limit must be positive: the benchmark studies the sync under Boomi's limit")
	}
	if o.repeat < 1 {
		return o, fmt.Errorf("--repeat must be at least 1")
	}
	o.connectorArgs = strings.Fields(*connArgs)
	for _, sc := range strings.Split(*scopes, ",") {
		sc = strings.TrimSpace(sc)
		if sc != scopeCaller && sc != scopeAccount {
			return o, fmt.Errorf("--tree-scopes: %q is neither %q nor %q", sc, scopeCaller, scopeAccount)
		}
		o.treeScopes = append(o.treeScopes, sc)
	}
	return o, nil
}

// parseInts reads "1000,2500"; with allowDefault, "default" (or "d") becomes -1.
func parseInts(s string, allowDefault bool) ([]int, error) {
	var out []int
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if allowDefault && (part == "default" || part == "d") {
			out = append(out, -1)
			continue
		}
		n, err := strconv.Atoi(part)
		if err != nil || n < 0 {
			return nil, fmt.Errorf("%q is not a non-negative number", part)
		}
		out = append(out, n)
	}
	return out, nil
}

func run(ctx context.Context, o options) error {
	dir := o.workDir
	if dir == "" {
		tmp, err := os.MkdirTemp("", "baton-boomi-bench-")
		if err != nil {
			return err
		}
		dir = tmp
		if !o.keep {
			defer os.RemoveAll(tmp)
		}
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	bin, source := o.binary, "given with --bin"
	if bin == "" {
		fmt.Fprintln(os.Stderr, "building ./cmd/baton-boomi ...")
		var err error
		if bin, source, err = buildbin.Connector(ctx, dir, o.rev); err != nil {
			return err
		}
	}
	bin, err := filepath.Abs(bin)
	if err != nil {
		return err
	}

	var results []*result
	failed := 0
	for _, users := range o.sizes {
		for _, subs := range o.subAccounts {
			for _, c := range casesFor(o, users, subs) {
				if err := runRepeats(ctx, o, bin, dir, c, &results, &failed); err != nil {
					return err
				}
			}
		}
	}
	printSummary(os.Stdout, o, bin, source, results)
	if o.repeat > 1 {
		printMedians(os.Stdout, results)
	}
	if o.jsonOut != "" {
		raw, _ := json.MarshalIndent(results, "", "  ")
		if err := os.WriteFile(o.jsonOut, raw, 0o644); err != nil {
			return err
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d syncs wrote incomplete or wrong contents (see the verification lines above)", failed, len(results))
	}
	return nil
}

// casesFor is one case, or with --tree one case per rate-limit option.
func casesFor(o options, users, subs int) []benchCase {
	if !o.tree {
		return []benchCase{{users: users, subAccounts: subs, seed: o.seed}}
	}
	var out []benchCase
	for _, scope := range o.treeScopes {
		out = append(out, benchCase{users: users, subAccounts: subs, seed: o.seed, rateScope: scope})
	}
	return out
}

// runRepeats runs one case o.repeat times, appending to results and counting unverified runs.
func runRepeats(ctx context.Context, o options, bin, dir string, c benchCase, results *[]*result, failed *int) error {
	for i := range o.repeat {
		fmt.Fprintf(os.Stderr, "running %s (run %d of %d) ...\n", c.name(), i+1, o.repeat)
		res, err := runCase(ctx, o, bin, dir, c)
		if err != nil {
			return fmt.Errorf("%s: %w", c.name(), err)
		}
		res.Run = i + 1
		if !res.Verified {
			*failed++
		}
		*results = append(*results, res)
		printRouteDetail(os.Stdout, res)
	}
	return nil
}
