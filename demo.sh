#!/usr/bin/env bash
# The main job: a real Elasticsearch node with the ingest-netblock plugin annotating sample attack logs.
set -euo pipefail
cd "$(dirname "$0")"
echo "demo: not yet - the plugin (issue 'ingest-plugin') and the end-to-end harness are still to come." >&2
echo "      Run ./test.sh for the tests of what exists." >&2
exit 2
