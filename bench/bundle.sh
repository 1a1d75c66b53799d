#!/usr/bin/env bash
# What a shopper's browser downloads: the main wasm bundle with and without splitting
# the seller centre and admin pages into lazy chunks (`cargo leptos build --split`),
# raw and gzip -9 sizes, the split figures as ratios to the unsplit build made in the
# same run. Ends with the split build in target/site, as scripts/serve.sh leaves it.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh
PKG=target/site/pkg
size() { stat -c %s "$1"; }
gz() { gzip -9c "$1" | wc -c; }

cargo leptos build --release >/dev/null 2>&1
base_raw=$(size $PKG/marketplace.wasm); base_gz=$(gz $PKG/marketplace.wasm)

cargo leptos build --release --split >/dev/null 2>&1
main_raw=$(size $PKG/marketplace.wasm); main_gz=$(gz $PKG/marketplace.wasm)
printf '%-44s %10s %10s\n' "" "raw bytes" "gzip -9"
printf '%-44s %10d %10d\n' "unsplit bundle (baseline)" "$base_raw" "$base_gz"
printf '%-44s %10d %10d   (%.2f× / %.2f× of baseline)\n' "split: main bundle (every page)" \
  "$main_raw" "$main_gz" "$(awk "BEGIN{print $main_raw/$base_raw}")" "$(awk "BEGIN{print $main_gz/$base_gz}")"
for f in $PKG/split___lazy_*.wasm; do
  name=$(basename "$f" .wasm | sed -E 's/^split___lazy_//; s/_view_[0-9]+$//')
  printf '%-44s %10d %10d\n' "  chunk: $name" "$(size "$f")" "$(gz "$f")"
done
shared=0; for f in $PKG/chunk_*.wasm; do shared=$((shared + $(size "$f"))); done
printf '%-44s %10d\n' "  shared chunks ($(ls $PKG/chunk_*.wasm | wc -l) files, raw total)" "$shared"
