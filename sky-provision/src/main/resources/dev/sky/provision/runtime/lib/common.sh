# Shared helpers: paths, validation, locking, atomic files, sessions and scaled time.

RT_EXIT_USAGE=2
RT_EXIT_NOT_FOUND=3
RT_EXIT_NOT_INIT=4

# The user's own umask goes to their scripts; the runtime keeps its files private.
: "${SKY_RT_USER_UMASK:=$(umask)}"
export SKY_RT_USER_UMASK
umask 077

rt_die() {
  rt_code=$1
  shift
  printf 'sky-rt: %s\n' "$*" >&2
  exit "$rt_code"
}

rt_need_value() {
  [ $# -ge 2 ] || rt_die "$RT_EXIT_USAGE" "option '$1' needs a value"
}

rt_is_uint() {
  case $1 in '' | *[!0-9]*) return 1 ;; esac
  return 0
}

rt_is_decimal() {
  case $1 in '' | . | *[!0-9.]* | *.*.*) return 1 ;; esac
  return 0
}

# SkyPilot's CLUSTER_NAME_VALID_REGEX; also keeps the name safe inside paths.
rt_valid_cluster() {
  case $1 in '' | [!a-zA-Z]* | *[!a-zA-Z0-9._-]* | *[._-]) return 1 ;; esac
  return 0
}

rt_set_paths() {
  RT_CLUSTER_DIR="$HOME/.sky/clusters/$RT_CLUSTER"
  RT_NODE_DIR="$RT_CLUSTER_DIR/node-$RT_RANK"
  RT_CONF="$RT_NODE_DIR/cluster.conf"
  RT_NODES="$RT_NODE_DIR/nodes"
  RT_JOBS="$RT_NODE_DIR/jobs"
  RT_LOCK="$RT_NODE_DIR/lock"
  RT_LOG_ROOT="$HOME/sky_logs/$RT_CLUSTER"
}

rt_load_conf() {
  [ -r "$RT_CONF" ] || rt_die "$RT_EXIT_NOT_INIT" "node $RT_RANK of cluster '$RT_CLUSTER' is not initialised (run: sky-rt -c $RT_CLUSTER -r $RT_RANK init ...)"
  . "$RT_CONF"
  rt_scale=${SKY_TIME_SCALE:-$RT_CONF_TIME_SCALE}
  rt_is_decimal "$rt_scale" || rt_scale=1
}

rt_require_head() {
  [ "$RT_RANK" = 0 ] || rt_die "$RT_EXIT_USAGE" "the job table lives on the head node (rank 0), not on rank $RT_RANK"
}

# Reads the first line of a file into RT_V (empty when the file is missing). No fork.
rt_get() {
  RT_V=
  [ -r "$1" ] && IFS= read -r RT_V <"$1"
  return 0
}

# Writes one line atomically: readers see the old or the new value, never half of it.
rt_put() {
  printf '%s\n' "$2" >"$1.tmp.$RT_PID" && mv -f "$1.tmp.$RT_PID" "$1"
}

# Single-quotes a value for sh.
rt_quote() {
  case $1 in
    *\'*) printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")" ;;
    *) printf "'%s'" "$1" ;;
  esac
}

rt_now() {
  date +%s
}

# A symlink whose target is the holder's pid: created atomically, and a dead holder is detected.
rt_lock() {
  while ! ln -s "$RT_PID" "$RT_LOCK" 2>/dev/null; do
    rt_holder=$(readlink "$RT_LOCK" 2>/dev/null) || rt_holder=
    if [ -n "$rt_holder" ] && ! kill -0 "$rt_holder" 2>/dev/null; then
      # The holder died inside its critical section (e.g. a cancelled driver).
      rm -f "$RT_LOCK"
      continue
    fi
    sleep 0.02
  done
}

rt_unlock() {
  rm -f "$RT_LOCK"
}

# Seconds scaled by SKY_TIME_SCALE, printed with millisecond precision.
rt_scaled() {
  awk -v s="$1" -v f="$rt_scale" 'BEGIN { v = s * f; if (v < 0.005) v = 0.005; printf "%.3f\n", v }'
}

rt_sleep() {
  sleep "$(rt_scaled "$1")"
}

# Decimal string (2, 0.5, 1.25) to thousandths in RT_MILLI, without forking.
rt_milli() {
  case $1 in
    *.*) rt_i=${1%%.*} rt_f=${1#*.} ;;
    *) rt_i=$1 rt_f= ;;
  esac
  [ -n "$rt_i" ] || rt_i=0
  rt_f="${rt_f}000"
  rt_f=${rt_f%"${rt_f#???}"}
  RT_MILLI=$((rt_i * 1000 + 1$rt_f - 1000))
}

