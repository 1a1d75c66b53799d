#!/usr/bin/env bash
# The pricing engine: a 30-line cart from three shops with 20 promotions that apply to it,
# against the same cart with none (the baseline), interleaved in one process.
# Usage: bash bench/pricing.sh   (RUNS=20000)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh
RUNS="${RUNS:-20000}"
cargo build --release -p bench-fixtures
DATABASE_URL="mem://" RUST_LOG=warn "$CARGO_TARGET_DIR/release/bench-fixtures" bench-pricing --runs "$RUNS"
