#!/usr/bin/env bash
# Storage upload benchmark: 10,000 files / 1 GB into s3proxy with `sky launch` (a COPY storage mount) beside
# `rclone copy` of the same data, then the same launch again with nothing changed. Figures: docs/performance.md.
# Usage: bench/storage/upload.sh [FILES] [TOTAL_MB]   (needs the built distribution and sky-testing/s3proxy)
set -euo pipefail
cd "$(dirname "$0")/../.."
files=${1:-10000}
total_mb=${2:-1024}
work=$(mktemp -d)
trap 'kill "$s3pid" 2>/dev/null || true; SKY_HOME=$work/sky HOME=$work/home sky-cli/target/sky/bin/sky down -y -a >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$work/data" "$work/s3" "$work/home/.aws" "$work/sky"
cat >"$work/s3.properties" <<P
s3proxy.endpoint=http://127.0.0.1:$port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=bench
s3proxy.credential=bench-secret
jclouds.provider=filesystem
jclouds.filesystem.basedir=$work/s3
P
java -cp "$(cat sky-testing/s3proxy/target/s3proxy.classpath)" org.gaul.s3proxy.Main --properties "$work/s3.properties" \
  >"$work/s3.log" 2>&1 &
s3pid=$!
printf '[default]\naws_access_key_id = bench\naws_secret_access_key = bench-secret\n' >"$work/home/.aws/credentials"
printf 'aws:\n  s3:\n    endpoint: http://127.0.0.1:%s\n' "$port" >"$work/sky/config.yaml"
# The data: FILES files in 100 folders, TOTAL_MB in all, random bytes (generated here, never committed).
per=$((total_mb * 1024 * 1024 / files))
head -c $((per * files)) /dev/urandom | split -a 5 -d -b "$per" - "$work/data/f"
i=0
for f in "$work"/data/f*; do d="$work/data/d$((i % 100))"; mkdir -p "$d"; mv "$f" "$d/"; i=$((i + 1)); done
for _ in $(seq 60); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.5; done
cat >"$work/task.yaml" <<T
file_mounts:
  ~/data:
    name: sky-bench-upload
    source: $work/data
    mode: COPY
T
export SKY_HOME=$work/sky HOME=$work/home
sky=sky-cli/target/sky/bin/sky
printf '[r]\ntype = s3\nprovider = Other\nenv_auth = false\naccess_key_id = bench\nsecret_access_key = bench-secret\nendpoint = http://127.0.0.1:%s\nregion = us-east-1\n' "$port" >"$work/rclone.conf"
rclone --config "$work/rclone.conf" mkdir r:rclone-bench
t0=$(date +%s.%N); env -u AWS_CA_BUNDLE rclone --config "$work/rclone.conf" copy --transfers 16 "$work/data" r:rclone-bench; t1=$(date +%s.%N)
echo "rclone copy: $(echo "$t1 - $t0" | bc) s"
# Upload only: the launch includes provisioning one local node; the upload line and its time come from the log.
t0=$(date +%s.%N); $sky launch -y -c bench --infra local "$work/task.yaml" >"$work/first.log" 2>&1; t1=$(date +%s.%N)
echo "sky launch (first, with upload): $(echo "$t1 - $t0" | bc) s"; grep -E "Uploading|sent" "$work/first.log" || true
t0=$(date +%s.%N); $sky launch -y -c bench --infra local "$work/task.yaml" >"$work/second.log" 2>&1; t1=$(date +%s.%N)
echo "sky launch (again, nothing changed): $(echo "$t1 - $t0" | bc) s"; grep -E "sent" "$work/second.log" || true
