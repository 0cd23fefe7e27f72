#!/usr/bin/env bash
# Bulk throughput of one real Elasticsearch node through the empty pipeline, the project's default
# netblock pipeline and a two-property one, in alternating rounds (see benchmarks/README.md,
# "Cost at ingest"). Extra arguments go to Maven, e.g. -Dnetblock.bench.rounds=7, or
# -Dnetblock.bench.pin=true to run the node and this client on CPUs of their own.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q install -DskipTests -Des9.java.home="$(.ci/tools --print-jdk21)"   # the 9.3 and OpenSearch adapters need a JDK 21+
exec mvn -B -ntp -q -pl integration-tests exec:java@ingest-throughput "$@"
