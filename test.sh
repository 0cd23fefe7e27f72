#!/usr/bin/env bash
# Runs every test of every module (the README's test command). Benchmarks are not run here.
# The Elasticsearch 9.3 and OpenSearch 3.3 adapters are compiled, and their test nodes run, by a JDK 21+
# (the root pom's es9.java.home): unless the command line gives -Des9.java.home=..., it is found as .ci/run
# finds it, by `.ci/tools --print-jdk21` ($ES9_JAVA_HOME, /usr/lib/jvm/temurin-25-jdk-amd64, any JDK 21+
# under /usr/lib/jvm). Nothing is installed here (.ci/tools does that).
set -euo pipefail
cd "$(dirname "$0")"
jdk21=()
given=false
for a in "$@"; do
  case $a in -Des9.java.home=*) given=true;; esac
done
if ! $given; then
  if ! home="$(.ci/tools --print-jdk21)"; then
    echo "no JDK 21 or newer found (ES9_JAVA_HOME, /usr/lib/jvm/temurin-25-jdk-amd64, /usr/lib/jvm/*):" \
      "the Elasticsearch 9.3 and OpenSearch 3.3 adapters need one to compile and their nodes need one to run;" \
      "set ES9_JAVA_HOME, pass -Des9.java.home=/path/to/jdk, or run .ci/tools as root to install one" >&2
    exit 1
  fi
  jdk21=("-Des9.java.home=$home")
fi
exec mvn -B -ntp verify ${jdk21[@]+"${jdk21[@]}"} "$@"
