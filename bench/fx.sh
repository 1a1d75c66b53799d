#!/usr/bin/env bash
# Cross-border: what converted prices and the product page's delivery panel cost. Seeds the
# demo catalogue into a SurrealKV database (the default store) and runs `server
# bench-fx`, which drives the real router in process with baselines in the same run.
# Usage: bash bench/fx.sh   (PRODUCTS=300 PAGES=100)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh
PRODUCTS="${PRODUCTS:-300}"
PAGES="${PAGES:-100}"
BIN="$CARGO_TARGET_DIR/release/server"
[ -x "$BIN" ] || cargo leptos build --release --split
# fixtures and in-process benchmarks live in their own binary, not in the server
cargo build --release -p bench-fixtures
FIX="$CARGO_TARGET_DIR/release/bench-fixtures"
DB="$(mktemp -d)"
trap 'rm -rf "$DB"' EXIT
export DATABASE_URL="surrealkv://$DB/bench.db" LEPTOS_SITE_ROOT=target/site RUST_LOG=warn
"$BIN" seed --products "$PRODUCTS" >/dev/null
"$FIX" bench-fx --products "$PAGES"
