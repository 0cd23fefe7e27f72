#!/usr/bin/env bash
# Runs the netblock-loader command line (building it first when needed): ./netblock-loader.sh --help
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/netblock-loader/target/netblock-loader-0.1.0-SNAPSHOT-cli.jar"
if [ ! -f "$jar" ]; then
  (cd "$here" && mvn -B -ntp -q -pl netblock-loader -am install -DskipTests >&2)
fi
exec java -jar "$jar" "$@"
