# The head node's job table: one folder per job under node-0/jobs/<id>/.
# Files of a job: spec, env (0600), setup.sh, run.sh, status, submitted_at, started_at, ended_at,
# nodes, exit_codes, log_dir, run_timestamp, nonce, driver_pid.

rt_is_terminal() {
  case $1 in SUCCEEDED | FAILED | FAILED_SETUP | FAILED_DRIVER | CANCELLED) return 0 ;; esac
  return 1
}

# Reads a job spec (key=value lines, raw values) into SKY_JOB_*. Returns 1 with a message on bad input.
rt_read_spec() {
  SKY_JOB_NAME= SKY_JOB_NUM_NODES=1 SKY_JOB_CPUS=0.5 SKY_JOB_GPUS=0 SKY_JOB_RUN_SETUP=1
  SKY_JOB_USER= SKY_JOB_USER_ID= SKY_JOB_RESOURCES= SKY_JOB_RUN_TIMESTAMP=
  [ -r "$1/spec" ] || { printf 'sky-rt: %s/spec is missing\n' "$1" >&2; return 1; }
  rt_line=0
  while IFS= read -r rt_kv || [ -n "$rt_kv" ]; do
    rt_line=$((rt_line + 1))
    case $rt_kv in '' | '#'*) continue ;; *=*) ;; *)
      printf 'sky-rt: %s/spec line %s: expected key=value\n' "$1" "$rt_line" >&2; return 1 ;;
    esac
    rt_val=${rt_kv#*=}
    case ${rt_kv%%=*} in
      name) SKY_JOB_NAME=$rt_val ;;
      num_nodes) SKY_JOB_NUM_NODES=$rt_val ;;
      cpus) SKY_JOB_CPUS=$rt_val ;;
      gpus) SKY_JOB_GPUS=$rt_val ;;
      run_setup) SKY_JOB_RUN_SETUP=$rt_val ;;
      user) SKY_JOB_USER=$rt_val ;;
      user_id) SKY_JOB_USER_ID=$rt_val ;;
      resources) SKY_JOB_RESOURCES=$rt_val ;;
      run_timestamp) SKY_JOB_RUN_TIMESTAMP=$rt_val ;;
      *) printf "sky-rt: %s/spec line %s: unknown key '%s' (valid: name num_nodes cpus gpus run_setup user user_id resources run_timestamp)\n" \
        "$1" "$rt_line" "${rt_kv%%=*}" >&2; return 1 ;;
    esac
  done <"$1/spec"
  rt_bad=
  { rt_is_uint "$SKY_JOB_NUM_NODES" && [ "$SKY_JOB_NUM_NODES" -ge 1 ]; } || rt_bad=num_nodes
  rt_is_decimal "$SKY_JOB_CPUS" || rt_bad=cpus
  rt_is_decimal "$SKY_JOB_GPUS" || rt_bad=gpus
  case $SKY_JOB_RUN_SETUP in 0 | 1) ;; *) rt_bad=run_setup ;; esac
  case $SKY_JOB_RUN_TIMESTAMP in '' | [0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]-[0-9][0-9]-[0-9][0-9]-[0-9][0-9]-[0-9][0-9][0-9][0-9][0-9][0-9]) ;;
    *) rt_bad=run_timestamp ;; esac
  if [ -n "$rt_bad" ]; then
    printf "sky-rt: %s/spec: invalid value for '%s'\n" "$1" "$rt_bad" >&2
    return 1
  fi
  return 0
}

rt_job_dir() {
  rt_is_uint "$1" || rt_die "$RT_EXIT_USAGE" "job id must be an integer, got '$1'"
  RT_JD="$RT_JOBS/$1"
  [ -r "$RT_JD/status" ]
}

rt_last_job_id() {
  rt_get "$RT_JOBS/next_id"
  RT_LAST_ID=$((${RT_V:-1} - 1))
}

# YYYY-MM-DD-HH-MM-SS-ffffff, SkyPilot's run timestamp.
rt_run_timestamp() {
  rt_t=$(date '+%Y-%m-%d-%H-%M-%S %N')
  rt_ns=${rt_t#* }
  case $rt_ns in '' | *[!0-9]*) rt_ns=000000000 ;; esac
  printf '%s-%s\n' "${rt_t% *}" "${rt_ns%???}"
}

rt_nonce() {
  od -An -N8 -tx1 /dev/urandom | tr -d ' \n'
}

