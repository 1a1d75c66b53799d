#!/usr/bin/env bash
# Idempotent set-up for a fresh Debian machine with rustup (Rust 1.95) and Node 20.
# Installs only what is missing, from the package registries: the wasm target,
# cargo-leptos, wasm-bindgen-cli (the exact version in Cargo.lock), npm packages
# (Tailwind CLI, binaryen's wasm-opt, Playwright, MailDev), Debian chromium and CJK fonts.
# Source it (`. scripts/setup.sh`) so PATH and CARGO_TARGET_DIR carry over;
# `. scripts/setup.sh --rust-only` installs only what the Rust checks need (the fast lane).

set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"
# One target dir outside the clone, so every fresh clone builds incrementally.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/marketplace-target}"
mkdir -p "$CARGO_TARGET_DIR"
# cargo-leptos compiles with this set; setting it for every cargo command keeps the
# leptos crates from being rebuilt between `cargo leptos build`, tests and clippy.
export LEPTOS_OUTPUT_NAME=marketplace

say() { printf '\033[1;36m[setup]\033[0m %s\n' "$*"; }

# the view-macro formatter, checked with rustfmt
if ! leptosfmt --version 2>/dev/null | grep -q '0\.1\.33'; then
  say "installing leptosfmt 0.1.33"
  cargo install leptosfmt --version 0.1.33 --locked
fi

# npm packages, the integration tests' mail server (MailDev) among them
if [ ! -x "$ROOT/node_modules/.bin/playwright" ] || [ ! -x "$ROOT/node_modules/.bin/wasm-opt" ] \
   || [ ! -x "$ROOT/node_modules/.bin/maildev" ] || [ "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]; then
  say "npm ci"
  (cd "$ROOT" && npm ci --no-audit --no-fund)
fi

if [ "${1:-}" = "--rust-only" ]; then
  return 0 2>/dev/null || exit 0
fi

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding rustup target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if ! cargo leptos --version 2>/dev/null | grep -q '0\.3\.10'; then
  say "installing cargo-leptos 0.3.10 (about 17 minutes on 2 cores, once)"
  cargo install cargo-leptos --version 0.3.10 --locked
fi

WBG_VERSION="$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/, ""); print; exit}' "$ROOT/Cargo.lock")"
if ! wasm-bindgen --version 2>/dev/null | grep -q "$WBG_VERSION"; then
  say "installing wasm-bindgen-cli $WBG_VERSION"
  # no --locked: its lockfile pins a webpki-roots release the registry no longer has
  cargo install wasm-bindgen-cli --version "$WBG_VERSION" --force
fi


need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need_apt+=(fonts-noto-cjk)
if [ ${#need_apt[@]} -gt 0 ]; then
  say "apt-get install ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}"
fi
