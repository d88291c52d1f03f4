#!/usr/bin/env bash
# make demo: sync the embedded Boomi simulator (no credentials needed) and summarise what was found.
set -euo pipefail
cd "$(dirname "$0")/.."
out=dist/demo.c1z
rm -f "$out"
go build -o dist/c1z-summary ./cmd/c1z-summary
echo "Syncing the embedded Boomi simulator (a generated account with sub-accounts, groups and MFT)..."
./dist/baton-boomi --simulator -f "$out" --log-level error
echo
echo "Summary of $out:"
./dist/c1z-summary "$out"
echo
echo "Explore it further with: go tool baton resources -f $out   (or: go tool baton grants -f $out)"
