#!/bin/sh
# axe-core, the accessibility checker the browser tests run in each page, from the npm registry.
# Pinned; installed once into .cache/axe (git ignores it). Never fatal here: under CI a missing axe
# fails the accessibility tests (a skip is a failure there), so the reason shows where it matters.
AXE_VERSION=4.14.1
DIR="$(dirname "$0")/../.cache/axe"
[ -f "$DIR/node_modules/axe-core/axe.min.js" ] && exit 0
if ! command -v npm >/dev/null 2>&1; then
    echo "ensure_axe: npm is missing; the accessibility tests will not run" >&2
    exit 0
fi
mkdir -p "$DIR"
npm install --prefix "$DIR" --no-audit --no-fund --silent "axe-core@$AXE_VERSION" >/dev/null 2>&1 \
    || echo "ensure_axe: npm could not install axe-core@$AXE_VERSION" >&2
exit 0
