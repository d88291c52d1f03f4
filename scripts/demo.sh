#!/usr/bin/env bash
# make demo: sync the embedded Boomi simulator (no credentials needed), summarise what was found and print
# the short access report (who can deploy to PROD, who holds ACCOUNT_ADMIN, who has API access).
set -euo pipefail
cd "$(dirname "$0")/.."
out=dist/demo.c1z
rm -f "$out"
go build -o dist/c1z-summary ./cmd/c1z-summary
go build -o dist/boomi-access-report ./cmd/boomi-access-report
echo "Syncing the embedded Boomi simulator (a generated account with sub-accounts, groups and MFT)..."
./dist/baton-boomi --simulator -f "$out" --log-level error
echo
echo "Summary of $out:"
./dist/c1z-summary "$out"
echo
echo "Access report (short version: 3 rows per question; all rows with --limit 0, or --format csv|json):"
./dist/boomi-access-report --limit 3 "$out"
echo "Explore it further with: go tool baton resources -f $out   (or: go tool baton grants -f $out)"
