#!/usr/bin/env bash
# The Spark tests run a real local Spark, which needs Java 17+; install Debian's JRE when it is missing.
set -euo pipefail
if command -v java >/dev/null 2>&1; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq openjdk-17-jre-headless >/dev/null
command -v java
