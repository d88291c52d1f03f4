package main

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// printRouteDetail writes one run's request accounting: per floor object, then every other route, then the
// verification outcome.
func printRouteDetail(w io.Writer, r *result) {
	fmt.Fprintf(w, "\n### %s\n\n", r.Case)
	fmt.Fprintf(w, "| object | n | floor pages | requests |\n|---|---:|---:|---:|\n")
	for _, o := range r.Objects {
		fmt.Fprintf(w, "| %s | %d | %d | %d |\n", o.Object, o.N, o.Pages, o.Requests)
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
}

func countsLine(v verification) string {
	var parts []string
	for _, k := range []string{"user resources", "role resources", "account_group resources", "account resources", "entitlements", "grants"} {
		c := v.Counts[k]
		parts = append(parts, fmt.Sprintf("%s %d/%d", strings.TrimSuffix(k, " resources"), c[1], c[0]))
	}
	return strings.Join(parts, ", ") + " (got/expected)"
}

// printSummary writes the results table of all runs.
func printSummary(w io.Writer, o options, results []*result) {
	fmt.Fprintf(w, "\n## Summary (simulator limit %.0f req/s per account, latency %s + uniform [0,%s), connector args %q)\n\n",
		o.rateLimit, o.latency, o.jitter, strings.Join(o.connectorArgs, " "))
	fmt.Fprintln(w, "| users | sub-accts | R_min | requests | 503s | req/R_min | T_min | wall | wall/T_min | API window | req/s | peak RSS parent / child / sum (MiB) | CPU | c1z | c1z check |")
	fmt.Fprintln(w, "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---|")
	for _, r := range results {
		check := "complete"
		if !r.Verified {
			check = "**WRONG**"
		}
		fmt.Fprintf(w, "| %d | %d | %d | %d | %d | %.2f | %s | %s | %.2f | %s | %.1f | %.0f / %.0f / %.0f | %s | %s | %s |\n",
			r.Users, r.SubAccounts, r.RMin, r.Requests, r.Throttled, r.ReqPerRMin, secs(r.TMin), secs(r.Wall), r.WallPerTMin,
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
