# Autostop: a detached watchdog on the head runs the hook once the cluster has been idle long enough.
# Idle time is counted in polls of 10 s (scaled by SKY_TIME_SCALE), not read from the clock.
# Files under node-0/autostop/: config, watchdog.pid, reset (touched by submit), hook_ran.

RT_AS_POLL=10

rt_as_paths() {
  AS_DIR="$RT_NODE_DIR/autostop"
  AS_CONF="$AS_DIR/config"
}

rt_cmd_autostop() {
  rt_require_head
  rt_load_conf
  rt_as_paths
  [ $# -gt 0 ] || rt_die "$RT_EXIT_USAGE" "usage: sky-rt -c CLUSTER autostop set|show|watchdog ..."
  a_cmd=$1
  shift
  case $a_cmd in
    set) rt_autostop_set "$@" ;;
    show) rt_autostop_show ;;
    watchdog) rt_autostop_watchdog ;;
    *) rt_die "$RT_EXIT_USAGE" "autostop: unknown action '$a_cmd' (set, show)" ;;
  esac
}

rt_autostop_set() {
  a_idle= a_down=0 a_wait=jobs_and_ssh a_hook=
  while [ $# -gt 0 ]; do
    case $1 in
      --down) a_down=1 ;;
      --wait-for)
        rt_need_value "$@"
        case $2 in jobs_and_ssh | jobs | none) a_wait=$2 ;;
          *) rt_die "$RT_EXIT_USAGE" "autostop: --wait-for must be jobs_and_ssh, jobs or none, got '$2'" ;;
        esac
        shift ;;
      --hook) rt_need_value "$@"; a_hook=$2; shift ;;
      -1) a_idle=-1 ;;
      *)
        rt_is_uint "$1" || rt_die "$RT_EXIT_USAGE" "autostop: idle minutes must be an integer or -1, got '$1'"
        a_idle=$1 ;;
    esac
    shift
  done
  [ -n "$a_idle" ] || rt_die "$RT_EXIT_USAGE" "usage: autostop set IDLE_MINUTES|-1 [--down] [--wait-for W] --hook CMD"
  [ "$a_idle" = -1 ] || [ -n "$a_hook" ] || rt_die "$RT_EXIT_USAGE" "autostop: --hook is required"
  mkdir -p "$AS_DIR" || exit 1
  rt_autostop_stop_watchdog
  {
    printf 'AS_IDLE=%s\n' "$a_idle"
    printf 'AS_DOWN=%s\n' "$a_down"
    printf 'AS_WAIT_FOR=%s\n' "$a_wait"
    printf 'AS_HOOK=%s\n' "$(rt_quote "$a_hook")"
  } >"$AS_CONF.tmp.$RT_PID" && mv -f "$AS_CONF.tmp.$RT_PID" "$AS_CONF"
  rm -f "$AS_DIR/hook_ran" "$AS_DIR/progress"
  [ "$a_idle" = -1 ] || rt_autostop_start_watchdog
}

rt_autostop_start_watchdog() {
  rt_detach "$AS_DIR/watchdog.log" sh "$SKY_RT_DIR/sky-rt" -c "$RT_CLUSTER" -r "$RT_RANK" autostop watchdog
  rt_put "$AS_DIR/watchdog.pid" "$RT_DETACHED_PID"
}

rt_autostop_stop_watchdog() {
  rt_get "$AS_DIR/watchdog.pid"
  if rt_pid_runs "$RT_V" "autostop watchdog"; then
    kill -s TERM "$RT_V" 2>/dev/null
  fi
  rm -f "$AS_DIR/watchdog.pid"
}

# Used by start-daemons after a restart: a fresh watchdog, so idleness starts over.
rt_autostop_resume() {
  rt_as_paths
  [ -r "$AS_CONF" ] || return 0
  . "$AS_CONF"
  [ "$AS_IDLE" != -1 ] || return 0
  rt_autostop_stop_watchdog
  rm -f "$AS_DIR/hook_ran" "$AS_DIR/progress"
  rt_autostop_start_watchdog
}

rt_autostop_show() {
  if [ -r "$AS_CONF" ]; then . "$AS_CONF"; else AS_IDLE=-1 AS_DOWN=0 AS_WAIT_FOR=jobs_and_ssh; fi
  rt_get "$AS_DIR/watchdog.pid"
  a_state=stopped
  rt_pid_runs "$RT_V" "autostop watchdog" && a_state=running
  a_ran=0
  [ -e "$AS_DIR/hook_ran" ] && a_ran=1
  rt_get "$AS_DIR/progress"
  set -- $RT_V
  printf 'idle_minutes=%s\ndown=%s\nwait_for=%s\nwatchdog=%s\nhook_ran=%s\npolls=%s\nidle_seconds=%s\n' \
    "$AS_IDLE" "$AS_DOWN" "$AS_WAIT_FOR" "$a_state" "$a_ran" "${1:-0}" "${2:-0}"
}

# Is FILE newer than MARKER?
rt_newer() {
  [ -e "$1" ] && [ -n "$(find "$1" -prune -newer "$2" 2>/dev/null)" ]
}

# SSH activity: the node's ssh_activity file (open-session count; its mtime changes on every open and
# close) when the SSH server keeps one; otherwise OpenSSH session processes of this user.
rt_ssh_active() {
  w_file="$RT_NODE_DIR/ssh_activity"
  if [ -e "$w_file" ]; then
    rt_get "$w_file"
    rt_is_uint "$RT_V" && [ "$RT_V" -gt 0 ] && return 0
    rt_newer "$w_file" "$AS_DIR/.seen"
    return
  fi
  w_user=$(id -un 2>/dev/null) || return 1
  ps -eo args= 2>/dev/null | grep -Eq "^sshd(-session)?: $w_user@"
}

rt_cluster_active() {
  rt_has_live_jobs && return 0
  rt_newer "$AS_DIR/reset" "$AS_DIR/.seen" && return 0
  [ "$AS_WAIT_FOR" = jobs_and_ssh ] && rt_ssh_active && return 0
  return 1
}

rt_autostop_watchdog() {
  . "$AS_CONF"
  [ "$AS_IDLE" != -1 ] || exit 0
  : >"$AS_DIR/.seen"
  w_idle=0 w_polls=0
  w_limit=$((AS_IDLE * 60))
  while :; do
    rt_sleep "$RT_AS_POLL"
    if [ "$AS_WAIT_FOR" != none ] && rt_cluster_active; then
      w_idle=0
    else
      w_idle=$((w_idle + RT_AS_POLL))
    fi
    : >"$AS_DIR/.seen"
    w_polls=$((w_polls + 1))
    rt_put "$AS_DIR/progress" "$w_polls $w_idle"
    if [ "$w_idle" -ge "$w_limit" ]; then
      : >"$AS_DIR/hook_ran"
      mkdir -p "$RT_LOG_ROOT"
      rt_detach "$RT_LOG_ROOT/autostop-hook.log" sh -c "$AS_HOOK"
      # Its own session: teardown (sky down racing the hook) ends it through this pid.
      rt_put "$AS_DIR/hook.pid" "$RT_DETACHED_PID"
      rm -f "$AS_DIR/watchdog.pid"
      exit 0
    fi
  done
}
