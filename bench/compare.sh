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

. bench/lib/serve.sh

# seed once with BEFORE, then give each build its own copy of the same data
start "$BEFORE" "$DB/seed"; stop
cp -r "$DB/seed" "$DB/before"; cp -r "$DB/seed" "$DB/after"


echo "$PRODUCTS products, $CONNS connections, ${SECS}s per route and build" >&2
printf '%-40s %12s %10s %8s %12s %10s %8s %8s\n' route "before r/s" p99 "/healthz" "after r/s" p99 "/healthz" "after/before" >&2
for route in "/" "/c/electronics" "/c/headphones?sort=price_asc&in_stock=1" "/search?q=earbuds" \
  "/search?q=%E8%97%8D%E7%89%99" "/p/d000001" "/cart"; do
  read -r b_rps b_p99 b_base <<<"$(measure "$BEFORE" "$DB/before" "$route")"
  read -r a_rps a_p99 a_base <<<"$(measure "$AFTER" "$DB/after" "$route")"
  row "$route" "$b_rps" "$b_p99" "$b_base" "$a_rps" "$a_p99" "$a_base"
done
