#!/usr/bin/env bash
# Install a Debian package when its command is missing (CI machines start without them).
# Usage: ensure-apt.sh COMMAND PACKAGE   e.g. ensure-apt.sh chromium chromium
set -euo pipefail
cmd="$1" pkg="$2"
if command -v "$cmd" >/dev/null 2>&1; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$pkg" >/dev/null
command -v "$cmd"
