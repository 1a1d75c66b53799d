#!/usr/bin/env bash
# Builds the site (SSR server, hydrated wasm, CSS), migrates, seeds the demo
# marketplace on the first run, and serves it on http://127.0.0.1:3000 (SITE_ADDR to
# change). With DATABASE_URL set (a real deployment) nothing is seeded unless DEMO=1:
# create the first administrator with `server create-admin EMAIL` instead.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh
cargo leptos build --release --split
export LEPTOS_SITE_ROOT="${LEPTOS_SITE_ROOT:-target/site}"
demo=--demo
if [ -n "${DATABASE_URL:-}" ] && [ "${DEMO:-0}" != 1 ]; then demo=; fi
exec "$CARGO_TARGET_DIR/release/server" serve $demo "$@"
