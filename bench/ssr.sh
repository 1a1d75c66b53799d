#!/usr/bin/env bash
# Storefront throughput vs. the axum baseline, on loopback only. See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
PRODUCTS="${PRODUCTS:-600}"
SECS="${SECONDS_PER_ROUTE:-10}"
PORT="$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
BIN="$CARGO_TARGET_DIR/release/server"
[ -x "$BIN" ] || cargo leptos build --release --split
SITE_ADDR="127.0.0.1:$PORT" DATABASE_URL=mem:// LEPTOS_SITE_ROOT=target/site RUST_LOG=warn \
  "$BIN" serve --demo --products "$PRODUCTS" >/dev/null 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.5; done

run() { # name, wrk args...
  local name="$1"; shift
  wrk -t2 -c32 -d2s "$@" >/dev/null   # warm-up: caches filled, connections open
  local out; out="$(wrk -t2 -c32 -d"${SECS}s" --latency "$@")"
  local rps p99
  echo "$out" | grep -E "Socket|Non-2xx|requests in" >&2
  rps="$(awk '/Requests\/sec/{print $2}' <<<"$out")"
  p99="$(awk '$1=="99%"{print $2}' <<<"$out")"
  printf '%-28s %10s req/s   p99 %8s\n' "$name" "$rps" "$p99"
  echo "$rps"
}
base="$(run healthz "http://127.0.0.1:$PORT/healthz" | tee /dev/stderr | tail -1)"
for route in "/" "/p/d000001" "/search?q=earbuds" "/cart"; do
  r="$(run "GET $route" "http://127.0.0.1:$PORT$route" | tee /dev/stderr | tail -1)"
  awk -v r="$r" -v b="$base" -v n="$route" 'BEGIN{printf "  ratio to baseline (%s): %.4f\n", n, r/b}' >&2
done
cat > /tmp/post.lua <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = ""
LUA
r="$(run "POST /api/home_data" -s /tmp/post.lua "http://127.0.0.1:$PORT/api/home_data" | tee /dev/stderr | tail -1)"
awk -v r="$r" -v b="$base" 'BEGIN{printf "  ratio to baseline (home data JSON): %.4f\n", r/b}' >&2
