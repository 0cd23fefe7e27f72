#!/usr/bin/env bash
# Reproduces benchmarks/README.md: builds the RIPE-scale synthetic database in a 2 GB heap, measures
# build, open and heap, then runs the JMH lookup benchmarks. Takes about 5 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -pl benchmarks -am install -DskipTests
mkdir -p benchmarks/data
java -Xmx2g -cp benchmarks/target/benchmarks.jar io.github.netblock.benchmarks.index.BuildAndOpen benchmarks/data/ripe-scale.nbdb
java -jar benchmarks/target/benchmarks.jar LookupBenchmark "$@"
