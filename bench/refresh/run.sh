#!/usr/bin/env bash
# sky status --refresh of 30 AWS clusters against the EC2 emulator (aws test-jar), through the packaged CLI.
# Build first: mvn -q -o install -DskipTests (the dist and the aws test-jar).
# Usage: bench/refresh/run.sh [CLUSTERS] [RUNS]
set -euo pipefail
CLUSTERS=${1:-30}
RUNS=${2:-5}
REPO=$(cd "$(dirname "$0")/../.." && pwd)
CP_FILE=$(mktemp)
trap 'rm -f "$CP_FILE"' EXIT
(cd "$REPO" && mvn -q -o dependency:build-classpath -pl sky-cli -Dmdep.includeScope=test \
  -Dmdep.outputFile="$CP_FILE" >/dev/null)
AWS_EC2_METADATA_DISABLED=true java -cp "$(cat "$CP_FILE")" "$REPO/bench/refresh/RefreshBench.java" \
  "$REPO/sky-cli/target/sky/bin/sky" "$CLUSTERS" "$RUNS"
