# FIFO scheduler: starts PENDING jobs, in id order, while their CPU and GPU demand fits the free
# capacity of enough nodes. The first job that does not fit blocks the ones behind it.

# One pass, under the job-table lock.
rt_schedule() {
  rt_load_conf
  rt_lock
  rt_milli "$RT_CONF_CPUS"; p_capc=$RT_MILLI
  rt_milli "$RT_CONF_GPUS"; p_capg=$RT_MILLI
  p_r=0
  while [ "$p_r" -lt "$RT_CONF_NUM_NODES" ]; do
    eval "p_uc_$p_r=0 p_ug_$p_r=0"
    p_r=$((p_r + 1))
  done
  rt_last_job_id
  # Capacity held by jobs that are setting up or running.
  p_id=1
  while [ "$p_id" -le "$RT_LAST_ID" ]; do
    rt_get "$RT_JOBS/$p_id/status"
    case $RT_V in
      SETTING_UP | RUNNING)
        if rt_read_spec "$RT_JOBS/$p_id" 2>/dev/null; then
          rt_get "$RT_JOBS/$p_id/nodes"
          rt_hold "$RT_V"
        fi ;;
    esac
    p_id=$((p_id + 1))
  done
  p_id=1
  while [ "$p_id" -le "$RT_LAST_ID" ]; do
    rt_get "$RT_JOBS/$p_id/status"
    if [ "$RT_V" = PENDING ]; then
      rt_read_spec "$RT_JOBS/$p_id" 2>/dev/null || { p_id=$((p_id + 1)); continue; }
      rt_place
      [ -n "$RT_PLACE" ] || break
      rt_hold "$RT_PLACE"
      rt_start_job "$p_id"
    fi
    p_id=$((p_id + 1))
  done
  rt_unlock
}

# Adds the current SKY_JOB_* demand to the given node ranks.
rt_hold() {
  rt_milli "$SKY_JOB_CPUS"; p_dc=$RT_MILLI
  rt_milli "$SKY_JOB_GPUS"; p_dg=$RT_MILLI
  for p_n in $1; do
    eval "p_uc_$p_n=\$((p_uc_$p_n + p_dc)) p_ug_$p_n=\$((p_ug_$p_n + p_dg))"
  done
}

# The first SKY_JOB_NUM_NODES nodes, in rank order, with room for the demand; empty if too few.
rt_place() {
  rt_milli "$SKY_JOB_CPUS"; p_dc=$RT_MILLI
  rt_milli "$SKY_JOB_GPUS"; p_dg=$RT_MILLI
  RT_PLACE= p_count=0 p_r=0
  while [ "$p_r" -lt "$RT_CONF_NUM_NODES" ] && [ "$p_count" -lt "$SKY_JOB_NUM_NODES" ]; do
    eval "p_uc=\$p_uc_$p_r p_ug=\$p_ug_$p_r"
    if [ $((p_uc + p_dc)) -le "$p_capc" ] && [ $((p_ug + p_dg)) -le "$p_capg" ]; then
      RT_PLACE="$RT_PLACE $p_r"
      p_count=$((p_count + 1))
    fi
    p_r=$((p_r + 1))
  done
  [ "$p_count" -eq "$SKY_JOB_NUM_NODES" ] || RT_PLACE=
}

# Reserves the nodes and starts the job's detached driver. Called under the lock.
rt_start_job() {
  p_d="$RT_JOBS/$1"
  rt_put "$p_d/nodes" "${RT_PLACE# }"
  if [ "$SKY_JOB_RUN_SETUP" = 1 ] && [ -f "$p_d/setup.sh" ]; then
    rt_put "$p_d/status" SETTING_UP
  else
    rt_put "$p_d/started_at" "$(rt_now)"
    rt_put "$p_d/status" RUNNING
  fi
  rt_detach "$p_d/driver.log" sh "$SKY_RT_DIR/sky-rt" -c "$RT_CLUSTER" -r "$RT_RANK" driver "$1"
  rt_put "$p_d/driver_pid" "$RT_DETACHED_PID"
}

# Starts the scheduler daemon unless it runs. Called under the lock, so the daemon's own
# "nothing left, exit" decision (also under the lock) cannot miss a new job.
rt_ensure_scheduler() {
  rt_get "$RT_NODE_DIR/scheduler.pid"
  rt_pid_runs "$RT_V" scheduler && return 0
  rt_detach "$RT_NODE_DIR/scheduler.log" sh "$SKY_RT_DIR/sky-rt" -c "$RT_CLUSTER" -r "$RT_RANK" scheduler
  rt_put "$RT_NODE_DIR/scheduler.pid" "$RT_DETACHED_PID"
}

# Marks jobs whose driver died FAILED_DRIVER and ends their processes.
rt_reap() {
  rt_last_job_id
  r_id=1
  while [ "$r_id" -le "$RT_LAST_ID" ]; do
    rt_get "$RT_JOBS/$r_id/status"
    case $RT_V in
      SETTING_UP | RUNNING)
        rt_get "$RT_JOBS/$r_id/driver_pid"
        if ! rt_pid_runs "$RT_V" "driver $r_id"; then
          # Look again under the lock: the scheduler may be between starting the driver and saving its pid.
          rt_lock
          rt_get "$RT_JOBS/$r_id/status"
          r_prev=$RT_V
          rt_get "$RT_JOBS/$r_id/driver_pid"
          rt_pid_runs "$RT_V" "driver $r_id" && r_prev=alive
          case $r_prev in
            SETTING_UP | RUNNING)
              rt_put "$RT_JOBS/$r_id/status" FAILED_DRIVER
              rt_put "$RT_JOBS/$r_id/ended_at" "$(rt_now)" ;;
          esac
          rt_unlock
          case $r_prev in SETTING_UP | RUNNING) rt_kill_job_everywhere "$r_id" ;; esac
        fi ;;
    esac
    r_id=$((r_id + 1))
  done
}

rt_has_live_jobs() {
  rt_last_job_id
  h_id=1
  while [ "$h_id" -le "$RT_LAST_ID" ]; do
    rt_get "$RT_JOBS/$h_id/status"
    [ -n "$RT_V" ] && ! rt_is_terminal "$RT_V" && return 0
    h_id=$((h_id + 1))
  done
  return 1
}

# The daemon: a safety net behind the event-driven passes (submit, driver end, cancel).
rt_cmd_scheduler() {
  rt_require_head
  rt_load_conf
  while :; do
    rt_reap
    rt_schedule
    rt_lock
    if ! rt_has_live_jobs; then
      rt_get "$RT_NODE_DIR/scheduler.pid"
      [ "$RT_V" = "$RT_PID" ] && rm -f "$RT_NODE_DIR/scheduler.pid"
      rt_unlock
      exit 0
    fi
    rt_unlock
    rt_sleep 5
  done
}

# After a restart of the node (sky start): resume the scheduler and the autostop watchdog.
rt_cmd_start_daemons() {
  rt_require_head
  rt_load_conf
  rt_lock
  rt_ensure_scheduler
  rt_unlock
  rt_autostop_resume
}
