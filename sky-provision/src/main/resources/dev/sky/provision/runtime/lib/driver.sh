# The job driver: runs detached on the head. Setup on every node of the cluster, then run on the
# job's nodes, all ranks in parallel; rank 0 locally, the others over the transport.
# Every rank's output goes through a filter into the job's logs (docs/runtime.md, "Logs").

RT_FILTER_AWK='
BEGIN { if (multi == 1) pre = "(" label ", rank=" rank ") " }
NR == 1 && $0 ~ /^SKY_RT_PID [0-9]+$/ {
  pid = $2
  print pid > pidfile; close(pidfile)
  if (multi == 1) pre = "(" label ", rank=" rank ", pid=" pid ") "
  next
}
{
  if (rankfile != "") { print $0 >> rankfile; fflush(rankfile) }
  print pre $0 >> out1; fflush(out1)
  if (out2 != "") { print pre $0 >> out2; fflush(out2) }
}'

rt_cmd_driver() {
  [ $# -eq 1 ] && rt_is_uint "$1" || rt_die "$RT_EXIT_USAGE" "usage: sky-rt -c CLUSTER driver JOB_ID"
  rt_require_head
  rt_load_conf
  d_id=$1
  d="$RT_JOBS/$d_id"
  rt_read_spec "$d" || exit 1
  rt_get "$d/status"
  case $RT_V in SETTING_UP | RUNNING) ;; *) exit 0 ;; esac
  rt_get "$d/log_dir"; d_logs=$RT_V
  rt_get "$d/nodes"; d_nodes=$RT_V
  rt_get "$d/run_timestamp"; d_task_id="sky-${RT_V}_${RT_CLUSTER}_$d_id"
  rt_get "$d/nonce"; d_nonce=$RT_V
  mkdir -p "$d_logs" || exit 1
  : >>"$d_logs/run.log"
  d_all=$(awk -v n="$RT_CONF_NUM_NODES" 'BEGIN { for (i = 0; i < n; i++) printf "%d ", i }')
  rt_milli "$SKY_JOB_GPUS"
  d_gpus=$(((RT_MILLI + 999) / 1000))
  d_info=$(rt_cluster_info)
  case $(awk -W version 2>&1 </dev/null) in *mawk*) d_awk_flags='-W interactive' ;; *) d_awk_flags= ;; esac
  d_fifo="$d/events"
  rm -f "$d_fifo"
  mkfifo "$d_fifo" || exit 1
  exec 3<>"$d_fifo"

  if [ "$SKY_JOB_RUN_SETUP" = 1 ] && [ -f "$d/setup.sh" ]; then
    rt_phase setup "$d_all"
    if [ "$RT_FAILED" = 1 ]; then
      rt_put "$d/exit_codes" "$RT_CODES"
      printf "ERROR: Job %s's setup failed. Failed workers: %s.\n" "$d_id" "$RT_FAILED_WORKERS" |
        tee -a "$d_logs/setup.log" >>"$d_logs/run.log"
      rt_finish FAILED_SETUP
    fi
    rt_lock
    rt_get "$d/status"
    if [ "$RT_V" = SETTING_UP ]; then
      rt_put "$d/started_at" "$(rt_now)"
      rt_put "$d/status" RUNNING
    fi
    rt_unlock
    [ "$RT_V" = SETTING_UP ] || exit 0
  fi
  if [ -f "$d/run.sh" ]; then
    rt_phase run "$d_nodes"
    rt_put "$d/exit_codes" "$RT_CODES"
    # MOUNT_CACHED: the job is not finished until its writes are in the bucket (lib/storage.sh).
    command -v rt_storage_flush_nodes >/dev/null 2>&1 && rt_storage_flush_nodes "$d_nodes" >>"$d_logs/run.log" 2>&1
    if [ "$RT_FAILED" = 1 ]; then
      printf 'ERROR: Job %s failed with return code list: [%s]\n' "$d_id" "$(printf '%s' "$RT_CODES" | sed 's/ /, /g')" \
        >>"$d_logs/run.log"
      rt_finish FAILED
    fi
  fi
  rt_finish SUCCEEDED
}

# {"cluster_name": ..., "cloud": ..., "region": ..., "zone": ...} as Python's json.dumps writes it.
rt_cluster_info() {
  if [ -n "$RT_CONF_ZONE" ]; then d_z=$(rt_json_str "$RT_CONF_ZONE"); else d_z=null; fi
  if [ -n "$RT_CONF_REGION" ]; then d_rg=$(rt_json_str "$RT_CONF_REGION"); else d_rg=null; fi
  printf '{"cluster_name": %s, "cloud": %s, "region": %s, "zone": %s}' "$(rt_json_str "$RT_CLUSTER")" \
    "$(rt_json_str "$RT_CONF_CLOUD")" "$d_rg" "$d_z"
}

# Records the final status (unless the job was cancelled meanwhile), then lets the next job in.
rt_finish() {
  rt_lock
  rt_get "$d/status"
  if ! rt_is_terminal "$RT_V"; then
    rt_put "$d/status" "$1"
    rt_put "$d/ended_at" "$(rt_now)"
  fi
  rt_unlock
  rm -f "$d_fifo"
  rt_schedule
  exit 0
}

