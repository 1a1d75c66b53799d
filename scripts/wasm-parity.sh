#!/usr/bin/env bash
# The pricing engine's parity test (`domain/tests/parity.rs`) compiled to wasm32 and
# run by wasm-bindgen-test-runner on Node's V8: it must reach the same digest as the
# native run in the fast lane, so the browser shows what the server charges.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh  # the wasm32 target and wasm-bindgen-test-runner
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
cargo test -p domain --target wasm32-unknown-unknown --test parity
