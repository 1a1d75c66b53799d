#!/usr/bin/env bash
# The fast lane for the edit–test loop: formatting, clippy, and the Rust unit, property
# and integration tests (the layering checks among them), without the site build and
# the browser tests. `scripts/test.sh` runs all of this and those too.
#   bash scripts/check.sh              # everything above
#   bash scripts/check.sh reviews      # only tests whose names contain "reviews"
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh --rust-only
start=$(date +%s)
step() { printf '\n\033[1;35m== %s\033[0m (%ss)\n' "$*" "$(( $(date +%s) - start ))"; }

step "cargo fmt --check, leptosfmt --check"
cargo fmt --all --check
leptosfmt --check app/src frontend/src >/dev/null

step "cargo clippy (server and tests)"
cargo clippy --workspace --all-targets -- -D warnings

step "cargo test (release profile, shares the site build's artifacts)"
cargo test --workspace --exclude bench-fixtures --release -- "$@" 2>&1 | tee "${CHECK_LOG:-/dev/null}"
step "fast lane passed"
