#!/usr/bin/env bash
# Builds the site (SSR server, hydrated wasm, CSS), migrates, seeds the demo
# marketplace on the first run, and serves it on http://127.0.0.1:3000 (SITE_ADDR to
# change). With DATABASE_URL set (a real deployment) nothing is seeded unless DEMO=1:
# create the first administrator with `server create-admin EMAIL` instead. Mail goes
# to SMTP_URL, or to a local MailDev (web inbox on http://127.0.0.1:1080).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh
cargo leptos build --release --split
export LEPTOS_SITE_ROOT="${LEPTOS_SITE_ROOT:-target/site}"
demo=--demo
if [ -n "${DATABASE_URL:-}" ] && [ "${DEMO:-0}" != 1 ]; then demo=; fi
# mail: without SMTP_URL the demo sends to a local MailDev, whose inbox is
# http://127.0.0.1:1080 (started here unless one already answers)
if [ -z "${SMTP_URL:-}" ]; then
  if ! (exec 3<>/dev/tcp/127.0.0.1/1025) 2>/dev/null; then
    maildev --smtp 1025 --web 1080 --ip 127.0.0.1 --web-ip 127.0.0.1 --silent &
  fi
  export SMTP_URL=smtp://127.0.0.1:1025
fi
exec "$CARGO_TARGET_DIR/release/server" serve $demo "$@"
