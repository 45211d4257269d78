#!/bin/sh
# SSH node pool timings with hyperfine (docs/performance.md, "SSH node pools"):
#   sky ssh up of the pool's hosts, and sky exec on an UP pool cluster to the first output line.
# Needs a SKY_HOME whose ssh_node_pools.yaml lists the pool, and a cluster launched there:
#   SKY_HOME=/tmp/b sky ssh up --infra lab && SKY_HOME=/tmp/b sky launch -c bench -y --infra ssh/lab 'true'
# Usage: SKY_HOME=... bench/ssh/run.sh POOL CLUSTER
set -eu
pool=${1:?usage: run.sh POOL CLUSTER}
cluster=${2:?usage: run.sh POOL CLUSTER}
sky=${SKY:-$(cd "$(dirname "$0")/../.." && pwd)/sky-cli/target/sky/bin/sky}
: "${SKY_HOME:?set SKY_HOME to the installation that knows the pool}"
export SKY_HOME
hyperfine --warmup 1 --runs "${RUNS:-10}" \
  -n "sky ssh up --infra $pool" "$sky ssh up --infra $pool" \
  -n "sky exec $cluster (first line)" "$sky exec $cluster 'echo first' | grep -m1 first"
