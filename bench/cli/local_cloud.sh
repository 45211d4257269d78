#!/usr/bin/env bash
# Whole-command timings on the local cloud (hyperfine medians). Figures go to docs/performance.md.
# Usage: bench/cli/local_cloud.sh   (needs hyperfine and sqlite3; builds the distribution if needed)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
sky="$root/sky-cli/target/sky/bin/sky"
[ -x "$sky" ] || (cd "$root" && mvn -q package -Dmaven.test.skip=true -pl sky-cli -am)
export AWS_EC2_METADATA_DISABLED=true NO_GCE_CHECK=true
work=$(mktemp -d)
export SKY_HOME="$work/home"
cleanup() { "$sky" down -y -a >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
cd "$root"
runs=${RUNS:-10}

echo "== hello.yaml on a new local cluster, end to end (launch + the job), then down (not timed)"
hyperfine -N --runs "$runs" --export-markdown "$work/hello.md" \
  --cleanup "$sky down -y hello-bench" \
  "$sky launch -y -c hello-bench examples/hello.yaml"

echo "== sky exec on an UP cluster (whole command; the job's first line comes just before the end)"
"$sky" launch -y -c exec-bench -- true >/dev/null 2>&1
hyperfine -N --warmup 1 --runs "$runs" --export-markdown "$work/exec.md" "$sky exec exec-bench -- echo first-line"

echo "== sky status with 20 clusters"
db="$SKY_HOME/state.db"
for i in $(seq 1 19); do
  sqlite3 "$db" "INSERT INTO clusters (name, status, cloud, region, zone, num_nodes, resources_json, handle_json,
    autostop_json, launched_at, status_updated_at, owner_pid, owner_op) SELECT 'fake$i', 'STOPPED', cloud, region,
    zone, num_nodes, resources_json, handle_json, NULL, launched_at, status_updated_at, NULL, NULL FROM clusters
    WHERE name = 'exec-bench';"
done
hyperfine -N --warmup 2 --runs "$runs" --export-markdown "$work/status.md" "$sky status"
sqlite3 "$db" "DELETE FROM clusters WHERE name LIKE 'fake%';"
"$sky" down -y exec-bench >/dev/null

echo "== launching 1 node vs 8 nodes"
hyperfine -N --runs "${NODE_RUNS:-3}" --export-markdown "$work/nodes.md" \
  --cleanup "$sky down -y -a" \
  "$sky launch -y -c n1 --num-nodes 1 -- true" \
  "$sky launch -y -c n8 --num-nodes 8 -- true"

cat "$work"/*.md
