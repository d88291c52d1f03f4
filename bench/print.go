package main

import (
	"debug/buildinfo"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/baton-boomi/baton-boomi/internal/syncexpect"
)

// printRouteDetail writes one run's request accounting: per floor object, then every other route, then the
// verification outcome.
func printRouteDetail(w io.Writer, r *result) {
	fmt.Fprintf(w, "\n### %s\n\n", r.Case)
	fmt.Fprintf(w, "| object | n | floor pages | requests |\n|---|---:|---:|---:|\n")
	for _, o := range r.Objects {
		n := fmt.Sprint(o.N)
		if o.Single {
			n = "–"
		}
		fmt.Fprintf(w, "| %s | %s | %d | %d |\n", o.Object, n, o.Pages, o.Requests)
	}
	for _, o := range r.OtherRoutes {
		fmt.Fprintf(w, "| other: `%s` | | 0 | %d |\n", o.Route, o.Requests)
	}
	fmt.Fprintf(w, "| **total** | | **%d** | **%d** (503 throttled: %d) |\n\n", r.RMin, r.Requests, r.Throttled)
	status := "complete"
	if !r.Verified {
		status = "WRONG: " + strings.Join(r.Check.Problems, "; ")
	}
	fmt.Fprintf(w, "c1z check: %s — %s\n", status, countsLine(r.Check))
	fmt.Fprintf(w, "load average before/after: %s / %s; rusage max RSS %.0f MiB\n", r.LoadBefore, r.LoadAfter, mib(r.RusageKB))
}

func countsLine(v syncexpect.Report) string {
	var parts []string
	for _, k := range []string{"user resources", "role resources", "account_group resources", "account resources", "entitlements", "grants"} {
		c := v.Counts[k]
		parts = append(parts, fmt.Sprintf("%s %d/%d", strings.TrimSuffix(k, " resources"), c[1], c[0]))
	}
	return strings.Join(parts, ", ") + " (got/expected)"
}

// printSummary writes the results table of all runs.
func printSummary(w io.Writer, o options, bin, source string, results []*result) {
	fmt.Fprintf(w, "\n## Summary (simulator limit %.0f req/s per account, latency %s + uniform [0,%s), connector args %q)\n\n",
		o.rateLimit, o.latency, o.jitter, strings.Join(o.connectorArgs, " "))
	fmt.Fprintf(w, "binary: %s (source: %s)\n\n", binaryVersion(bin), source)
	fmt.Fprintln(w, "| run | users | sub-accts | R_min | requests | 503s | req/R_min | T_min | wall | wall/T_min | API window | req/s | peak RSS parent / child / sum (MiB) | CPU | c1z | c1z check |")
	fmt.Fprintln(w, "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---|")
	for _, r := range results {
		check := "complete"
		if !r.Verified {
			check = "**WRONG**"
		}
		subs := fmt.Sprint(r.SubAccounts)
		if r.RateScope != "" {
			subs += " (tree, limit per " + r.RateScope + ")"
		}
		fmt.Fprintf(w, "| %d | %d | %s | %d | %d | %d | %.2f | %s | %s | %.2f | %s | %.1f | %.0f / %.0f / %.0f | %s | %s | %s |\n",
			r.Run, r.Users, subs, r.RMin, r.Requests, r.Throttled, r.ReqPerRMin, secs(r.TMin), secs(r.Wall), r.WallPerTMin,
			secs(r.APIWindow), r.AchievedRPS, mib(r.ParentKB), mib(r.ChildKB), mib(r.SumKB), secs(r.CPU), size(r.C1ZBytes), check)
	}
}

func secs(d time.Duration) string { return fmt.Sprintf("%.1fs", d.Seconds()) }
func mib(kb int64) float64        { return float64(kb) / 1024 }

func size(b int64) string {
	switch {
	case b >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(b)/(1<<20))
	default:
		return fmt.Sprintf("%.0f KiB", float64(b)/(1<<10))
	}
}

// printMedians writes, per case, the median of the time and memory figures over its runs (requests are
// deterministic; a case whose runs disagree on them is flagged).
func printMedians(w io.Writer, results []*result) {
	fmt.Fprint(w, "\n## Medians per case\n\n")
	fmt.Fprintln(w, "| users | sub-accts | runs | R_min | requests | req/R_min | T_min | wall (median, min–max) | wall/T_min | API window | req/s | non-API time | peak RSS sum (MiB) | CPU | c1z |")
	fmt.Fprintln(w, "|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|")
	var order []string
	byCase := map[string][]*result{}
	for _, r := range results {
		if _, ok := byCase[r.Case]; !ok {
			order = append(order, r.Case)
		}
		byCase[r.Case] = append(byCase[r.Case], r)
	}
	for _, c := range order {
		rs := byCase[c]
		first := rs[0]
		reqs := fmt.Sprint(first.Requests)
		for _, r := range rs[1:] {
			if r.Requests != first.Requests {
				reqs += " (varies!)"
				break
			}
		}
		wall := medianDur(rs, func(r *result) time.Duration { return r.Wall })
		api := medianDur(rs, func(r *result) time.Duration { return r.APIWindow })
		lo, hi := rs[0].Wall, rs[0].Wall
		for _, r := range rs {
			lo, hi = min(lo, r.Wall), max(hi, r.Wall)
		}
		fmt.Fprintf(w, "| %d | %d | %d | %d | %s | %.2f | %s | %s (%s–%s) | %.2f | %s | %.1f | %s | %.0f | %s | %s |\n",
			first.Users, first.SubAccounts, len(rs), first.RMin, reqs, first.ReqPerRMin, secs(first.TMin),
			secs(wall), secs(lo), secs(hi), wall.Seconds()/first.TMin.Seconds(), secs(api),
			float64(first.Requests)/api.Seconds(), secs(wall-api),
			mib(int64(medianDur(rs, func(r *result) time.Duration { return time.Duration(r.SumKB) }))),
			secs(medianDur(rs, func(r *result) time.Duration { return r.CPU })), size(first.C1ZBytes))
	}
}

func medianDur(rs []*result, f func(*result) time.Duration) time.Duration {
	vals := make([]time.Duration, 0, len(rs))
	for _, r := range rs {
		vals = append(vals, f(r))
	}
	sort.Slice(vals, func(i, j int) bool { return vals[i] < vals[j] })
	return vals[len(vals)/2]
}

// binaryVersion names the commit the binary was built from (and whether the tree had local changes).
func binaryVersion(bin string) string {
	info, err := buildinfo.ReadFile(bin)
	if err != nil {
		return bin
	}
	rev, modified := "(no VCS stamp)", ""
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = " with uncommitted changes in the tree"
			}
		}
	}
	return fmt.Sprintf("baton-boomi built from %s%s, %s", rev, modified, info.GoVersion)
}
