#!/usr/bin/env bash
# The screening target, against the release build on an otherwise idle machine:
# screening one listing with 8 photos (text, protected brands, the category price
# median, the shop's strikes and age, and near-duplicate lookups of 8 perceptual hashes
# through the band indexes) with 100,000 products, one photo hash per product and
# 10,000 brand reference images — p50/p99 over RUNS screenings, next to a single-record
# read measured in the same run as the baseline.
# Usage: bash bench/moderation.sh   (PRODUCTS=100000 REFERENCES=10000 RUNS=200)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh
PRODUCTS="${PRODUCTS:-100000}"
REFERENCES="${REFERENCES:-10000}"
RUNS="${RUNS:-200}"
BIN="$CARGO_TARGET_DIR/release/server"
[ -x "$BIN" ] || cargo leptos build --release --split
# fixtures and in-process benchmarks live in their own binary, not in the server
cargo build --release -p bench-fixtures
FIX="$CARGO_TARGET_DIR/release/bench-fixtures"
DB="$(mktemp -d)"
trap 'rm -rf "$DB"' EXIT
export DATABASE_URL="surrealkv://$DB/bench.db" LEPTOS_SITE_ROOT=target/site RUST_LOG=warn
t0=$(date +%s)
"$BIN" seed --products "$PRODUCTS" >/dev/null
echo "fixture: $PRODUCTS products seeded in $(( $(date +%s) - t0 )) s" >&2
"$FIX" bench-screening --references "$REFERENCES" --runs "$RUNS"
