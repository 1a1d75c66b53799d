#!/usr/bin/env bash
# The reviews target: the product page of a product with 10,000 reviews renders in
# <= 20 ms p99 server-side. Seeds the demo catalogue into a SurrealKV database (the
# default store), adds REVIEWS published reviews to one product (`bench-fixtures bench-reviews`),
# starts the release server and requests pages one at a time (wrk, 1 connection, so
# the latency is the server's render time over loopback, not queueing): the product page
# with its reviews in each sort and filter, next to the same kind of page for a product
# with no reviews and /healthz, measured in the same run as baselines.
# Usage: bash bench/reviews.sh   (PRODUCTS=600 REVIEWS=10000 SECONDS_PER_ROUTE=10)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
PRODUCTS="${PRODUCTS:-600}"
REVIEWS="${REVIEWS:-10000}"
SECS="${SECONDS_PER_ROUTE:-10}"
BIN="$CARGO_TARGET_DIR/release/server"
[ -x "$BIN" ] || cargo leptos build --release --split
# fixtures and in-process benchmarks live in their own binary, not in the server
cargo build --release -p bench-fixtures
FIX="$CARGO_TARGET_DIR/release/bench-fixtures"
DB="$(mktemp -d)"
export DATABASE_URL="surrealkv://$DB/bench.db" LEPTOS_SITE_ROOT=target/site RUST_LOG=warn
"$BIN" seed --products "$PRODUCTS" >/dev/null
read -r TARGET EMPTY < <("$FIX" bench-reviews --reviews "$REVIEWS")
PORT="$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
SITE_ADDR="127.0.0.1:$PORT" "$BIN" serve >/dev/null 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; rm -rf "$DB"' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.5; done
curl -sf "http://127.0.0.1:$PORT/p/$TARGET" | grep -q 'data-testid="review-list"' || { echo "no reviews rendered" >&2; exit 1; }

ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000}; printf "%.2f", v}'; }
run() { # name, url -> prints "p50 p99" (ms)
  wrk -t1 -c1 -d2s "$2" >/dev/null   # warm-up
  local out; out="$(wrk -t1 -c1 -d"${SECS}s" --latency "$2")"
  if grep -q "Non-2xx" <<<"$out"; then echo "$1: non-2xx responses" >&2; exit 1; fi
  local p50 p99 rps
  p50="$(awk '$1=="50%"{print $2}' <<<"$out" | ms)"
  p99="$(awk '$1=="99%"{print $2}' <<<"$out" | ms)"
  rps="$(awk '/Requests\/sec/{print $2}' <<<"$out")"
  printf '%-44s p50 %7s ms   p99 %7s ms   %8s req/s\n' "$1" "$p50" "$p99" "$rps" >&2
  echo "$p50 $p99"
}
U="http://127.0.0.1:$PORT"
read -r _ hz99 < <(run "GET /healthz" "$U/healthz")
read -r _ base99 < <(run "GET /p/$EMPTY (no reviews: baseline)" "$U/p/$EMPTY")
worst=0
for q in "" "?sort=helpful" "?sort=lowest" "?stars=1" "?photos=1" "?lang=zh-Hant" "?stars=5&sort=helpful" "?pages=5"; do
  read -r _ p99 < <(run "GET /p/$TARGET$q ($REVIEWS reviews)" "$U/p/$TARGET$q")
  awk -v p="$p99" -v b="$base99" 'BEGIN{printf "    p99 ratio to the no-review page: %.2f\n", p/b}' >&2
  worst="$(awk -v a="$worst" -v b="$p99" 'BEGIN{print (b>a)?b:a}')"
done
echo "worst p99 with $REVIEWS reviews: $worst ms (target <= 20 ms); no-review page p99 $base99 ms; /healthz p99 $hz99 ms"
