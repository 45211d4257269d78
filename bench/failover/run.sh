#!/usr/bin/env bash
# Failover benchmark: 10 failing spot zones, then one that works, against the EC2 emulator (aws test-jar) through the
# packaged CLI; prints sky's own overhead (wall time between the first and the successful RunInstances minus the
# emulator's injected latency). Build first: mvn -q -o install -DskipTests (the dist and the aws test-jar).
# Usage: bench/failover/run.sh [RUNS] [LATENCY_MS]
set -euo pipefail
RUNS=${1:-5}
LATENCY=${2:-200}
REPO=$(cd "$(dirname "$0")/../.." && pwd)
CP_FILE=$(mktemp)
trap 'rm -f "$CP_FILE"' EXIT
(cd "$REPO" && mvn -q -o dependency:build-classpath -pl sky-cli -Dmdep.includeScope=test \
  -Dmdep.outputFile="$CP_FILE" >/dev/null)
SKY="$REPO/sky-cli/target/sky/bin/sky"
# The 11 cheapest spot zones of the plan, in plan order.
TASK=$(mktemp --suffix=.yaml)
printf 'resources:\n  cpus: 2\n  use_spot: true\nrun: echo ok\n' > "$TASK"
ZONES=$(SKY_HOME=$(mktemp -d) AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=y "$SKY" launch --dryrun --json --all-clouds "$TASK" \
  | python3 -c 'import json,sys; c=json.load(sys.stdin)["tasks"][0]["candidates"]; z=[]
[z.append(x["zone"]) for x in c if x["cloud"]=="aws" and x["zone"] and x["zone"] not in z]; print(",".join(z[:11]))')
AWS_EC2_METADATA_DISABLED=true java -cp "$(cat "$CP_FILE")" "$REPO/bench/failover/FailoverBench.java" "$SKY" "$ZONES" "$RUNS" "$LATENCY"
