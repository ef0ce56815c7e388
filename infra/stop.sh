#!/usr/bin/env bash
# Stops the local services started by run.sh / test.sh.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"

# Try both even if the first fails, so one broken service doesn't keep the other running.
rc=0
"$here/rabbitmq.sh" stop || rc=1
"$here/postgres.sh" stop || rc=1
exit "$rc"
