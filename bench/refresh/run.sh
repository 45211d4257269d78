#!/usr/bin/env bash
# sky status --refresh of 30 AWS clusters against the EC2 emulator (aws test classes), through the packaged CLI.
# Build first, in this clone (no install): mvn -q -o verify -pl sky-cli -am -DskipTests
# The bench's classpath takes sky's own modules from this clone's target/ folders, the rest from ~/.m2.
# Usage: bench/refresh/run.sh [CLUSTERS] [RUNS]
set -euo pipefail
CLUSTERS=${1:-30}
RUNS=${2:-5}
REPO=$(cd "$(dirname "$0")/../.." && pwd)
CP_FILE=$(mktemp)
trap 'rm -f "$CP_FILE"' EXIT
(cd "$REPO" && mvn -q -o dependency:build-classpath -pl sky-cli -Dmdep.includeScope=test \
  -Dmdep.outputFile="$CP_FILE" >/dev/null)
CP=""
IFS=":" read -ra ENTRIES < "$CP_FILE" || true  # no newline at the end: read says EOF
for e in "${ENTRIES[@]}"; do
  name=$(basename "$e")
  if [[ "$e" == */dev/sky/* && "$name" == *.jar ]]; then
    artifact=${name%%-0.*}
    case "$artifact" in
      sky-cloud-*) module="sky-clouds/${artifact#sky-cloud-}" ;;
      *) module="$artifact" ;;
    esac
    if [[ "$name" == *-tests.jar ]]; then e="$REPO/$module/target/test-classes"; else e="$REPO/$module/target/classes"; fi
  fi
  CP="${CP:+$CP:}$e"
done
AWS_EC2_METADATA_DISABLED=true java -cp "$CP" "$REPO/bench/refresh/RefreshBench.java" \
  "$REPO/sky-cli/target/sky/bin/sky" "$CLUSTERS" "$RUNS"
