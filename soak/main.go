// Command soak runs many consecutive syncs of one dataset against one long-lived simulator with random
// faults, and reports per run: failures, retries, faults injected, peak memory and whether the .c1z holds
// exactly what the simulator holds. Memory must not grow from run to run.
//
//	go run ./soak --runs 30 --users 2500
//
// Not part of `make test` (minutes, not seconds); `make soak` runs the defaults.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/baton-boomi/baton-boomi/internal/buildbin"
	"github.com/baton-boomi/baton-boomi/internal/c1zread"
	"github.com/baton-boomi/baton-boomi/internal/syncexpect"
	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

type options struct {
	runs, users int
	inProcess   int // syncs inside one long-lived process (service mode)
	seed        int64
	rateLimit   float64
	faults      boomisim.Faults
	dir         string
	timeout     time.Duration
}

// runResult is one sync of the soak.
type runResult struct {
	Run        int
	ExitCode   int
	Wall       time.Duration
	Requests   int64 // simulator-side, every attempt
	Faults     int64 // answered by the fault injector
	Throttled  int64 // answered 503 by the rate limiter
	Retries    int64 // the connector's own count, from its summary line
	PeakRSSKB  int64 // wait4 maxrss: the largest of the parent and its connector child
	Complete   bool  // the .c1z holds exactly the simulator's data
	Problem    string
	SummaryRaw string
}

func main() {
	var o options
	flag.IntVar(&o.runs, "runs", 30, "consecutive syncs")
	flag.IntVar(&o.users, "users", 2500, "users of the primary account")
	flag.IntVar(&o.inProcess, "in-process", 10, "then this many syncs inside one long-lived process, as service mode runs them (0 = none)")
	flag.Int64Var(&o.seed, "seed", 7, "dataset and fault seed")
	flag.Float64Var(&o.rateLimit, "rate-limit", boomisim.DefaultRateLimit, "simulator rate limit (requests/s; Boomi: 10)")
	flag.StringVar(&o.dir, "dir", "", "work directory (default: a temp dir, removed afterwards)")
	flag.DurationVar(&o.timeout, "timeout", 10*time.Minute, "upper bound for one sync")
	flag.Parse()
	// 1 % each of 500, 502, 504 (half of them HTML pages) and dropped connections, 1 % truncated bodies.
	o.faults = boomisim.Faults{P500: 0.01, P502: 0.01, P504: 0.01, PDrop: 0.01, PTruncate: 0.01, PHTML: 0.5,
		Latency: 20 * time.Millisecond, Jitter: 40 * time.Millisecond}

	if !run(o) {
		os.Exit(1)
	}
}