rt_cmd_submit() {
  [ $# -eq 1 ] || rt_die "$RT_EXIT_USAGE" "usage: sky-rt -c CLUSTER submit JOBDIR"
  rt_require_head
  rt_load_conf
  s_src=$1
  [ -d "$s_src" ] || rt_die "$RT_EXIT_USAGE" "submit: '$s_src' is not a folder"
  rt_read_spec "$s_src" || exit "$RT_EXIT_USAGE"
  [ "$SKY_JOB_NUM_NODES" -le "$RT_CONF_NUM_NODES" ] ||
    rt_die "$RT_EXIT_USAGE" "submit: the job needs $SKY_JOB_NUM_NODES nodes; cluster '$RT_CLUSTER' has $RT_CONF_NUM_NODES"
  rt_milli "$SKY_JOB_CPUS"; s_c=$RT_MILLI
  rt_milli "$RT_CONF_CPUS"; s_cap=$RT_MILLI
  [ "$s_c" -le "$s_cap" ] || rt_die "$RT_EXIT_USAGE" "submit: the job needs $SKY_JOB_CPUS CPUs per node; nodes have $RT_CONF_CPUS"
  rt_milli "$SKY_JOB_GPUS"; s_g=$RT_MILLI
  rt_milli "$RT_CONF_GPUS"; s_cap=$RT_MILLI
  [ "$s_g" -le "$s_cap" ] || rt_die "$RT_EXIT_USAGE" "submit: the job needs $SKY_JOB_GPUS GPUs per node; nodes have $RT_CONF_GPUS"
  s_ts=${SKY_JOB_RUN_TIMESTAMP:-$(rt_run_timestamp)}
  s_nonce=$(rt_nonce)
  s_name=$(printf '%s' "$SKY_JOB_NAME" | tr -c 'a-zA-Z0-9._-' '_')

  rt_lock
  rt_get "$RT_JOBS/next_id"
  s_id=${RT_V:-1}
  while [ -e "$RT_JOBS/$s_id" ]; do s_id=$((s_id + 1)); done
  if ! mv "$s_src" "$RT_JOBS/$s_id"; then
    rt_unlock
    rt_die 1 "submit: cannot move '$s_src' into the job table"
  fi
  rt_put "$RT_JOBS/next_id" $((s_id + 1))
  s_d="$RT_JOBS/$s_id"
  rt_put "$s_d/status" INIT
  chmod 700 "$s_d"
  [ -f "$s_d/env" ] && chmod 600 "$s_d/env"
  rt_put "$s_d/run_timestamp" "$s_ts"
  rt_put "$s_d/nonce" "$s_nonce"
  rt_put "$s_d/log_dir" "$RT_LOG_ROOT/$s_id${s_name:+-$s_name}"
  rt_put "$s_d/submitted_at" "$(rt_now)"
  rt_put "$s_d/status" PENDING
  rt_ensure_scheduler
  rt_unlock
  # A submission counts as activity for autostop.
  [ -d "$RT_NODE_DIR/autostop" ] && : >"$RT_NODE_DIR/autostop/reset"
  printf '%s\n' "$s_id"
  rt_schedule
}

rt_cmd_status() {
  [ $# -eq 1 ] || rt_die "$RT_EXIT_USAGE" "usage: sky-rt -c CLUSTER status JOB_ID"
  rt_require_head
  rt_job_dir "$1" || rt_die "$RT_EXIT_NOT_FOUND" "job $1 not found on cluster '$RT_CLUSTER'"
  rt_get "$RT_JD/status"
  printf '%s\n' "$RT_V"
}

rt_cmd_exit_codes() {
  [ $# -eq 1 ] || rt_die "$RT_EXIT_USAGE" "usage: sky-rt -c CLUSTER exit-codes JOB_ID"
  rt_require_head
  rt_job_dir "$1" || rt_die "$RT_EXIT_NOT_FOUND" "job $1 not found on cluster '$RT_CLUSTER'"
  rt_get "$RT_JD/exit_codes"
  printf '%s\n' "$RT_V"
}

# Queue, one job a line. Default: tab-separated, '-' for empty, header '#sky-rt-queue 1 ...'.
rt_cmd_queue() {
  q_json=0 q_skip=0
  for q_a; do
    case $q_a in
      --json) q_json=1 ;;
      --skip-finished) q_skip=1 ;;
      *) rt_die "$RT_EXIT_USAGE" "queue: unknown option '$q_a' (--json, --skip-finished)" ;;
    esac
  done
  rt_require_head
  [ -r "$RT_CONF" ] || rt_die "$RT_EXIT_NOT_INIT" "node 0 of cluster '$RT_CLUSTER' is not initialised"
  rt_last_job_id
  if [ "$q_json" = 1 ]; then printf '['; else
    printf '#sky-rt-queue 1\tid\tname\tuser\tuser_id\tstatus\tsubmitted_at\tstarted_at\tended_at\tnum_nodes\tresources\texit_codes\tlog_dir\n'
  fi
  q_sep= q_id=1
  while [ "$q_id" -le "$RT_LAST_ID" ]; do
    q_d="$RT_JOBS/$q_id"
    rt_get "$q_d/status"
    q_st=$RT_V
    if [ -n "$q_st" ] && { [ "$q_skip" = 0 ] || ! rt_is_terminal "$q_st"; } && rt_read_spec "$q_d" 2>/dev/null; then
      rt_get "$q_d/submitted_at"; q_sub=$RT_V
      rt_get "$q_d/started_at"; q_start=$RT_V
      rt_get "$q_d/ended_at"; q_end=$RT_V
      rt_get "$q_d/exit_codes"; q_codes=$RT_V
      rt_get "$q_d/log_dir"; q_log=$RT_V
      q_res=${SKY_JOB_RESOURCES:-$(rt_default_resources)}
      if [ "$q_json" = 1 ]; then
        printf '%s{"id": %s, "name": %s, "user": %s, "user_id": %s, "status": "%s", "submitted_at": %s, "started_at": %s, "ended_at": %s, "num_nodes": %s, "resources": %s, "exit_codes": [%s], "log_dir": %s}' \
          "$q_sep" "$q_id" "$(rt_json_str "$SKY_JOB_NAME")" "$(rt_json_str "$SKY_JOB_USER")" \
          "$(rt_json_str "$SKY_JOB_USER_ID")" "$q_st" "${q_sub:-null}" "${q_start:-null}" "${q_end:-null}" \
          "$SKY_JOB_NUM_NODES" "$(rt_json_str "$q_res")" "$(printf '%s' "$q_codes" | sed 's/ /, /g')" \
          "$(rt_json_str "$q_log")"
        q_sep=', '
      else
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$q_id" "$(rt_tsv "$SKY_JOB_NAME")" \
          "$(rt_tsv "$SKY_JOB_USER")" "$(rt_tsv "$SKY_JOB_USER_ID")" "$q_st" "${q_sub:--}" "${q_start:--}" \
          "${q_end:--}" "$SKY_JOB_NUM_NODES" "$(rt_tsv "$q_res")" "$(rt_tsv "$(printf '%s' "$q_codes" | tr ' ' ',')")" \
          "$(rt_tsv "$q_log")"
      fi
    fi
    q_id=$((q_id + 1))
  done
  [ "$q_json" = 1 ] && printf ']\n'
  return 0
}

