package doctor

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"
)

// Report is what --report writes: the results and how many of each verdict, with no secret, no account id
// and no personal data (the results hold counts and shapes only).
type Report struct {
	Tool        string          `json:"tool"`
	Version     string          `json:"version"`
	GeneratedAt string          `json:"generatedAt"`
	Summary     map[Verdict]int `json:"summary"`
	Results     []Result        `json:"results"`
}

// NewReport wraps results.
func NewReport(version string, at time.Time, results []Result) Report {
	summary := map[Verdict]int{Holds: 0, Differs: 0, CouldNotTest: 0}
	for _, r := range results {
		summary[r.Verdict]++
	}
	return Report{Tool: "baton-boomi doctor", Version: version, GeneratedAt: at.UTC().Format(time.RFC3339), Summary: summary, Results: results}
}

// Print writes one line per probe — verdict, probe, expected, seen, and how the connector adapts — then the summary.
func (r Report) Print(w io.Writer) {
	for _, res := range r.Results {
		line := fmt.Sprintf("%-15s %s: expected %s; seen %s", "["+string(res.Verdict)+"]", res.Probe, res.Expected, res.Seen)
		if res.Adapts != "" {
			line += "; connector adapts: " + res.Adapts
		}
		fmt.Fprintln(w, line)
	}
	fmt.Fprintf(w, "%d holds, %d differ, %d could not be checked (assumptions: docs/assumptions.md)\n",
		r.Summary[Holds], r.Summary[Differs], r.Summary[CouldNotTest])
}

// WriteFile writes the report as indented JSON.
func (r Report) WriteFile(path string) error {
	data, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, append(data, '\n'), 0o600); err != nil {
		return fmt.Errorf("writing the doctor report to %s failed: %w", path, err)
	}
	return nil
}
