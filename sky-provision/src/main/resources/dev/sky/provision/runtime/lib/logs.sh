# sky-rt logs: prints or follows a job's combined log (run.log). Copies bytes, never lines, so
# long lines pass intact; --tail reads only the end of the file.

rt_cmd_logs() {
  l_id= l_follow=0 l_tail=0
  while [ $# -gt 0 ]; do
    case $1 in
      --follow) l_follow=1 ;;
      --no-follow) l_follow=0 ;;
      --tail)
        rt_need_value "$@"
        rt_is_uint "$2" || rt_die "$RT_EXIT_USAGE" "logs: --tail needs a number of lines, got '$2'"
        l_tail=$2
        shift ;;
      *) [ -z "$l_id" ] || rt_die "$RT_EXIT_USAGE" "logs: one job id at a time"; l_id=$1 ;;
    esac
    shift
  done
  rt_require_head
  rt_load_conf
  if [ -z "$l_id" ]; then
    rt_last_job_id
    [ "$RT_LAST_ID" -ge 1 ] || rt_die "$RT_EXIT_NOT_FOUND" "no jobs on cluster '$RT_CLUSTER'"
    l_id=$RT_LAST_ID
  fi
  rt_job_dir "$l_id" || rt_die "$RT_EXIT_NOT_FOUND" "job $l_id not found on cluster '$RT_CLUSTER'"
  rt_get "$RT_JD/log_dir"
  l_file="$RT_V/run.log"
  l_off=0
  if [ "$l_tail" -gt 0 ]; then
    l_size=$(rt_file_size "$l_file")
    rt_print_last_lines "$l_file" "$l_size" "$l_tail"
    l_off=$l_size
  fi
  if [ "$l_follow" = 0 ]; then
    [ "$l_tail" -gt 0 ] || rt_copy_range "$l_file" 0 "$(rt_file_size "$l_file")"
    return 0
  fi
  while :; do
    # Status first: a terminal status is written after the last log byte.
    rt_get "$RT_JD/status"
    l_st=$RT_V
    l_size=$(rt_file_size "$l_file")
    if [ "$l_size" -gt "$l_off" ]; then
      rt_copy_range "$l_file" "$l_off" "$l_size"
      l_off=$l_size
    fi
    rt_is_terminal "$l_st" && return 0
    rt_sleep 0.5
  done
}

rt_file_size() {
  if [ -f "$1" ]; then echo $(($(wc -c <"$1"))); else echo 0; fi
}

# Bytes [FROM, TO) of a file.
rt_copy_range() {
  [ "$3" -gt "$2" ] || return 0
  tail -c +$(($2 + 1)) "$1" | head -c $(($3 - $2))
}

# The last N lines of the first SIZE bytes, reading a growing chunk from the end.
rt_print_last_lines() {
  t_chunk=65536
  while :; do
    if [ "$t_chunk" -ge "$2" ]; then
      rt_copy_range "$1" 0 "$2" | tail -n "$3"
      return 0
    fi
    t_from=$(($2 - t_chunk))
    t_nl=$(($(rt_copy_range "$1" "$t_from" "$2" | wc -l)))
    if [ "$t_nl" -gt "$3" ]; then
      rt_copy_range "$1" "$t_from" "$2" | tail -n "$3"
      return 0
    fi
    t_chunk=$((t_chunk * 4))
  done
}
