# Health of the runtime on the head, for `sky status --refresh`: are the runtime's files intact, and does every
# daemon that should run, run? Prints key=value lines; exit 0 when healthy, RT_EXIT_BROKEN when something is
# down. Read-only apart from taking the job-table lock for a moment.

RT_EXIT_BROKEN=5

# The files as cksum sees them now; the install wrote the same listing into "manifest".
rt_health_files() {
  [ -r "$SKY_RT_DIR/manifest" ] || { RT_V=missing_manifest; return 1; }
  h_want=$(cat "$SKY_RT_DIR/manifest") || return 1
  h_have=$(cd "$SKY_RT_DIR" && cksum $(awk '{ print $3 }' manifest) 2>/dev/null) || { RT_V=missing_file; return 1; }
  [ "$h_have" = "$h_want" ] || { RT_V=changed_file; return 1; }
  RT_V=ok
}

rt_cmd_health() {
  rt_require_head
  h_broken=
  if rt_health_files; then h_files=ok; else h_files=$RT_V; h_broken="$h_broken runtime_files"; fi
  printf 'version=%s\nfiles=%s\n' "$SKY_RT_VERSION" "$h_files"
  if [ ! -r "$RT_CONF" ]; then
    printf 'initialised=no\nhealth=broken\nbroken=%s\n' "${h_broken# } node_not_initialised"
    exit "$RT_EXIT_BROKEN"
  fi
  rt_load_conf
  printf 'initialised=yes\n'
  # Under the lock: submit starts the scheduler, and the scheduler decides to exit, each under this lock.
  rt_lock
  h_live=0 h_dead=
  rt_last_job_id
  h_id=1
  while [ "$h_id" -le "$RT_LAST_ID" ]; do
    rt_get "$RT_JOBS/$h_id/status"
    if [ -n "$RT_V" ] && ! rt_is_terminal "$RT_V"; then
      h_live=$((h_live + 1))
      case $RT_V in
        SETTING_UP | RUNNING)
          rt_get "$RT_JOBS/$h_id/driver_pid"
          rt_pid_runs "$RT_V" "driver $h_id" || h_dead="$h_dead,$h_id" ;;
      esac
    fi
    h_id=$((h_id + 1))
  done
  rt_get "$RT_NODE_DIR/scheduler.pid"
  h_sched=stopped
  rt_pid_runs "$RT_V" scheduler && h_sched=running
  rt_unlock
  [ "$h_live" -gt 0 ] && [ "$h_sched" = stopped ] && h_broken="$h_broken scheduler"
  printf 'unfinished_jobs=%s\nscheduler=%s\ndead_drivers=%s\n' "$h_live" "$h_sched" "${h_dead#,}"
  # A dead driver alone is the scheduler's to reap (FAILED_DRIVER within one pass); without a scheduler it stays.
  rt_as_paths
  h_as=unset h_dog=stopped
  if [ -r "$AS_CONF" ]; then
    . "$AS_CONF"
    [ "$AS_IDLE" = -1 ] || h_as=set
  fi
  rt_get "$AS_DIR/watchdog.pid"
  rt_pid_runs "$RT_V" "autostop watchdog" && h_dog=running
  # Once the hook ran, the watchdog has ended on purpose: stop or down is on its way.
  [ "$h_as" = set ] && [ "$h_dog" = stopped ] && [ ! -e "$AS_DIR/hook_ran" ] && h_broken="$h_broken autostop_watchdog"
  printf 'autostop=%s\nwatchdog=%s\n' "$h_as" "$h_dog"
  if [ -n "$h_broken" ]; then
    printf 'health=broken\nbroken=%s\n' "${h_broken# }"
    exit "$RT_EXIT_BROKEN"
  fi
  printf 'health=ok\n'
}
