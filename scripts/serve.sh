#!/usr/bin/env bash
# Builds the site (SSR server, hydrated wasm, CSS), migrates, seeds demo data on
# the first run, and serves it on http://127.0.0.1:3000 (SITE_ADDR to change).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh
cargo leptos build --release --split
export LEPTOS_SITE_ROOT="${LEPTOS_SITE_ROOT:-target/site}"
exec "$CARGO_TARGET_DIR/release/server" serve --seed-if-empty "$@"
