#!/usr/bin/env bash
# The storefront target: category pages and search results with 100,000 seeded
# products, 64 connections, against the release build, each as a ratio to the plain
# axum route /healthz measured in the same run on the same server. Loopback only.
# Run on an otherwise idle machine: PRODUCTS=100000 bash bench/storefront.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
PRODUCTS="${PRODUCTS:-100000}"
SECS="${SECONDS_PER_ROUTE:-10}"
CONNS="${CONNECTIONS:-64}"
PORT="$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
BIN="$CARGO_TARGET_DIR/release/server"
[ -x "$BIN" ] || cargo leptos build --release --split
DB="$(mktemp -d)"
SITE_ADDR="127.0.0.1:$PORT" DATABASE_URL="surrealkv://$DB/bench.db" LEPTOS_SITE_ROOT=target/site RUST_LOG=warn \
  "$BIN" serve --demo --products "$PRODUCTS" >/dev/null 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; rm -rf "$DB"' EXIT
for _ in $(seq 1 1200); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.5; done
echo "seeded $PRODUCTS products; $CONNS connections, ${SECS}s per route" >&2

run() { # name, url
  local name="$1" url="$2"
  wrk -t2 -c"$CONNS" -d2s "$url" >/dev/null   # warm-up
  local out; out="$(wrk -t2 -c"$CONNS" -d"${SECS}s" --latency "$url")"
  echo "$out" | grep -E "Socket|Non-2xx" >&2 || true
  local rps p99
  rps="$(awk '/Requests\/sec/{print $2}' <<<"$out")"
  p99="$(awk '$1=="99%"{print $2}' <<<"$out")"
  printf '%-52s %10s req/s   p99 %8s\n' "$name" "$rps" "$p99" >&2
  echo "$rps"
}
base="$(run "GET /healthz (axum baseline)" "http://127.0.0.1:$PORT/healthz")"
for route in \
  "/c/electronics" \
  "/c/headphones?sort=price_asc&in_stock=1" \
  "/c/home?sort=rating&min=10&max=80" \
  "/c/electronics?shop=auralis-audio-lab&sort=price_asc" \
  "/search?q=earbuds" \
  "/search?q=%E8%97%8D%E7%89%99" \
  "/search?q=bottle&sort=price_asc&in_stock=1"; do
  r="$(run "GET $route" "http://127.0.0.1:$PORT$route")"
  awk -v r="$r" -v b="$base" 'BEGIN{printf "  ratio to baseline: %.4f\n", r/b}' >&2
done
