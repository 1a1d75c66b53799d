#!/usr/bin/env bash
# Conversations under load: BUYERS shoppers with a thread with each of SHOPS shops
# (BUYERS × SHOPS open threads, default 100 × 10 = 1,000), every shopper keeping a
# request waiting for news as an open page does. Reports the server's CPU with nobody
# connected and with everyone waiting, and message-to-delivery latency (a seller's
# answer to the shopper's waiting request answering) next to the send request's own
# time, all in the same run (bench/chat.mjs). Targets: delivery p99 <= 1 s, CPU with
# everyone waiting <= 5 % of a core.
# Usage: bash bench/chat.sh   (BUYERS=100 SHOPS=10 IDLE_SECS=30 MESSAGES=200)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh
BUYERS="${BUYERS:-100}"
SHOPS="${SHOPS:-10}"
BIN="$CARGO_TARGET_DIR/release/server"
[ -x "$BIN" ] || cargo leptos build --release --split
cargo build --release -p bench-fixtures
FIX="$CARGO_TARGET_DIR/release/bench-fixtures"
DB="$(mktemp -d)"
export DATABASE_URL="surrealkv://$DB/bench.db" LEPTOS_SITE_ROOT=target/site RUST_LOG=warn
"$BIN" seed --products 300 >/dev/null
"$FIX" bench-chat --buyers "$BUYERS" --shops "$SHOPS" > "$DB/fixture.json"
PORT="$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
SITE_ADDR="127.0.0.1:$PORT" "$BIN" serve >/dev/null 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; rm -rf "$DB"' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.5; done
sleep 5 # the first minute's background jobs start with the server
node bench/chat.mjs "http://127.0.0.1:$PORT" "$PID" "$DB/fixture.json"
