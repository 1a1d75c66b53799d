#!/usr/bin/env bash
# The longer runs the test command keeps short: the model-based money and listing tests
# with many random sequences (MODEL_CASES × MODEL_STEPS; a failing seed replays with MODEL_SEED).
#   bash scripts/nightly.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh --rust-only
MODEL_CASES="${MODEL_CASES:-100}" MODEL_STEPS="${MODEL_STEPS:-60}" \
  cargo test -p integration --release -- stripe::model moderation::model --nocapture
