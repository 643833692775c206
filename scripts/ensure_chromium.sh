#!/bin/sh
# Debian's chromium for the browser tests: Playwright cannot download its own browser here.
# Quiet and never fatal: when chromium cannot be installed, the browser tests skip and say why.
command -v chromium >/dev/null 2>&1 && exit 0
if [ "$(id -u)" != 0 ]; then
    echo "ensure_chromium: chromium is missing and installing it needs root (apt-get install chromium)" >&2
    exit 0
fi
if ! (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null 2>&1; then
    echo "ensure_chromium: apt-get could not install chromium; the browser tests will be skipped" >&2
fi
exit 0
