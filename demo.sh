#!/usr/bin/env bash
# The main job: builds the project, starts a real Elasticsearch 8.19.21 node with the ingest-netblock
# plugin and its bundled database, loads a sample scanner access log through the netblock pipeline
# and prints where the attacks came from. The node keeps running; the output says how to stop it.
set -euo pipefail
cd "$(dirname "$0")"
.ci/tools
mvn -B -ntp -q install -DskipTests
exec mvn -B -ntp -q -pl integration-tests exec:java@demo
