#!/usr/bin/env bash
# Storage upload benchmark: the upload alone, FILES files / TOTAL_MB into s3proxy (filesystem backend, loopback).
#   1. `rclone copy --transfers 16` of the data into one bucket, then the same copy again with nothing changed;
#   2. sky's bucket uploader (bench/storage/UploadBench.java on the built jars, 16 parallel PUTs) into another
#      bucket: the first upload, then a no-change upload in the same JVM;
#   3. a no-change upload in a new JVM, as the next `sky launch` would do it (its checksum cache and upload manifest
#      are on disk). The no-change rounds trust the manifest; SKY_STORAGE_RELIST=1 times the listing path instead.
# Figures: docs/performance.md ("Storage"). The data is generated under a temp folder and deleted at the end.
# Usage: bench/storage/upload.sh [FILES] [TOTAL_MB]
# Needs: the distribution (mvn -o package -pl sky-cli), sky-testing/s3proxy/target/s3proxy.classpath
# (mvn -o install -pl sky-testing/s3proxy), rclone, python3, bc. Disk: about 3 x TOTAL_MB under $TMPDIR.
set -euo pipefail
cd "$(dirname "$0")/../.."
files=${1:-10000}
total_mb=${2:-1024}
need=$((total_mb * 3 + 200))
avail=$(df -Pm "${TMPDIR:-/tmp}" | awk 'NR==2 {print $4}')
if [ "$avail" -lt "$need" ]; then
  echo "upload.sh: $avail MB free under ${TMPDIR:-/tmp}, need about $need MB; pass a smaller TOTAL_MB" >&2
  exit 2
fi
work=$(mktemp -d)
s3pid=
cleanup() { [ -n "$s3pid" ] && kill "$s3pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
now() { date +%s.%N; }
secs() { printf '%.2f' "$(echo "$2 - $1" | bc)"; }

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
printf '[r]\ntype = s3\nprovider = Other\nenv_auth = false\naccess_key_id = bench\nsecret_access_key = bench-secret\nendpoint = http://127.0.0.1:%s\nregion = us-east-1\n' \
  "$port" >"$work/rclone.conf"

# The data: FILES files of random bytes in 100 folders, TOTAL_MB in all.
per=$((total_mb * 1024 * 1024 / files))
head -c $((per * files)) /dev/urandom | split -a 5 -d -b "$per" - "$work/data/f"
i=0
for f in "$work"/data/f*; do d="$work/data/d$((i % 100))"; mkdir -p "$d"; mv "$f" "$d/"; i=$((i + 1)); done
cat "$work"/data/*/* >/dev/null # both tools then read from the page cache
for _ in $(seq 120); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.5; done

echo "data: $files files, $total_mb MB; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
rc() { env -u AWS_CA_BUNDLE rclone --config "$work/rclone.conf" "$@"; }
rc mkdir r:rclone-bench
t0=$(now); rc copy --transfers 16 "$work/data" r:rclone-bench; t1=$(now)
echo "rclone copy (first): $(secs "$t0" "$t1") s, $(echo "scale=1; $total_mb / ($t1 - $t0)" | bc) MB/s"
t0=$(now); rc copy --transfers 16 "$work/data" r:rclone-bench; t1=$(now)
echo "rclone copy (nothing changed): $(secs "$t0" "$t1") s"

javac -d "$work/classes" -cp 'sky-cli/target/sky/lib/*' bench/storage/UploadBench.java
# The JVM flags bin/sky uses.
bench() { SKY_HOME=$work/sky HOME=$work/home AWS_EC2_METADATA_DISABLED=true java -XX:TieredStopAtLevel=1 \
  -XX:+UseSerialGC -cp "$work/classes:sky-cli/target/sky/lib/*" UploadBench "$@"; }
echo "sky uploader (first, then nothing changed in the same JVM):"
bench "$work/data" sky-bench 2 | sed 's/^/  /'
echo "sky uploader (nothing changed, new JVM, as the next launch would run it):"
t0=$(now); bench "$work/data" sky-bench 1 | sed 's/^/  /'; t1=$(now)
echo "  wall: $(secs "$t0" "$t1") s"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