rt_default_resources() {
  if [ "$SKY_JOB_GPUS" = 0 ]; then
    printf '%sx[CPU:%s]' "$SKY_JOB_NUM_NODES" "$SKY_JOB_CPUS"
  else
    printf '%sx[CPU:%s, GPU:%s]' "$SKY_JOB_NUM_NODES" "$SKY_JOB_CPUS" "$SKY_JOB_GPUS"
  fi
}

# A TSV field: tabs become spaces, empty becomes '-'.
rt_tsv() {
  case $1 in
    '') printf '%s' - ;;
    *"	"*) printf '%s' "$1" | tr '\t' ' ' ;;
    *) printf '%s' "$1" ;;
  esac
}

# A JSON string literal, escaped like Python's json.dumps for printable text.
rt_json_str() {
  case $1 in
    *[\\\"]* | *[![:print:]]*)
      printf '"%s"' "$(printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/	/\\t/g' | tr -d '\n\r')" ;;
    *) printf '"%s"' "$1" ;;
  esac
}

rt_cmd_cancel() {
  rt_require_head
  rt_load_conf
  c_all=0 c_user= c_ids=
  while [ $# -gt 0 ]; do
    case $1 in
      --all) c_all=1 ;;
      --user-id) rt_need_value "$@"; c_user=$2; shift ;;
      *) rt_is_uint "$1" || rt_die "$RT_EXIT_USAGE" "cancel: job id must be an integer, got '$1'"; c_ids="$c_ids $1" ;;
    esac
    shift
  done
  if [ "$c_all" = 1 ]; then
    rt_last_job_id
    c_id=1
    while [ "$c_id" -le "$RT_LAST_ID" ]; do
      rt_get "$RT_JOBS/$c_id/status"
      if [ -n "$RT_V" ] && ! rt_is_terminal "$RT_V"; then
        if [ -z "$c_user" ] || { rt_read_spec "$RT_JOBS/$c_id" 2>/dev/null && [ "$SKY_JOB_USER_ID" = "$c_user" ]; }; then
          c_ids="$c_ids $c_id"
        fi
      fi
      c_id=$((c_id + 1))
    done
  fi
  [ "$c_all" = 1 ] || [ -n "$c_ids" ] || rt_die "$RT_EXIT_USAGE" "usage: sky-rt -c CLUSTER cancel JOB_ID... | --all [--user-id ID]"
  c_rc=0
  for c_id in $c_ids; do
    if ! rt_job_dir "$c_id"; then
      printf '%s\tNOT_FOUND\n' "$c_id"
      c_rc=$RT_EXIT_NOT_FOUND
      continue
    fi
    rt_lock
    rt_get "$RT_JD/status"
    c_prev=$RT_V
    if ! rt_is_terminal "$c_prev"; then
      rt_put "$RT_JD/status" CANCELLED
      rt_put "$RT_JD/ended_at" "$(rt_now)"
    fi
    rt_unlock
    case $c_prev in SETTING_UP | RUNNING) rt_kill_job_everywhere "$c_id" ;; esac
    rt_get "$RT_JD/status"
    printf '%s\t%s\n' "$c_id" "$RT_V"
  done
  rt_schedule
  return "$c_rc"
}

