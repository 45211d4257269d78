# sky-rt init: records what this node needs to know about its cluster.

rt_cmd_init() {
  i_cloud= i_region= i_zone= i_cpus= i_gpus=0 i_key= i_kh= i_transport= i_scale= i_nodes= i_count=0
  while [ $# -gt 0 ]; do
    rt_need_value "$@"
    case $1 in
      --cloud) i_cloud=$2 ;;
      --region) i_region=$2 ;;
      --zone) i_zone=$2 ;;
      --cpus) i_cpus=$2 ;;
      --gpus) i_gpus=$2 ;;
      --ssh-key) i_key=$2 ;;
      --known-hosts) i_kh=$2 ;;
      --transport) i_transport=$2 ;;
      --time-scale) i_scale=$2 ;;
      --node)
        rt_init_node "$i_count" "$2"
        i_nodes="$i_nodes$i_count $RT_N_ADDR $RT_N_PORT $RT_N_USER
"
        i_count=$((i_count + 1)) ;;
      *) rt_die "$RT_EXIT_USAGE" "init: unknown option '$1'" ;;
    esac
    shift 2
  done
  [ -n "$i_cloud" ] || rt_die "$RT_EXIT_USAGE" "init: --cloud is required"
  [ "$i_count" -gt 0 ] || rt_die "$RT_EXIT_USAGE" "init: at least one --node ADDR,PORT,USER is required"
  [ "$RT_RANK" -lt "$i_count" ] || rt_die "$RT_EXIT_USAGE" "init: rank $RT_RANK is not in the node list ($i_count nodes)"
  if [ -z "$i_cpus" ]; then
    i_cpus=$(getconf _NPROCESSORS_ONLN 2>/dev/null) || i_cpus=1
  fi
  rt_is_decimal "$i_cpus" || rt_die "$RT_EXIT_USAGE" "init: --cpus '$i_cpus' is not a number"
  rt_is_decimal "$i_gpus" || rt_die "$RT_EXIT_USAGE" "init: --gpus '$i_gpus' is not a number"
  [ -z "$i_scale" ] || rt_is_decimal "$i_scale" || rt_die "$RT_EXIT_USAGE" "init: --time-scale '$i_scale' is not a number"

  mkdir -p "$RT_JOBS" || rt_die 1 "init: cannot create $RT_JOBS"
  chmod 700 "$HOME/.sky" "$HOME/.sky/clusters" "$RT_CLUSTER_DIR" "$RT_NODE_DIR" 2>/dev/null
  {
    printf 'RT_CONF_NUM_NODES=%s\n' "$i_count"
    printf 'RT_CONF_CLOUD=%s\n' "$(rt_quote "$i_cloud")"
    printf 'RT_CONF_REGION=%s\n' "$(rt_quote "$i_region")"
    printf 'RT_CONF_ZONE=%s\n' "$(rt_quote "$i_zone")"
    printf 'RT_CONF_CPUS=%s\n' "$i_cpus"
    printf 'RT_CONF_GPUS=%s\n' "$i_gpus"
    printf 'RT_CONF_SSH_KEY=%s\n' "$(rt_quote "$i_key")"
    printf 'RT_CONF_KNOWN_HOSTS=%s\n' "$(rt_quote "$i_kh")"
    printf 'RT_CONF_TRANSPORT=%s\n' "$(rt_quote "$i_transport")"
    printf 'RT_CONF_TIME_SCALE=%s\n' "$i_scale"
  } >"$RT_CONF.tmp.$RT_PID" && mv -f "$RT_CONF.tmp.$RT_PID" "$RT_CONF" || rt_die 1 "init: cannot write $RT_CONF"
  printf '%s' "$i_nodes" >"$RT_NODES.tmp.$RT_PID" && mv -f "$RT_NODES.tmp.$RT_PID" "$RT_NODES" ||
    rt_die 1 "init: cannot write $RT_NODES"
}

# Parses ADDR,PORT,USER into RT_N_ADDR, RT_N_PORT, RT_N_USER.
rt_init_node() {
  case $2 in *,*,*,*) rt_die "$RT_EXIT_USAGE" "init: --node '$2' must be ADDR,PORT,USER" ;; esac
  RT_N_ADDR=${2%%,*}
  rt_rest=${2#*,}
  RT_N_PORT=${rt_rest%%,*}
  RT_N_USER=${rt_rest#*,}
  case $RT_N_ADDR in '' | *[!a-zA-Z0-9.:%_-]*) rt_die "$RT_EXIT_USAGE" "init: node $1 has an invalid address in '$2'" ;; esac
  rt_is_uint "$RT_N_PORT" || rt_die "$RT_EXIT_USAGE" "init: node $1 has an invalid port in '$2' (expected ADDR,PORT,USER)"
  case $RT_N_USER in '' | *[!a-zA-Z0-9._-]*) rt_die "$RT_EXIT_USAGE" "init: node $1 has an invalid user in '$2'" ;; esac
}
