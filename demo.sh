#!/usr/bin/env bash
# The main job: builds the project, starts a real Elasticsearch 8.19.21 node with the ingest-netblock
# plugin and its bundled database, loads a sample scanner access log through the netblock pipeline
# and prints where the attacks came from. The node keeps running; the output says how to stop it.
# .ci/tools checks for (and, as root, installs) the JDK 17, Maven and the JDK 21+ the build needs; the
# JDK 21+ compiles the Elasticsearch 9.3 and OpenSearch 3.3 adapters and is found as .ci/run finds it.
set -euo pipefail
cd "$(dirname "$0")"
.ci/tools
mvn -B -ntp -q install -DskipTests -Des9.java.home="$(.ci/tools --print-jdk21)"
exec mvn -B -ntp -q -pl integration-tests exec:java@demo
