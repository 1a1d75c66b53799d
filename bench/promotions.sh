#!/usr/bin/env bash
# Storefront pages with 1,000 running promotions in the catalogue against the same
# catalogue without them: one build, two copies of one seeded database (the second
# given N running item promotions spread over the shops by `bench-fixtures
# seed-promotions`), measured route by route alternately so both see the same machine
# load, each figure also as a ratio to /healthz on the same server.
#   bash bench/promotions.sh
#   PRODUCTS=20000 PROMOTIONS=1000 SECONDS_PER_ROUTE=10 CONNECTIONS=64 bash bench/promotions.sh
# Run on an otherwise idle machine, after the release build (`cargo leptos build --release`).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh --rust-only
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
PRODUCTS="${PRODUCTS:-20000}"
PROMOTIONS="${PROMOTIONS:-1000}"
SECS="${SECONDS_PER_ROUTE:-10}"
CONNS="${CONNECTIONS:-64}"
BIN="$CARGO_TARGET_DIR/release/server"
cargo build --release -p bench-fixtures
DB="$(mktemp -d)"
PID=
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$DB"; }
trap cleanup EXIT

. bench/lib/serve.sh

start "$BIN" "$DB/seed"; stop
cp -r "$DB/seed" "$DB/without"; cp -r "$DB/seed" "$DB/with"
DATABASE_URL="surrealkv://$DB/with/bench.db" RUST_LOG=warn \
  "$CARGO_TARGET_DIR/release/bench-fixtures" seed-promotions --count "$PROMOTIONS" >&2


echo "$PRODUCTS products, $PROMOTIONS promotions, $CONNS connections, ${SECS}s per route and database" >&2
printf '%-40s %12s %10s %8s %12s %10s %8s %8s\n' route "none r/s" p99 "/healthz" "with r/s" p99 "/healthz" "with/none" >&2
for route in "/c/electronics" "/c/headphones?sort=price_asc&in_stock=1" "/search?q=earbuds" \
  "/p/d000001" "/p/d000002" "/"; do
  read -r b_rps b_p99 b_base <<<"$(measure "$BIN" "$DB/without" "$route")"
  read -r a_rps a_p99 a_base <<<"$(measure "$BIN" "$DB/with" "$route")"
  row "$route" "$b_rps" "$b_p99" "$b_base" "$a_rps" "$a_p99" "$a_base"
done