# Ends every process of a job: its driver on the head, then its ranks on every node it touched.
rt_kill_job_everywhere() {
  k_d="$RT_JOBS/$1"
  rt_get "$k_d/driver_pid"
  k_drv=$RT_V
  [ -n "$k_drv" ] && kill -s TERM -- "-$k_drv" 2>/dev/null
  rt_read_spec "$k_d" 2>/dev/null
  if [ "$SKY_JOB_RUN_SETUP" = 1 ] && [ -f "$k_d/setup.sh" ]; then
    k_nodes=$(awk -v n="$RT_CONF_NUM_NODES" 'BEGIN { for (i = 0; i < n; i++) printf "%d ", i }')
  else
    rt_get "$k_d/nodes"
    k_nodes=$RT_V
  fi
  rt_kill_on_nodes "$1" "$k_nodes"
  [ -n "$k_drv" ] && kill -s KILL -- "-$k_drv" 2>/dev/null
  return 0
}

# Kills job $1 on the given node ranks, in parallel, and waits for all of them.
rt_kill_on_nodes() {
  k_pids=
  for k_r in $2; do
    if [ "$k_r" = "$RT_RANK" ]; then
      rt_kill_job_node "$1" &
    else
      rt_remote "$k_r" "$(rt_remote_rt "$k_r") kill-job $1" </dev/null &
    fi
    k_pids="$k_pids $!"
  done
  [ -z "$k_pids" ] || wait $k_pids
  return 0
}

# On one node: TERM the job's process groups (and, on Linux, any process carrying its tag), wait a
# grace period, then KILL what is left. A tombstone stops ranks that have not started yet.
rt_kill_job_node() {
  n_jd="$RT_JOBS/$1"
  mkdir -p "$n_jd"
  : >"$n_jd/cancelled"
  n_pgs=
  for n_f in "$n_jd"/pgid.*; do
    [ -f "$n_f" ] || continue
    read -r n_p <"$n_f" && rt_is_uint "$n_p" && n_pgs="$n_pgs $n_p"
  done
  rt_get "$n_jd/tag"
  n_tag=$RT_V
  rt_term_then_kill rt_signal_job rt_job_alive
}

rt_tagged_pids() {
  [ -n "$n_tag" ] && [ -r /proc/self/environ ] || return 0
  for n_e in $(grep -l -F "SKY_RT_JOB_TAG=$n_tag" /proc/[0-9]*/environ 2>/dev/null); do
    n_e=${n_e#/proc/}
    n_e=${n_e%/environ}
    [ "$n_e" = "$$" ] || printf '%s\n' "$n_e"
  done
}

rt_signal_job() {
  for n_p in $n_pgs; do kill -s "$1" -- "-$n_p" 2>/dev/null; done
  for n_p in $(rt_tagged_pids); do kill -s "$1" "$n_p" 2>/dev/null; done
  return 0
}

rt_job_alive() {
  for n_p in $n_pgs; do kill -0 -- "-$n_p" 2>/dev/null && return 0; done
  [ -n "$(rt_tagged_pids)" ]
}

rt_cmd_kill_job() {
  [ $# -eq 1 ] && rt_is_uint "$1" || rt_die "$RT_EXIT_USAGE" "usage: sky-rt -c CLUSTER -r RANK kill-job JOB_ID"
  rt_load_conf
  rt_kill_job_node "$1"
}
