// boomi-access-report reads a .c1z written by baton-boomi and answers an auditor's questions: for each
// PROD environment, who can deploy there and through which role; who holds Account Administration; who
// has API access; and whether each of them can bypass SSO (docs/access-report.md).
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/baton-boomi/baton-boomi/internal/accessreport"
	"github.com/baton-boomi/baton-boomi/internal/c1zread"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("boomi-access-report", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "table", "output format: table, csv or json")
	limit := fs.Int("limit", 0, "table only: show at most this many rows per question (0 = all)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: boomi-access-report [--format table|csv|json] [--limit N] FILE.c1z")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	write, ok := map[string]func(r *accessreport.Report) error{
		"table": func(r *accessreport.Report) error { return r.WriteTable(stdout, *limit) },
		"csv":   func(r *accessreport.Report) error { return r.WriteCSV(stdout) },
		"json":  func(r *accessreport.Report) error { return r.WriteJSON(stdout) },
	}[*format]
	if !ok {
		fmt.Fprintf(stderr, "boomi-access-report: unknown --format %q; use table, csv or json\n", *format)
		return 2
	}
	contents, err := c1zread.Read(context.Background(), fs.Arg(0))
	if err != nil {
		fmt.Fprintln(stderr, "boomi-access-report:", err)
		return 1
	}
	if len(contents.Resources["privilege"]) == 0 {
		fmt.Fprintf(stderr, "boomi-access-report: %s holds no privilege resources; sync it with a baton-boomi that has the privilege and environment types\n", fs.Arg(0))
		return 1
	}
	if err := write(accessreport.Build(contents)); err != nil {
		fmt.Fprintln(stderr, "boomi-access-report: writing the report:", err)
		return 1
	}
	return 0
}