# Runs PHASE (setup|run) on the given node ranks and waits for all of them.
# Sets RT_CODES (exit codes in rank order), RT_FAILED and RT_FAILED_WORKERS.
rt_phase() {
  f_phase=$1
  f_nodes=$2
  set -- $f_nodes
  f_n=$#
  f_ips=
  for f_r; do
    rt_node "$f_r"
    f_ips="${f_ips:+$f_ips
}$RT_N_ADDR"
  done
  f_multi=0
  [ "$f_n" -gt 1 ] && f_multi=1
  f_out2=
  [ "$f_phase" = setup ] && f_out2="$d_logs/setup.log"
  f_k=0
  for f_r in $f_nodes; do
    rt_write_vars "$d/vars.$f_phase.$f_k"
    rm -f "$d/rc.$f_phase.$f_k" "$d/pid.$f_phase.$f_k"
    if [ "$f_r" = 0 ]; then f_label=head; else f_label="worker$f_k"; fi
    f_rankfile=
    [ "$f_multi" = 1 ] && [ "$f_phase" = run ] && f_rankfile="$d_logs/$f_k-$f_label.log"
    rt_start_rank
    f_k=$((f_k + 1))
  done
  f_left=$f_n
  RT_FAILED=0
  while [ "$f_left" -gt 0 ]; do
    IFS= read -r f_done <&3 || break
    f_left=$((f_left - 1))
    rt_get "$d/rc.$f_phase.$f_done"
    if [ "${RT_V:-255}" != 0 ] && [ "$RT_FAILED" = 0 ]; then
      RT_FAILED=1
      # One rank failed: stop the others rather than let them wait on it forever.
      [ "$f_left" -gt 0 ] && rt_kill_on_nodes "$d_id" "$f_nodes"
    fi
  done
  RT_CODES= RT_FAILED_WORKERS=
  f_k=0
  while [ "$f_k" -lt "$f_n" ]; do
    rt_get "$d/rc.$f_phase.$f_k"
    f_rc=${RT_V:-255}
    RT_CODES="${RT_CODES:+$RT_CODES }$f_rc"
    if [ "$f_rc" != 0 ]; then
      rt_get "$d/pid.$f_phase.$f_k"
      RT_FAILED_WORKERS="${RT_FAILED_WORKERS:+$RT_FAILED_WORKERS, }(pid=${RT_V:-unknown}, returncode=$f_rc)"
    fi
    f_k=$((f_k + 1))
  done
}

# SkyPilot's variables for rank f_k of phase f_phase; 0600 like the env file.
rt_write_vars() {
  {
    printf 'export SKYPILOT_TASK_ID=%s\n' "$(rt_quote "$d_task_id")"
    printf 'export SKYPILOT_JOB_ID=%s\n' "$(rt_quote "$d_task_id")"
    printf 'export SKYPILOT_CLUSTER_INFO=%s\n' "$(rt_quote "$d_info")"
    printf 'export SKYPILOT_USER=%s\n' "$(rt_quote "$SKY_JOB_USER")"
    printf 'export SKYPILOT_USER_ID=%s\n' "$(rt_quote "$SKY_JOB_USER_ID")"
    printf 'export SKYPILOT_INTERNAL_JOB_ID=%s\n' "$d_id"
    printf 'export SKYPILOT_NUM_NODES=%s\n' "$SKY_JOB_NUM_NODES"
    if [ "$f_phase" = setup ]; then
      printf 'export SKYPILOT_SETUP_NODE_RANK=%s\n' "$f_k"
      printf 'export SKYPILOT_SETUP_NODE_IPS=%s\n' "$(rt_quote "$f_ips")"
      printf 'export SKYPILOT_SETUP_NUM_GPUS_PER_NODE=%s\n' "$d_gpus"
    else
      printf 'export SKYPILOT_NODE_RANK=%s\n' "$f_k"
      printf 'export SKYPILOT_NODE_IPS=%s\n' "$(rt_quote "$f_ips")"
      printf 'export SKYPILOT_NUM_GPUS_PER_NODE=%s\n' "$d_gpus"
    fi
    printf 'export SKY_RT_JOB_TAG=%s\n' "$d_nonce.$f_r."
  } >"$1"
}

# Starts rank f_k on node f_r in the background; it reports "f_k" on fd 3 once its output is logged.
rt_start_rank() {
  (
    (
      if [ "$f_r" = "$RT_RANK" ]; then
        sh "$SKY_RT_DIR/sky-rt" -c "$RT_CLUSTER" -r "$f_r" exec-rank "$d_id" "$f_phase" "$f_k" "$d_nonce.$f_r." </dev/null
      else
        set --
        [ -f "$d/env" ] && set -- "$d/env"
        rt_send_bundle "$@" "$d/$f_phase.sh" "$d/vars.$f_phase.$f_k" |
          rt_remote "$f_r" "$(rt_remote_rt "$f_r") exec-rank $d_id $f_phase $f_k $d_nonce.$f_r. --stdin"
      fi
      echo $? >"$d/rc.$f_phase.$f_k"
    ) 2>&1 | awk $d_awk_flags -v multi="$f_multi" -v label="$f_label" -v rank="$f_k" \
      -v pidfile="$d/pid.$f_phase.$f_k" -v rankfile="$f_rankfile" -v out1="$d_logs/run.log" \
      -v out2="$f_out2" "$RT_FILTER_AWK"
    echo "$f_k" >&3
  ) &
}

# The job's files for a worker, on one stream: a header ('name size' lines up to '--'), then the bytes.
rt_send_bundle() {
  printf 'sky-rt-bundle 1\n'
  for b_f; do
    printf '%s %s\n' "${b_f##*/}" $(($(wc -c <"$b_f")))
  done
  printf -- '--\n'
  cat "$@"
}
