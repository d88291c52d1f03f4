package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/baton-boomi/baton-boomi/internal/c1zread"
	"github.com/baton-boomi/baton-boomi/internal/syncexpect"
	"github.com/baton-boomi/baton-boomi/pkg/boomisim"
)

// benchCase is one dataset: a primary account with `users` users and `subAccounts` sub-accounts (-1 keeps
// DefaultSpec's number).
type benchCase struct {
	users       int
	subAccounts int
	seed        int64
	// rateScope, when set, makes this a tree row (tree.go): scopeCaller or scopeAccount.
	rateScope string
}

func (c benchCase) spec() boomisim.DatasetSpec {
	spec := boomisim.DefaultSpec(c.users, c.seed)
	if c.subAccounts >= 0 {
		spec.SubAccounts = c.subAccounts
	}
	if c.rateScope != "" {
		spec.Tree = treeSpec(spec.SubAccounts)
	}
	return spec
}

func (c benchCase) name() string {
	if c.rateScope != "" {
		return treeCaseName(c.users, c.spec().SubAccounts, c.rateScope)
	}
	return fmt.Sprintf("users=%d sub-accounts=%d", c.users, c.spec().SubAccounts)
}

// objectRead compares the requests spent on one floor item with its floor.
type objectRead struct {
	floorItem
	Requests int64 `json:"requests"`
}

// result is everything measured in one run.
type result struct {
	Run         int                  `json:"run"`
	Case        string               `json:"case"`
	Users       int                  `json:"users"`
	SubAccounts int                  `json:"subAccounts"`
	RateScope   string               `json:"rateScope,omitempty"` // tree rows: whose rate limit applies
	Spec        boomisim.DatasetSpec `json:"spec"`
	Objects     []objectRead         `json:"objects"`
	OtherRoutes []routeUse           `json:"otherRoutes"` // routes outside the floor
	Routes      []routeUse           `json:"routes"`
	RMin        int                  `json:"rMin"`
	Requests    int64                `json:"requests"`
	Throttled   int64                `json:"throttled"` // 503s from the simulator's rate limiter
	Answered    int64                `json:"answered"`  // requests - throttled - faults
	ReqPerRMin  float64              `json:"requestsPerRMin"`
	Wall        time.Duration        `json:"wallNs"`
	APIWindow   time.Duration        `json:"apiWindowNs"` // first to last API request answered
	TMin        time.Duration        `json:"tMinNs"`
	WallPerTMin float64              `json:"wallPerTMin"`
	AchievedRPS float64              `json:"achievedRps"` // requests / APIWindow
	ParentKB    int64                `json:"parentPeakRssKb"`
	ChildKB     int64                `json:"childPeakRssKb"`
	SumKB       int64                `json:"sumPeakRssKb"`
	RusageKB    int64                `json:"rusageMaxRssKb"` // wait4: max over the parent and its reaped child
	CPU         time.Duration        `json:"cpuNs"`          // user+system of the connector processes
	C1ZBytes    int64                `json:"c1zBytes"`
	ExitCode    int                  `json:"exitCode"`
	Verified    bool                 `json:"verified"`
	Check       syncexpect.Report    `json:"verification"`
	Rate        float64              `json:"simRateLimit"`
	Latency     string               `json:"simLatency"`
	Args        []string             `json:"connectorArgs"`
	LoadBefore  string               `json:"loadAvgBefore"`
	LoadAfter   string               `json:"loadAvgAfter"`
	rawCounters map[string]boomisim.RouteCounters
}

