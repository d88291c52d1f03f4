// c1z-summary prints a short human summary of the latest sync in a .c1z file (used by `make demo`).
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/baton-boomi/baton-boomi/internal/c1zread"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: c1z-summary FILE.c1z")
		os.Exit(2)
	}
	contents, err := c1zread.Read(context.Background(), os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "c1z-summary:", err)
		os.Exit(1)
	}
	contents.WriteSummary(os.Stdout, 8)
}
