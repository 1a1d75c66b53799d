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

free_port() { node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }

start() { # database copy
  PORT="$(free_port)"
  SITE_ADDR="127.0.0.1:$PORT" DATABASE_URL="surrealkv://$1/bench.db" LEPTOS_SITE_ROOT=target/site \
    RUST_LOG=warn "$BIN" serve --seed-if-empty --products "$PRODUCTS" >/dev/null 2>&1 &
  PID=$!
  for _ in $(seq 1 2400); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && return; sleep 0.5; done
  echo "server did not start" >&2; exit 1
}
stop() { kill "$PID"; wait "$PID" 2>/dev/null || true; PID=; }

start "$DB/seed"; stop
cp -r "$DB/seed" "$DB/without"; cp -r "$DB/seed" "$DB/with"
DATABASE_URL="surrealkv://$DB/with/bench.db" RUST_LOG=warn \
  "$CARGO_TARGET_DIR/release/bench-fixtures" seed-promotions --count "$PROMOTIONS" >&2

measure() { # db, route -> "rps p99 healthz"
  start "$1"
  local url="http://127.0.0.1:$PORT$2"
  wrk -t2 -c"$CONNS" -d2s "$url" >/dev/null
  local out; out="$(wrk -t2 -c"$CONNS" -d"${SECS}s" --latency "$url")"
  local base; base="$(wrk -t2 -c"$CONNS" -d"${SECS}s" "http://127.0.0.1:$PORT/healthz" | awk '/Requests\/sec/{print $2}')"
  stop
  echo "$(awk '/Requests\/sec/{print $2}' <<<"$out") $(awk '$1=="99%"{print $2}' <<<"$out") $base"
}

echo "$PRODUCTS products, $PROMOTIONS promotions, $CONNS connections, ${SECS}s per route and database" >&2
printf '%-40s %12s %10s %8s %12s %10s %8s %8s\n' route "none r/s" p99 "/healthz" "with r/s" p99 "/healthz" "with/none" >&2
for route in "/c/electronics" "/c/headphones?sort=price_asc&in_stock=1" "/search?q=earbuds" \
  "/p/d000001" "/p/d000002" "/"; do
  read -r b_rps b_p99 b_base <<<"$(measure "$DB/without" "$route")"
  read -r a_rps a_p99 a_base <<<"$(measure "$DB/with" "$route")"
  awk -v r="$route" -v br="$b_rps" -v bp="$b_p99" -v bb="$b_base" -v ar="$a_rps" -v ap="$a_p99" -v ab="$a_base" \
    'BEGIN{printf "%-40s %12.0f %10s %8.4f %12.0f %10s %8.4f %8.3f\n", r, br, bp, br/bb, ar, ap, ar/ab, (ar/ab)/(br/bb)}' >&2
done
