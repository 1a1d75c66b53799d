#!/usr/bin/env bash
# Runs every check: the fast lane (`scripts/check.sh`: formatting, clippy, Rust
# unit/property/integration tests with the layering checks), then clippy of the browser
# build, the pricing engine's parity test in wasm32, the release site build, and the Playwright end-to-end tests in Debian chromium
# against it.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh
start=$(date +%s)
step() { printf '\n\033[1;35m== %s\033[0m (%ss)\n' "$*" "$(( $(date +%s) - start ))"; }
logs="$(mktemp -d)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp" "$logs"' EXIT

# the release profile and LEPTOS_* values cargo-leptos compiles with, so the tests and
# the site build share one build of the dependencies
CHECK_LOG="$logs/cargo.log" bash scripts/check.sh

step "cargo clippy (the browser build)"
cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings

step "pricing parity: the engine's test vectors in wasm32 (the browser's build)"
bash scripts/wasm-parity.sh

step "cargo leptos build --release --split (seller and admin pages in their own wasm chunks)"
cargo leptos build --release --split

step "playwright end-to-end"
E2E_PORT="$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
export E2E_PORT
export E2E_SERVER_BIN="$CARGO_TARGET_DIR/release/server"
export E2E_DATABASE_URL="surrealkv://$tmp/e2e.db"
export E2E_SITE_ROOT="target/site"
npx playwright test --config end2end/playwright.config.ts 2>&1 | tee "$logs/e2e.log"

step "all checks passed"
rust=$(awk '/^test result: ok\./ {n += $4} END {print n+0}' "$logs/cargo.log")
e2e=$(sed 's/\x1b\[[0-9;]*m//g' "$logs/e2e.log" | awk '$2 == "passed" && $1 ~ /^[0-9]+$/ {n = $1} END {print n+0}')
echo "rust tests: $rust passed, browser tests: $e2e passed"
echo "all: $((rust + e2e)) passed, 0 failed"
