# Sourced by the benchmarks that start the release server themselves: a free port, a
# server on a SurrealKV copy, and one route measured with wrk beside /healthz on the
# same server. Expects PRODUCTS, SECS and CONNS set, and sets PORT and PID.

free_port() { node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }

start() { # binary, database directory
  PORT="$(free_port)"
  SITE_ADDR="127.0.0.1:$PORT" DATABASE_URL="surrealkv://$2/bench.db" LEPTOS_SITE_ROOT=target/site \
    LEPTOS_OUTPUT_NAME=marketplace RUST_LOG=warn "$1" serve --seed-if-empty --products "$PRODUCTS" >/dev/null 2>&1 &
  PID=$!
  for _ in $(seq 1 2400); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && return; sleep 0.5; done
  echo "server did not start" >&2; exit 1
}

stop() { kill "$PID"; wait "$PID" 2>/dev/null || true; PID=; }

measure() { # binary, database directory, route -> "rps p99 healthz-rps"
  start "$1" "$2"
  local url="http://127.0.0.1:$PORT$3"
  wrk -t2 -c"$CONNS" -d2s "$url" >/dev/null
  local out; out="$(wrk -t2 -c"$CONNS" -d"${SECS}s" --latency "$url")"
  local base; base="$(wrk -t2 -c"$CONNS" -d"${SECS}s" "http://127.0.0.1:$PORT/healthz" | awk '/Requests\/sec/{print $2}')"
  stop
  echo "$(awk '/Requests\/sec/{print $2}' <<<"$out") $(awk '$1=="99%"{print $2}' <<<"$out") $base"
}

# one table row: route, then "rps p99 base" of the first and of the second run
row() {
  awk -v r="$1" -v br="$2" -v bp="$3" -v bb="$4" -v ar="$5" -v ap="$6" -v ab="$7" \
    'BEGIN{printf "%-40s %12.0f %10s %8.4f %12.0f %10s %8.4f %8.3f\n", r, br, bp, br/bb, ar, ap, ar/ab, (ar/ab)/(br/bb)}' >&2
}