// runCase generates the dataset, serves it, syncs it with the real binary and measures the run.
func runCase(ctx context.Context, o options, bin, dir string, c benchCase) (*result, error) {
	spec := c.spec()
	st := boomisim.Generate(spec)
	conn := boomisim.AdminConnection(st)
	sim := boomisim.New(boomisim.Options{RateLimit: o.rateLimit, FaultSeed: c.seed, OverrideAccountRateLimit: c.rateScope == scopeAccount})
	sim.Load(st)
	sim.SetFaults(boomisim.Faults{Latency: o.latency, Jitter: o.jitter})

	// The floor and the expectation come from the snapshot the sync will read.
	snap := sim.Snapshot()
	floor := requestFloor(snap, conn.AccountID)
	exp := expectedContents(snap, conn.AccountID)
	connectorArgs := o.connectorArgs
	if c.rateScope != "" {
		floor = treeFloor(snap, conn.AccountID, floor)
		exp = treeExpected(snap, conn.AccountID)
		connectorArgs = append(treeArgs(c.rateScope), connectorArgs...)
	}

	ln, err := (&net.ListenConfig{}).Listen(ctx, "tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("listen for the simulator: %w", err)
	}
	srv := &http.Server{Handler: sim, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	defer srv.Close()

	var window apiWindow
	sim.SetAfterHook(func(route string) { window.mark(time.Now(), route) })
	sim.ResetCounters()

	base := fmt.Sprintf("u%d-s%d", c.users, spec.SubAccounts)
	if c.rateScope != "" {
		base += "-tree-" + c.rateScope
	}
	c1z := filepath.Join(dir, base+".c1z")
	_ = os.Remove(c1z)
	logPath := filepath.Join(dir, base+".log")
	args := append([]string{
		"-f", c1z,
		"--base-url", "http://" + ln.Addr().String(),
		"--account-id", conn.AccountID,
		"--username", conn.Username,
		"--api-token", conn.Token,
	}, connectorArgs...)

	runCtx, cancel := context.WithTimeout(ctx, o.timeout)
	defer cancel()
	res := &result{
		Case: c.name(), Users: c.users, SubAccounts: spec.SubAccounts, RateScope: c.rateScope, Spec: spec, RMin: floorTotal(floor),
		Rate: o.rateLimit, Latency: fmt.Sprintf("%s + [0,%s)", o.latency, o.jitter), Args: connectorArgs,
	}
	res.LoadBefore = loadAverage()
	start, err := runConnector(runCtx, bin, args, logPath, res)
	if err != nil {
		return nil, err
	}
	res.LoadAfter = loadAverage()
	if err := window.writeTrace(filepath.Join(dir, base+".trace.csv"), start); err != nil {
		return nil, err
	}
	if res.ExitCode != 0 {
		return nil, fmt.Errorf("baton-boomi exited %d; its log: %s\n%s", res.ExitCode, logPath, tail(logPath, 20))
	}
	if out, _ := os.ReadFile(logPath); strings.Contains(string(out), "error running connector") {
		return nil, fmt.Errorf("baton-boomi reported a failed sync; its log: %s\n%s", logPath, tail(logPath, 20))
	}

	res.rawCounters = sim.Counters()
	res.APIWindow = window.span()
	res.account(floor)
	if c.rateScope != "" {
		res.TMin = treeTimeFloor(snap, conn.AccountID, floor, c.rateScope, o.rateLimit)
		res.WallPerTMin = res.Wall.Seconds() / res.TMin.Seconds()
	}
	fi, err := os.Stat(c1z)
	if err != nil {
		return nil, fmt.Errorf("the sync wrote no .c1z at %s: %w", c1z, err)
	}
	res.C1ZBytes = fi.Size()
	contents, err := c1zread.Read(ctx, c1z)
	if err != nil {
		return nil, fmt.Errorf("read the sync's .c1z: %w", err)
	}
	res.Check = verify(exp, contents)
	res.Verified = res.Check.OK
	return res, nil
}

// runConnector runs the binary, sampling its memory, and records wall time, CPU, peak RSS and exit code.
// It returns when the binary was started.
func runConnector(ctx context.Context, bin string, args []string, logPath string, res *result) (time.Time, error) {
	logFile, err := os.Create(logPath)
	if err != nil {
		return time.Time{}, err
	}
	defer logFile.Close()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = cleanEnv()
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.WaitDelay = 10 * time.Second
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return start, fmt.Errorf("start %s: %w", bin, err)
	}
	watch := watchMemory(cmd.Process.Pid, 50*time.Millisecond)
	waitErr := cmd.Wait()
	res.Wall = time.Since(start)
	res.ParentKB, res.ChildKB, res.SumKB = watch.finish()
	if ctx.Err() != nil {
		return start, fmt.Errorf("the sync did not finish within the timeout (%w); its log: %s", ctx.Err(), logPath)
	}
	var exitErr *exec.ExitError
	if waitErr != nil && !errors.As(waitErr, &exitErr) {
		return start, fmt.Errorf("run %s: %w", bin, waitErr)
	}
	ps := cmd.ProcessState
	res.ExitCode = ps.ExitCode()
	res.CPU = ps.UserTime() + ps.SystemTime()
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		res.RusageKB = ru.Maxrss
	}
	return start, nil
}

// loadAverage is the 1-minute load average: the machine is shared, so a run on a busy machine says so.
func loadAverage() string {
	raw, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return strings.Fields(string(raw))[0]
}

// account fills the request figures from the counters: per floor item, totals and the ratios.
func (r *result) account(floor []floorItem) {
	r.Routes = sortedRoutes(r.rawCounters)
	inFloor := map[string]bool{}
	for _, it := range floor {
		read := objectRead{floorItem: it}
		for _, route := range it.Routes {
			read.Requests += r.rawCounters[route].Requests
			inFloor[route] = true
		}
		r.Objects = append(r.Objects, read)
	}
	var faults int64
	for _, ru := range r.Routes {
		r.Requests += ru.Requests
		r.Throttled += ru.Throttled
		faults += ru.Faults
		if !inFloor[ru.Route] {
			r.OtherRoutes = append(r.OtherRoutes, ru)
		}
	}
	r.Answered = r.Requests - r.Throttled - faults
	r.ReqPerRMin = float64(r.Requests) / float64(r.RMin)
	r.TMin = time.Duration(float64(r.RMin) / r.Rate * float64(time.Second))
	r.WallPerTMin = r.Wall.Seconds() / r.TMin.Seconds()
	if r.APIWindow > 0 {
		r.AchievedRPS = float64(r.Requests) / r.APIWindow.Seconds()
	}
}

// apiWindow is the time between the first and the last answered API request, with the time each request
// was answered (the trace shows where a sync waits between requests).
type apiWindow struct {
	mu          sync.Mutex
	first, last time.Time
	trace       []traceEntry
}

type traceEntry struct {
	at    time.Time
	route string
}

func (w *apiWindow) mark(t time.Time, route string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.first.IsZero() {
		w.first = t
	}
	w.last = t
	w.trace = append(w.trace, traceEntry{t, route})
}

// writeTrace writes "seconds since the connector started,route" per answered request.
func (w *apiWindow) writeTrace(path string, start time.Time) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	var b strings.Builder
	b.WriteString("seconds,route\n")
	for _, e := range w.trace {
		fmt.Fprintf(&b, "%.3f,%s\n", e.at.Sub(start).Seconds(), e.route)
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

func (w *apiWindow) span() time.Duration {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.last.Sub(w.first)
}

// cleanEnv is this process's environment without BATON_* variables, so a developer's own connector settings
// cannot change what is measured.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "BATON_") {
			env = append(env, kv)
		}
	}
	return env
}

// tail returns the last n lines of a file.
func tail(path string, n int) string {
	raw, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	lines := strings.Split(strings.TrimRight(string(raw), "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}
