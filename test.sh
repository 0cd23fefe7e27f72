#!/usr/bin/env bash
# Runs every test of every module (the README's test command). Benchmarks are not run here.
set -euo pipefail
cd "$(dirname "$0")"
exec mvn -B -ntp verify "$@"
