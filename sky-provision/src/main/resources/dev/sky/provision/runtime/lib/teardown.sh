# sky-rt teardown: ends every process of this cluster on this node (rank) and removes its runtime state.
# Other clusters, and other ranks of this cluster on a shared home, are left alone: everything is found
# through this rank's own state (pid files, job sessions, job tags) and command lines naming this rank.

# Pids (one a line) of sky-rt processes of this cluster and rank, except this teardown and its subshells.
# An ssh client on the head that runs a worker's sky-rt names that worker's rank, but starts with "ssh".
rt_td_rank_pids() {
  ps -ww -e -o pid= -o args= 2>/dev/null | while read -r t_pid t_args; do
    case $t_args in
      ssh\ *) ;;
      *" teardown"*) ;;
      *"/sky-rt -c $RT_CLUSTER -r $RT_RANK "*) printf '%s\n' "$t_pid" ;;
    esac
  done
}

# Pids whose environment carries one of this rank's job tags (processes that left their session).
rt_td_tagged_pids() {
  [ -n "$t_tags" ] && [ -r /proc/self/environ ] || return 0
  t_pat=
  for t_t in $t_tags; do t_pat="$t_pat -e SKY_RT_JOB_TAG=$t_t"; done
  # shellcheck disable=SC2086
  for t_e in $(grep -l -F $t_pat /proc/[0-9]*/environ 2>/dev/null); do
    t_e=${t_e#/proc/}
    t_e=${t_e%/environ}
    [ "$t_e" = "$RT_PID" ] || printf '%s\n' "$t_e"
  done
}

# Sends signal $1 to every session recorded by this rank and to every process found above.
rt_td_signal() {
  for t_p in $t_groups; do kill -s "$1" -- "-$t_p" 2>/dev/null; done
  for t_p in $(rt_td_rank_pids) $(rt_td_tagged_pids); do
    [ "$t_p" = "$t_own_group" ] || kill -s "$1" -- "-$t_p" 2>/dev/null
    kill -s "$1" "$t_p" 2>/dev/null
  done
  return 0
}

rt_td_alive() {
  for t_p in $t_groups; do kill -0 -- "-$t_p" 2>/dev/null && return 0; done
  [ -n "$(rt_td_rank_pids)$(rt_td_tagged_pids)" ]
}

rt_cmd_teardown() {
  [ $# -eq 0 ] || rt_die "$RT_EXIT_USAGE" "usage: sky-rt -c CLUSTER -r RANK teardown"
  rt_scale=${SKY_TIME_SCALE:-1}
  [ -r "$RT_CONF" ] && rt_load_conf
  # Sessions this rank started: job ranks (pgid.*), drivers, the scheduler, the autostop watchdog and its hook.
  t_groups= t_tags=
  # Never signal the group this teardown runs in (a stale pid file could name a reused pid).
  t_own_group=$(ps -o pgid= -p "$RT_PID" 2>/dev/null | tr -d ' ')
  for t_f in "$RT_JOBS"/*/pgid.* "$RT_JOBS"/*/driver_pid "$RT_NODE_DIR/scheduler.pid" \
    "$RT_NODE_DIR/autostop/watchdog.pid" "$RT_NODE_DIR/autostop/hook.pid"; do
    [ -f "$t_f" ] || continue
    read -r t_p <"$t_f" && rt_is_uint "$t_p" && [ "$t_p" -gt 1 ] && [ "$t_p" != "$t_own_group" ] &&
      t_groups="$t_groups $t_p"
  done
  for t_f in "$RT_JOBS"/*/tag; do
    [ -f "$t_f" ] || continue
    read -r t_t <"$t_f" && [ -n "$t_t" ] && t_tags="$t_tags $t_t"
  done
  # Tombstones first, so that a rank about to start exits at once instead of escaping the kill.
  for t_d in "$RT_JOBS"/*/; do
    [ -d "$t_d" ] && : >"$t_d/cancelled"
  done
  rt_term_then_kill rt_td_signal rt_td_alive ||
    rt_die 1 "teardown: processes of cluster '$RT_CLUSTER' rank $RT_RANK survived KILL"
  rm -rf "$RT_NODE_DIR"
  rmdir "$RT_CLUSTER_DIR" 2>/dev/null
  # The head keeps the cluster's logs; no other rank writes there.
  [ "$RT_RANK" != 0 ] || rm -rf "$RT_LOG_ROOT"
  return 0
}
