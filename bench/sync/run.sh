#!/usr/bin/env bash
# Sync benchmark: 10,000 files / 100 MB, sky's TreeSync vs `rsync -a` over ssh, both to one OpenSSH sshd on
# loopback. Needs rsync, openssh-server, openssh-client (apt-get install -y rsync openssh-server). Builds nothing:
# run `mvn -q -o install -pl sky-core,sky-optimizer -DskipTests && mvn -q -o compile -pl sky-provision` first.
# Usage: bench/sync/run.sh [FILES] [BYTES_PER_FILE]
set -euo pipefail
FILES=${1:-10000}
SIZE=${2:-10240}
REPO=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d /tmp/sky-sync-bench.XXXXXX)
PORT=${SKY_BENCH_PORT:-22990}
USER_NAME=$(id -un)
SSHD_PID=
cleanup() { [ -n "$SSHD_PID" ] && kill "$SSHD_PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

for tool in rsync ssh ssh-keygen /usr/sbin/sshd; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install -y rsync openssh-server)"; exit 1; }
done

echo "== making $FILES files of $SIZE bytes under $WORK/src"
mkdir -p "$WORK/src"
per_dir=100
dirs=$(( (FILES + per_dir - 1) / per_dir ))
for d in $(seq 0 $((dirs - 1))); do
  mkdir -p "$WORK/src/d$d"
  head -c $((per_dir * SIZE)) /dev/urandom | split -b "$SIZE" -d -a 3 - "$WORK/src/d$d/f"
done

echo "== starting sshd on 127.0.0.1:$PORT"
ssh-keygen -q -t ed25519 -N '' -f "$WORK/host_key"
ssh-keygen -q -t ed25519 -N '' -f "$WORK/id"
cp "$WORK/id.pub" "$WORK/authorized_keys"
chmod 600 "$WORK/authorized_keys"
echo "[127.0.0.1]:$PORT $(cut -d' ' -f1,2 "$WORK/host_key.pub")" > "$WORK/known_hosts"
cat > "$WORK/sshd_config" <<CONF
ListenAddress 127.0.0.1
Port $PORT
HostKey $WORK/host_key
AuthorizedKeysFile $WORK/authorized_keys
PidFile $WORK/sshd.pid
StrictModes no
UsePAM no
PermitRootLogin prohibit-password
PasswordAuthentication no
CONF
mkdir -p /run/sshd 2>/dev/null || true
/usr/sbin/sshd -D -e -f "$WORK/sshd_config" 2>"$WORK/sshd.log" &
SSHD_PID=$!
for _ in $(seq 50); do ssh -q -o BatchMode=yes -o UserKnownHostsFile="$WORK/known_hosts" -i "$WORK/id" -p "$PORT" "$USER_NAME@127.0.0.1" true && break; sleep 0.1; done

SSH="ssh -o BatchMode=yes -o UserKnownHostsFile=$WORK/known_hosts -i $WORK/id -p $PORT"
now() { date +%s%N; }
ms() { echo $(( ($2 - $1) / 1000000 )); }

echo "== rsync -a over ssh"
t0=$(now); rsync -a -e "$SSH" "$WORK/src/" "$USER_NAME@127.0.0.1:$WORK/dst-rsync/"; t1=$(now)
rsync -a -e "$SSH" "$WORK/src/" "$USER_NAME@127.0.0.1:$WORK/dst-rsync/"; t2=$(now)
echo "rsync-first            $(ms "$t0" "$t1") ms"
echo "rsync-nothing-changed  $(ms "$t1" "$t2") ms"

echo "== sky TreeSync (sshj) in one JVM"
if [ -n "${SKY_BENCH_CP:-}" ]; then
  CP=$SKY_BENCH_CP
else
  CP_FILE="$WORK/cp.txt"
  (cd "$REPO" && mvn -q -o dependency:build-classpath -pl sky-provision -Dmdep.outputFile="$CP_FILE" >/dev/null)
  CP="$REPO/sky-provision/target/classes:$(cat "$CP_FILE")"
fi
java -cp "$CP" "$REPO/bench/sync/SyncBench.java" 127.0.0.1 "$PORT" "$USER_NAME" "$WORK/id" "$WORK/known_hosts" \
  "$WORK/src" "$WORK/dst-sky" "$WORK/sky-home"
echo "== sky TreeSync, nothing changed, fresh JVM (includes JVM start and SSH connect)"
t0=$(now)
java -cp "$CP" "$REPO/bench/sync/SyncBench.java" 127.0.0.1 "$PORT" "$USER_NAME" "$WORK/id" "$WORK/known_hosts" \
  "$WORK/src" "$WORK/dst-sky" "$WORK/sky-home" noop
t1=$(now)
echo "process-wall           $(ms "$t0" "$t1") ms (source launcher compiles SyncBench.java first)"
diff -r "$WORK/dst-rsync" "$WORK/dst-sky" >/dev/null && echo "== trees identical" || { echo "== trees differ"; exit 1; }