// run does the soak and reports whether every run completed with correct data. It is apart from main so
// its deferred clean-ups run before the process exits.
func run(o options) bool {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	dir := o.dir
	if dir == "" {
		tmp, err := os.MkdirTemp("", "baton-boomi-soak-")
		if err != nil {
			fmt.Fprintln(os.Stderr, "soak:", err)
			return false
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	}
	o.dir = dir
	failed := false
	results, err := soak(ctx, o)
	report(results)
	if err != nil {
		fmt.Fprintln(os.Stderr, "soak:", err)
		failed = true
	}
	for _, r := range results {
		failed = failed || r.ExitCode != 0 || !r.Complete
	}
	if o.inProcess > 0 && ctx.Err() == nil {
		in, err := soakInProcess(ctx, o, o.inProcess, dir)
		reportInProcess(in)
		if err != nil {
			fmt.Fprintln(os.Stderr, "soak (in process):", err)
			failed = true
		}
		for _, r := range in {
			failed = failed || r.Err != nil || !r.Complete
		}
	}
	return !failed
}

// reportInProcess compares the heap and goroutines after the second sync (caches warm) with the last.
func reportInProcess(rs []inProcessResult) {
	if len(rs) < 3 {
		return
	}
	second, last := rs[1], rs[len(rs)-1]
	fmt.Fprintf(os.Stdout, "soak (in process): after sync 2 heap %.1f MiB and %d goroutines; after sync %d heap %.1f MiB and %d goroutines\n",
		float64(second.HeapKB)/1024, second.Goroutines, last.Run, float64(last.HeapKB)/1024, last.Goroutines)
}

func soak(ctx context.Context, o options) ([]runResult, error) {
	dir := o.dir
	bin, _, err := buildbin.Connector(ctx, dir, "")
	if err != nil {
		return nil, err
	}
	st := boomisim.Generate(boomisim.DefaultSpec(o.users, o.seed))
	sim := boomisim.New(boomisim.Options{RateLimit: o.rateLimit, FaultSeed: o.seed})
	sim.Load(st)
	srv := httptest.NewServer(sim)
	defer srv.Close()
	conn := boomisim.AdminConnection(st)
	roles := syncexpect.RolesInState(sim.Snapshot(), conn.AccountID)
	expected := syncexpect.ForAccount(sim.Snapshot(), conn.AccountID, roles)
	fmt.Fprintf(os.Stdout, "soak: %d syncs of %d users, simulator limit %.0f/s, faults %s\n", o.runs, o.users, o.rateLimit, faultsLine(o.faults))

	var results []runResult
	for i := 1; i <= o.runs; i++ {
		if ctx.Err() != nil {
			return results, ctx.Err()
		}
		sim.ResetCounters()
		sim.SetFaults(o.faults)
		r := oneRun(ctx, o, bin, filepath.Join(dir, fmt.Sprintf("run-%02d.c1z", i)), srv.URL, conn)
		r.Run = i
		sim.SetFaults(boomisim.Faults{})
		for _, c := range sim.Counters() {
			r.Requests += c.Requests
			r.Faults += c.Faults
			r.Throttled += c.Throttled
		}
		if r.ExitCode == 0 {
			got, err := c1zread.Read(ctx, filepath.Join(dir, fmt.Sprintf("run-%02d.c1z", i)))
			if err != nil {
				r.Problem = err.Error()
			} else if rep := syncexpect.Compare(expected, got, syncexpect.Platform); !rep.OK {
				r.Problem = strings.Join(rep.Problems, "; ")
			} else {
				r.Complete = true
			}
		}
		fmt.Fprintf(os.Stdout, "run %2d: exit %d, %6.1f s, %4d requests, %3d faults, %3d throttled, %3d retries, peak RSS %6.1f MiB, complete %v %s\n",
			r.Run, r.ExitCode, r.Wall.Seconds(), r.Requests, r.Faults, r.Throttled, r.Retries, float64(r.PeakRSSKB)/1024, r.Complete, r.Problem)
		results = append(results, r)
	}
	return results, nil
}

var summaryField = regexp.MustCompile(`"(rate_limit_retries|other_retries)":(\d+)`)

func oneRun(ctx context.Context, o options, bin, path, baseURL string, conn boomisim.Connection) runResult {
	ctx, cancel := context.WithTimeout(ctx, o.timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "-f", path, "--base-url", baseURL, "--boomi-account-id", conn.AccountID, //nolint:gosec // bin is the connector this run just built
		"--boomi-email", conn.Username, "--boomi-api-token", conn.Token)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	r := runResult{Wall: time.Since(start)}
	if cmd.ProcessState != nil {
		r.ExitCode = cmd.ProcessState.ExitCode()
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			r.PeakRSSKB = ru.Maxrss
		}
	} else if err != nil {
		r.ExitCode = -1
	}
	if r.ExitCode != 0 {
		lines := strings.Split(strings.TrimSpace(out.String()), "\n")
		r.Problem = lines[len(lines)-1]
	}
	for _, line := range strings.Split(out.String(), "\n") {
		if !strings.Contains(line, "baton-boomi sync requests") {
			continue
		}
		r.SummaryRaw = line
		for _, m := range summaryField.FindAllStringSubmatch(line, -1) {
			n, _ := strconv.ParseInt(m[2], 10, 64)
			r.Retries += n
		}
	}
	return r
}

func faultsLine(f boomisim.Faults) string {
	js, _ := json.Marshal(f)
	return string(js)
}

// report prints the totals and the memory trend: the mean peak RSS of the last five runs against the
// first five.
func report(results []runResult) {
	if len(results) == 0 {
		return
	}
	var failed, incomplete int
	var faults, retries, requests int64
	var peak int64
	for _, r := range results {
		if r.ExitCode != 0 {
			failed++
		}
		if !r.Complete {
			incomplete++
		}
		faults += r.Faults
		retries += r.Retries
		requests += r.Requests
		peak = max(peak, r.PeakRSSKB)
	}
	fmt.Fprintf(os.Stdout, "\nsoak: %d runs, %d failed, %d incomplete; %d requests, %d faults injected, %d retries; highest peak RSS %.1f MiB\n",
		len(results), failed, incomplete, requests, faults, retries, float64(peak)/1024)
	if len(results) >= 10 {
		first, last := meanRSS(results[:5]), meanRSS(results[len(results)-5:])
		fmt.Fprintf(os.Stdout, "soak: peak RSS, mean of runs 1-5 %.1f MiB, of the last five %.1f MiB (%+.1f %%)\n",
			first/1024, last/1024, 100*(last-first)/first)
	}
}

func meanRSS(rs []runResult) float64 {
	var sum int64
	for _, r := range rs {
		sum += r.PeakRSSKB
	}
	return float64(sum) / float64(len(rs))
}
