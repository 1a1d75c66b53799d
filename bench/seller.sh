#!/usr/bin/env bash
# The seller-centre targets, against the release build on an otherwise idle
# machine (loopback only):
#  1. the seller dashboard of a shop with 10,000 orders: p99 of the server-rendered
#     page and of its data call, as ratios to /healthz measured in the same run;
#  2. a CSV import of 10,000 listings: wall time until the import reports done, as a
#     ratio to checking the same file without writing (an all-or-nothing import of the
#     file with one bad row appended, which is refused after the check).
# Usage: bash bench/seller.sh   (ORDERS=10000 ROWS=10000 PRODUCTS=2000)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
ORDERS="${ORDERS:-10000}"
ROWS="${ROWS:-10000}"
PRODUCTS="${PRODUCTS:-2000}"
SECS="${SECONDS_PER_ROUTE:-10}"
PORT="$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
BIN="$CARGO_TARGET_DIR/release/server"
[ -x "$BIN" ] || cargo leptos build --release --split
# fixtures and in-process benchmarks live in their own binary, not in the server
cargo build --release -p bench-fixtures
FIX="$CARGO_TARGET_DIR/release/bench-fixtures"
DB="$(mktemp -d)"
WORK="$(mktemp -d)"
export DATABASE_URL="surrealkv://$DB/bench.db" LEPTOS_SITE_ROOT=target/site RUST_LOG=warn
"$BIN" seed --products "$PRODUCTS" >/dev/null
t0=$(date +%s.%N)
"$FIX" bench-orders --shop formosa-tea-house --orders "$ORDERS" >/dev/null
echo "fixture: $ORDERS orders for formosa-tea-house in $(echo "$(date +%s.%N) - $t0" | bc) s" >&2
SITE_ADDR="127.0.0.1:$PORT" "$BIN" serve >/dev/null 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; rm -rf "$DB" "$WORK"' EXIT
for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.5; done
BASE="http://127.0.0.1:$PORT"
curl -s -c "$WORK/jar" -o /dev/null -H 'accept: application/json' \
  --data-urlencode email=seller1@demo.test --data-urlencode password=marketplace-demo "$BASE/api/log_in"
COOKIE="$(awk '$6=="session"{print "session="$7}' "$WORK/jar")"
[ -n "$COOKIE" ] || { echo "could not sign in" >&2; exit 1; }

cat > "$WORK/post.lua" <<'LUA'
wrk.method = "POST"
wrk.body = "days=90"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Accept"] = "application/json"
LUA
run() { # name, url, [wrk args...]
  local name="$1" url="$2"; shift 2
  wrk -t1 -c4 -d2s -H "Cookie: $COOKIE" "$@" "$url" >/dev/null
  local out; out="$(wrk -t1 -c4 -d"${SECS}s" --latency -H "Cookie: $COOKIE" "$@" "$url")"
  echo "$out" | grep -E "Socket|Non-2xx" >&2 || true
  local rps p99
  rps="$(awk '/Requests\/sec/{print $2}' <<<"$out")"
  p99="$(awk '$1=="99%"{print $2}' <<<"$out")"
  printf '%-44s %9s req/s   p99 %8s\n' "$name" "$rps" "$p99" >&2
  echo "$p99"
}
ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000}; print v}' <<<"$1"; }
base="$(ms "$(run "GET /healthz (axum baseline)" "$BASE/healthz")")"
for route in "/seller?days=30" "/seller?days=90"; do
  p="$(ms "$(run "GET $route (SSR page, $ORDERS orders)" "$BASE$route")")"
  awk -v p="$p" -v b="$base" 'BEGIN{printf "  p99 %.2f ms; ratio to baseline p99: %.1f\n", p, p/b}' >&2
done
p="$(ms "$(run "POST /api/seller_dashboard days=90" "$BASE/api/seller_dashboard" -s "$WORK/post.lua")")"
awk -v p="$p" -v b="$base" 'BEGIN{printf "  p99 %.2f ms; ratio to baseline p99: %.1f\n", p, p/b}' >&2

# CSV import of $ROWS new listings
node -e '
const n = Number(process.argv[1]);
const out = ["title_en,title_zh,category,price,stock,sku"];
for (let i = 0; i < n; i++) out.push(`Bench oolong ${i},烏龍茶 ${i},tea,${300 + (i % 500)},${i % 40},B-${i}`);
require("fs").writeFileSync(process.argv[2], out.join("\n") + "\n");
require("fs").writeFileSync(process.argv[3], out.join("\n") + "\n,Broken,壞,tea,-1,1\n");
' "$ROWS" "$WORK/good.csv" "$WORK/bad.csv"
import_secs() { # file mode -> seconds until the job is no longer running
  local t0 loc id st
  t0=$(date +%s.%N)
  loc="$(curl -s -o /dev/null -w '%{redirect_url}' -H "Cookie: $COOKIE" -F "mode=$2" -F "file=@$1;type=text/csv" "$BASE/seller/listing-import")"
  id="${loc##*/}"
  while :; do
    st="$(curl -s -H "Cookie: $COOKIE" -H 'accept: application/json' --data-urlencode "id=$id" "$BASE/api/import_status")"
    grep -q '"status":"running"' <<<"$st" || break
    sleep 0.1
  done
  echo "$st" | grep -o '"status":"[a-z]*"\|"created":[0-9]*\|"failed":[0-9]*' | tr '\n' ' ' >&2; echo >&2
  echo "$(date +%s.%N) - $t0" | bc
}
check="$(import_secs "$WORK/bad.csv" all)"
full="$(import_secs "$WORK/good.csv" all)"
awk -v c="$check" -v f="$full" -v n="$ROWS" 'BEGIN{printf "CSV import of %d rows: %.2f s (check only, refused: %.2f s; ratio %.1f)\n", n, f, c, f/c}' >&2
