#!/usr/bin/env bash
# The store tests run against a real PostgreSQL server that the tests start themselves;
# this only makes sure Debian's PostgreSQL binaries are on the machine.
set -euo pipefail
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "PostgreSQL is not installed: run 'sudo apt-get install -y postgresql' and retry" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq postgresql >/dev/null
