# exec-rank: runs one rank of a job phase on this node, in its own session, and exits with its code.
#   exec-rank JOB_ID PHASE RANK TAG [--stdin]
# With --stdin the job's files arrive as a bundle on stdin (from the head); without, they are
# already in this node's job folder (rank 0 on the head).

# Runs inside the new session. Positional: job folder, phase, rank, user shell, shell flags, umask.
RT_RANK_MAIN='
jd=$1 phase=$2 k=$3 user_shell=$4 flags=$5 user_umask=$6
echo $$ >"$jd/pgid.$phase"
[ -e "$jd/cancelled" ] && exit 137
echo "SKY_RT_PID $$"
if [ -d "$HOME/sky_workdir" ]; then cd "$HOME/sky_workdir" || exit 1; else cd "$HOME" || exit 1; fi
if [ -f "$jd/env" ]; then . "$jd/env" || exit 1; fi
. "$jd/vars.$phase.$k" || exit 1
umask "$user_umask"
exec "$user_shell" $flags "$jd/$phase.sh"
'

rt_cmd_exec_rank() {
  [ $# -ge 4 ] || rt_die "$RT_EXIT_USAGE" "usage: exec-rank JOB_ID PHASE RANK TAG [--stdin]"
  rt_is_uint "$1" && rt_is_uint "$3" || rt_die "$RT_EXIT_USAGE" "exec-rank: bad job id or rank"
  case $2 in setup | run) ;; *) rt_die "$RT_EXIT_USAGE" "exec-rank: phase must be setup or run" ;; esac
  x_jd="$RT_JOBS/$1"
  mkdir -p "$x_jd" || exit 1
  if [ "${5:-}" = --stdin ]; then
    rt_recv_bundle "$x_jd" || rt_die 1 "exec-rank: the job bundle from the head was incomplete"
  fi
  [ -f "$x_jd/$2.sh" ] && [ -f "$x_jd/vars.$2.$3" ] || rt_die 1 "exec-rank: job $1 has no $2 script on node $RT_RANK"
  rt_put "$x_jd/tag" "$4"
  [ -e "$x_jd/cancelled" ] && exit 137
  # SkyPilot runs user scripts with bash; sh is the fallback on minimal images.
  x_shell=$(command -v bash 2>/dev/null) || x_shell=/bin/sh
  x_flags=
  [ "$2" = setup ] && x_flags=-e
  rt_run_in_session sh -c "$RT_RANK_MAIN" sky-rank "$x_jd" "$2" "$3" "$x_shell" "$x_flags" "$SKY_RT_USER_UMASK" \
    </dev/null 2>&1
}

# Unpacks a bundle (see rt_send_bundle) from stdin into folder $1, checking every size.
rt_recv_bundle() {
  b_tmp="$1/.bundle.$RT_PID"
  cat >"$b_tmp" || return 1
  b_hdr=0 b_list= b_first=1 b_sum=0
  while IFS= read -r b_line; do
    b_hdr=$((b_hdr + ${#b_line} + 1))
    if [ "$b_first" = 1 ]; then
      [ "$b_line" = 'sky-rt-bundle 1' ] || { rm -f "$b_tmp"; return 1; }
      b_first=0
      continue
    fi
    [ "$b_line" = -- ] && break
    b_name=${b_line% *}
    b_size=${b_line##* }
    case $b_name in '' | *[!a-zA-Z0-9._-]* | .*) rm -f "$b_tmp"; return 1 ;; esac
    rt_is_uint "$b_size" || { rm -f "$b_tmp"; return 1; }
    b_list="$b_list $b_name:$b_size"
    b_sum=$((b_sum + b_size))
  done <"$b_tmp"
  [ "$b_line" = -- ] && [ $(($(wc -c <"$b_tmp"))) -eq $((b_hdr + b_sum)) ] || { rm -f "$b_tmp"; return 1; }
  b_off=$b_hdr
  for b_e in $b_list; do
    b_size=${b_e##*:}
    tail -c +$((b_off + 1)) "$b_tmp" | head -c "$b_size" >"$1/${b_e%:*}"
    b_off=$((b_off + b_size))
  done
  rm -f "$b_tmp"
}
