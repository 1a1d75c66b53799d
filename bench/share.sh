#!/usr/bin/env bash
# The share-card target: a product's share card (the Open Graph / Twitter image) is generated
# in <= 50 ms and cached. Seeds the demo catalogue into a SurrealKV database (the default
# store) and runs `bench-fixtures bench-share-cards`, which drives the real router in process:
# every card cold (cache emptied first; half of them embedding an uploaded JPEG photo)
# and cached, with /healthz and the product page measured the same way as baselines.
# Usage: bash bench/share.sh   (PRODUCTS=300 CARDS=200)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh
PRODUCTS="${PRODUCTS:-300}"
CARDS="${CARDS:-200}"
BIN="$CARGO_TARGET_DIR/release/server"
[ -x "$BIN" ] || cargo leptos build --release --split
# fixtures and in-process benchmarks live in their own binary, not in the server
cargo build --release -p bench-fixtures
FIX="$CARGO_TARGET_DIR/release/bench-fixtures"
DB="$(mktemp -d)"
MEDIA="$(mktemp -d)"
trap 'rm -rf "$DB" "$MEDIA"' EXIT
export DATABASE_URL="surrealkv://$DB/bench.db" LEPTOS_SITE_ROOT=target/site RUST_LOG=warn MEDIA_DIR="$MEDIA"
"$BIN" seed --products "$PRODUCTS" >/dev/null
"$FIX" bench-share-cards --cards "$CARDS"
