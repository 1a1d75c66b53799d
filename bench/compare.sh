#!/usr/bin/env bash
# Two builds of the server on the same data, side by side: the storefront's pages
# (home, category, search, product, cart) served by BEFORE and by AFTER, alternating
# route by route so both see the same machine load, each figure also as a ratio to
# /healthz on the same server. For checking that a refactor did not slow pages down.
#   bash bench/compare.sh /path/to/server-before /path/to/server-after
#   PRODUCTS=20000 SECONDS_PER_ROUTE=10 CONNECTIONS=64 bash bench/compare.sh A B
# Run on an otherwise idle machine; loopback only. Both binaries must read the same
# database schema (the seed is written once, by BEFORE).
set -euo pipefail
cd "$(dirname "$0")/.."
BEFORE="${1:?server binary before}"
AFTER="${2:?server binary after}"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
PRODUCTS="${PRODUCTS:-20000}"
SECS="${SECONDS_PER_ROUTE:-10}"
CONNS="${CONNECTIONS:-64}"
DB="$(mktemp -d)"
PID=
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$DB"; }
trap cleanup EXIT

free_port() { node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }

start() { # binary, database copy
  PORT="$(free_port)"
  SITE_ADDR="127.0.0.1:$PORT" DATABASE_URL="surrealkv://$2/bench.db" LEPTOS_SITE_ROOT=target/site \
    LEPTOS_OUTPUT_NAME=marketplace RUST_LOG=warn "$1" serve --seed-if-empty --products "$PRODUCTS" >/dev/null 2>&1 &
  PID=$!
  for _ in $(seq 1 2400); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && return; sleep 0.5; done
  echo "server did not start" >&2; exit 1
}
stop() { kill "$PID"; wait "$PID" 2>/dev/null || true; PID=; }

# seed once with BEFORE, then give each build its own copy of the same data
start "$BEFORE" "$DB/seed"; stop
cp -r "$DB/seed" "$DB/before"; cp -r "$DB/seed" "$DB/after"

measure() { # binary, db, route -> "rps p99"
  start "$1" "$2"
  local url="http://127.0.0.1:$PORT$3"
  wrk -t2 -c"$CONNS" -d2s "$url" >/dev/null
  local out; out="$(wrk -t2 -c"$CONNS" -d"${SECS}s" --latency "$url")"
  local base; base="$(wrk -t2 -c"$CONNS" -d"${SECS}s" "http://127.0.0.1:$PORT/healthz" | awk '/Requests\/sec/{print $2}')"
  stop
  echo "$(awk '/Requests\/sec/{print $2}' <<<"$out") $(awk '$1=="99%"{print $2}' <<<"$out") $base"
}

echo "$PRODUCTS products, $CONNS connections, ${SECS}s per route and build" >&2
printf '%-40s %12s %10s %8s %12s %10s %8s %8s\n' route "before r/s" p99 "/healthz" "after r/s" p99 "/healthz" "after/before" >&2
for route in "/" "/c/electronics" "/c/headphones?sort=price_asc&in_stock=1" "/search?q=earbuds" \
  "/search?q=%E8%97%8D%E7%89%99" "/p/d000001" "/cart"; do
  read -r b_rps b_p99 b_base <<<"$(measure "$BEFORE" "$DB/before" "$route")"
  read -r a_rps a_p99 a_base <<<"$(measure "$AFTER" "$DB/after" "$route")"
  awk -v r="$route" -v br="$b_rps" -v bp="$b_p99" -v bb="$b_base" -v ar="$a_rps" -v ap="$a_p99" -v ab="$a_base" \
    'BEGIN{printf "%-40s %12.0f %10s %8.4f %12.0f %10s %8.4f %8.3f\n", r, br, bp, br/bb, ar, ap, ar/ab, (ar/ab)/(br/bb)}' >&2
done
