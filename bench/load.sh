#!/usr/bin/env bash
# The stress run: 100 concurrent clients creating, attaching, typing, detaching, renaming, listing
# and killing sessions for SECONDS (default 60) against one daemon, with invariants checked at the
# end; it prints the slowest request of each kind, and a watchdog dumps the daemon's threads if a
# request waits 30 s. On demand; CI runs the same test for 15 s as part of mvn verify.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests install
mvn -B verify -pl scarab-client -Dtest=LoadIT -Dsurefire.failIfNoSpecifiedTests=false \
  -Dscarab.load.seconds="${1:-60}" | grep -E "Tests run|FAIL|load:" || true
grep -h "load:" scarab-client/target/surefire-reports/*LoadIT-output.txt
