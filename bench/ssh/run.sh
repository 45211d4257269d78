#!/bin/sh
# SSH node pool timings with hyperfine (docs/performance.md, "SSH node pools"). Self-contained: starts two real
# OpenSSH servers on loopback (127.78.200.1-2, high ports, own host keys) as the hosts of a pool, writes the pool,
# runs `sky ssh up`, launches a 2-node cluster there, then times
#   - `sky exec` on that UP cluster, to its first output line (the job's echo),
#   - `sky ssh up` of the 2 hosts,
# and cleans everything up (sky down, the sshd processes, the temp folder) even when interrupted.
#
# The hosts log in the current user, with HOME pointed at a temp folder (sshd's SetEnv), so that neither the real
# ~/.sky nor ~/.ssh/authorized_keys is touched. Sky itself runs with a temp SKY_HOME and HOME.
# Needs: the packaged dist (mvn -o package -pl sky-cli -DskipTests), /usr/sbin/sshd, ssh-keygen, hyperfine.
# Usage: bench/ssh/run.sh [hyperfine options...]   (RUNS=n, default 10; SKY=path to bin/sky)
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
sky=${SKY:-$root/sky-cli/target/sky/bin/sky}
sshd=${SSHD:-/usr/sbin/sshd}
[ -x "$sky" ] || { echo "run.sh: no $sky; run: mvn -o package -pl sky-cli -DskipTests" >&2; exit 2; }
[ -x "$sshd" ] || { echo "run.sh: no $sshd; install openssh-server" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "run.sh: hyperfine is not on the PATH" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/sky-ssh-bench.XXXXXX")
export SKY_HOME="$work/sky-home" HOME="$work/laptop" AWS_EC2_METADATA_DISABLED=true NO_GCE_CHECK=true
mkdir -p "$SKY_HOME" "$HOME" "$work/node-home"
user=$(id -un)
pids=

cleanup() {
  "$sky" down -y bench >/dev/null 2>&1 || true
  for p in $pids; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ssh-keygen -q -t ed25519 -N '' -C bench -f "$work/pool_key"
cp "$work/pool_key.pub" "$work/authorized_keys"
printf 'bench:\n  user: %s\n  identity_file: %s\n  hosts:\n' "$user" "$work/pool_key" >"$SKY_HOME/ssh_node_pools.yaml"

# A free port on ADDRESS: sshd itself tells (it exits at once when the port is taken).
start_host() {
  addr=$1 i=$2
  ssh-keygen -q -t ed25519 -N '' -f "$work/host$i.key"
  for try in 1 2 3 4 5 6 7 8; do
    port=$(awk -v s="$$$try$i" 'BEGIN { srand(s); print 20000 + int(rand() * 40000) }')
    cat >"$work/sshd$i.conf" <<EOF
ListenAddress $addr:$port
HostKey $work/host$i.key
PidFile $work/sshd$i.pid
UsePAM no
StrictModes no
AuthorizedKeysFile $work/authorized_keys $work/node-home/.ssh/authorized_keys
SetEnv HOME=$work/node-home
PasswordAuthentication no
KbdInteractiveAuthentication no
AllowUsers $user
MaxStartups 100
MaxSessions 50
LogLevel ERROR
EOF
    "$sshd" -D -e -f "$work/sshd$i.conf" 2>"$work/sshd$i.log" &
    pid=$!
    n=0
    while [ $n -lt 50 ] && kill -0 "$pid" 2>/dev/null && ! grep -q . "$work/sshd$i.pid" 2>/dev/null; do
      sleep 0.1
      n=$((n + 1))
    done
    if kill -0 "$pid" 2>/dev/null; then
      pids="$pids $pid"
      printf '    - ip: %s\n      port: %s\n' "$addr" "$port" >>"$SKY_HOME/ssh_node_pools.yaml"
      return 0
    fi
  done
  echo "run.sh: sshd on $addr did not start; see $work/sshd$i.log" >&2
  cat "$work/sshd$i.log" >&2
  exit 1
}
[ "$(id -u)" = 0 ] && mkdir -p -m 0755 /run/sshd
start_host 127.78.200.1 1
start_host 127.78.200.2 2

"$sky" ssh up --infra bench
"$sky" launch -c bench -y --infra ssh/bench --num-nodes 2 'echo ready-$SKYPILOT_NODE_RANK'

hyperfine --warmup 1 --runs "${RUNS:-10}" "$@" \
  -n "sky exec bench (first output line)" "$sky exec bench 'echo first' | grep -m1 first" \
  -n "sky ssh up --infra bench (2 hosts)" "$sky ssh up --infra bench"
