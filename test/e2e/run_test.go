package e2e

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// runTimeout bounds every run of the binary; a run that hangs is a failure, not a stuck test suite.
const runTimeout = 3 * time.Minute

// runResult is one run of the binary.
type runResult struct {
	Args     []string
	Output   string // stdout and stderr combined
	ExitCode int
	Err      error // start failure or timeout
	Duration time.Duration
}

// failureMarkers are the texts the SDK prints when a run failed. A failed one-shot provisioning run can
// exit 0 (baton-sdk v0.26.0 does not turn a failed task into a non-zero exit), so the output is checked too.
var failureMarkers = []string{"error running connector", "error processing on-demand task"}

// failed reports whether the run failed by exit status or by the error text in its output.
func (r runResult) failed() bool {
	if r.Err != nil || r.ExitCode != 0 {
		return true
	}
	for _, m := range failureMarkers {
		if strings.Contains(r.Output, m) {
			return true
		}
	}
	return false
}

func (r runResult) String() string {
	return "baton-boomi " + strings.Join(r.Args, " ") + "\n" + r.Output
}

// connArgs are the credential and endpoint flags that point the binary at this simulator.
func (e *simEnv) connArgs() []string {
	return []string{
		"--base-url", e.HTTP.URL,
		"--boomi-account-id", e.Conn.AccountID,
		"--boomi-email", e.Conn.Username,
		"--boomi-api-token", e.Conn.Token,
	}
}

// run executes the binary with args (connection flags not included) and returns what happened. The
// API token is redacted from the recorded arguments; the output is kept verbatim so leaks can be found.
func run(t *testing.T, args ...string) runResult {
	t.Helper()
	needBinary(t)
	return runBinary(t, binaryPath, nil, args...)
}

// runBinary executes bin with args in the clean environment plus env ("NAME=value" entries).
func runBinary(t *testing.T, bin string, env []string, args ...string) runResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), runTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = append(cleanEnv(), env...)
	cmd.WaitDelay = 10 * time.Second
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	start := time.Now()
	err := cmd.Run()
	res := runResult{Args: redactArgs(args), Output: out.String(), Duration: time.Since(start)}
	var exitErr *exec.ExitError
	switch {
	case errors.As(err, &exitErr):
		res.ExitCode = exitErr.ExitCode()
	case err != nil:
		res.Err = err
		res.ExitCode = -1
	}
	if ctx.Err() != nil {
		res.Err = ctx.Err()
	}
	return res
}

// runWith runs the binary against this simulator: connection flags, then args.
func (e *simEnv) runWith(t *testing.T, args ...string) runResult {
	t.Helper()
	return run(t, append(e.connArgs(), args...)...)
}

// cleanEnv is the test process environment without BATON_* variables, so a developer's own connector
// settings cannot leak into a run.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "BATON_") {
			continue
		}
		env = append(env, kv)
	}
	return env
}

// redactArgs hides secret flag values in recorded arguments (test logs must not show them either).
func redactArgs(args []string) []string {
	out := append([]string(nil), args...)
	for i := 0; i+1 < len(out); i++ {
		switch out[i] {
		case "--boomi-api-token", "--api-token", "--mft-api-key":
			out[i+1] = "<redacted>"
		}
	}
	return out
}

// c1zPath is a fresh .c1z path in the env's directory.
func (e *simEnv) c1zPath(name string) string {
	return filepath.Join(e.Dir, name+".c1z")
}

// mustSync runs a full sync into path and fails the test if the run failed; it returns the run.
func (e *simEnv) mustSync(t *testing.T, path string, extra ...string) runResult {
	t.Helper()
	res := e.runWith(t, append([]string{"-f", path}, extra...)...)
	if res.failed() {
		t.Fatalf("sync failed (exit %d, err %v):\n%s", res.ExitCode, res.Err, res)
	}
	t.Logf("sync into %s took %s", filepath.Base(path), res.Duration.Round(time.Millisecond))
	return res
}