# How to start a process in its own session: setsid (Linux), perl (macOS) or, failing both, nohup-like.
rt_session_tool() {
  [ -n "${RT_SESSION_TOOL:-}" ] && return 0
  case ${SKY_RT_SESSION_TOOL:-} in
    setsid | perl | none) RT_SESSION_TOOL=$SKY_RT_SESSION_TOOL; return 0 ;;
  esac
  if command -v setsid >/dev/null 2>&1; then
    RT_SESSION_TOOL=setsid
  elif command -v perl >/dev/null 2>&1; then
    RT_SESSION_TOOL=perl
  else
    RT_SESSION_TOOL=none
  fi
}

RT_PERL_SETSID='use POSIX (); POSIX::setsid(); exec { $ARGV[0] } @ARGV or die "sky-rt: cannot run $ARGV[0]: $!\n"'

# Runs "$@" in a new session, in the foreground. The new session's id is the pid of "$@".
rt_run_in_session() {
  rt_session_tool
  case $RT_SESSION_TOOL in
    setsid) setsid "$@" ;;
    perl) perl -e "$RT_PERL_SETSID" "$@" ;;
    *) "$@" ;;
  esac
}

# Starts "$@" detached in a new session (survives the SSH session), output appended to $1.
# Sets RT_DETACHED_PID, which is also the session and process-group id.
rt_detach() {
  rt_log=$1
  shift
  rt_session_tool
  case $RT_SESSION_TOOL in
    setsid) (exec setsid "$@" </dev/null >>"$rt_log" 2>&1) & ;;
    perl) (exec perl -e "$RT_PERL_SETSID" "$@" </dev/null >>"$rt_log" 2>&1) & ;;
    *) (trap '' HUP; exec "$@" </dev/null >>"$rt_log" 2>&1) & ;;
  esac
  RT_DETACHED_PID=$!
}

# Ends processes politely, then not: "$1 TERM", a grace of 5 s (scaled) while "$2" reports them alive, then
# "$1 KILL" until "$2" says they are gone. Returns non-zero when something survived.
rt_term_then_kill() {
  k_grace=$(awk -v f="$rt_scale" 'BEGIN { n = int(5 * f / 0.05); if (n < 2) n = 2; print n }')
  "$1" TERM
  while [ "$k_grace" -gt 0 ] && "$2"; do
    sleep 0.05
    k_grace=$((k_grace - 1))
  done
  k_tries=100
  while [ "$k_tries" -gt 0 ] && "$2"; do
    "$1" KILL
    sleep 0.02
    k_tries=$((k_tries - 1))
  done
  ! "$2"
}

# Is PID alive and a sky-rt process of this cluster? The subcommand is not checked: between fork and
# exec a freshly started daemon still shows its parent's command line. The check guards against a
# pid reused by an unrelated process after a restart.
rt_pid_runs() {
  [ -n "$1" ] || return 1
  kill -0 "$1" 2>/dev/null || return 1
  rt_args=$(ps -ww -p "$1" -o args= 2>/dev/null) || return 1
  case $rt_args in *"sky-rt -c $RT_CLUSTER "*) return 0 ;; esac
  return 1
}

# Looks up node RANK in the node list: RT_N_ADDR, RT_N_PORT, RT_N_USER.
rt_node() {
  RT_N_ADDR= RT_N_PORT= RT_N_USER=
  while read -r rt_r rt_a rt_p rt_u; do
    if [ "$rt_r" = "$1" ]; then
      RT_N_ADDR=$rt_a RT_N_PORT=$rt_p RT_N_USER=$rt_u
      return 0
    fi
  done <"$RT_NODES"
  return 1
}

# Runs a command on another node of the cluster; stdin is passed through.
# The transport is ssh with the intra-cluster key and the pinned known_hosts, or, when configured
# (tests), an executable called as: TRANSPORT ADDR PORT USER COMMAND.
rt_remote() {
  rt_node "$1" || {
    printf 'sky-rt: node %s is not in the node list\n' "$1" >&2
    return 255
  }
  rt_transport=${SKY_RT_TRANSPORT:-$RT_CONF_TRANSPORT}
  if [ -n "$rt_transport" ]; then
    "$rt_transport" "$RT_N_ADDR" "$RT_N_PORT" "$RT_N_USER" "$2"
  else
    ssh -F /dev/null -T -o BatchMode=yes -o StrictHostKeyChecking=yes \
      -o UserKnownHostsFile="$RT_CONF_KNOWN_HOSTS" -o GlobalKnownHostsFile=/dev/null \
      -o IdentitiesOnly=yes -o IdentityFile="$RT_CONF_SSH_KEY" -o ConnectTimeout=30 \
      -o ServerAliveInterval=15 -o ServerAliveCountMax=4 -o LogLevel=ERROR \
      -p "$RT_N_PORT" -l "$RT_N_USER" -- "$RT_N_ADDR" "$2"
  fi
}

# The command line that runs this runtime version on node RANK (expanded by the remote shell).
rt_remote_rt() {
  printf 'sh "$HOME/.sky/runtime/%s/sky-rt" -c %s -r %s' "$SKY_RT_VERSION" "$RT_CLUSTER" "$1"
}
