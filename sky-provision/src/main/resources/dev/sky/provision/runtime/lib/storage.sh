# Bucket file mounts with rclone: COPY (a one-off download on the node), MOUNT and MOUNT_CACHED, and the wait for
# cached writes at the end of a job. Each entry has a folder $RT_NODE_DIR/storage/<id>/ holding its rclone.conf (one
# remote, 0600, written by sky; COPY deletes it once the copy ends), mode, dest, pid (mounts), copied (COPY) and
# rclone.log. Credentials never appear on a command line.

# Variables that must not reach rclone: the remote's own options are the only credentials it may use.
RT_STORAGE_UNSET='-u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY -u AWS_SESSION_TOKEN -u AWS_PROFILE
  -u AWS_DEFAULT_PROFILE -u AWS_SHARED_CREDENTIALS_FILE -u AWS_CONFIG_FILE -u AWS_CA_BUNDLE -u RCLONE_CONFIG
  -u GOOGLE_APPLICATION_CREDENTIALS -u AZURE_STORAGE_KEY -u AZURE_STORAGE_CONNECTION_STRING'

rt_storage_dir() {
  RT_S_DIR="$RT_NODE_DIR/storage/$1"
}

# Is the folder a mount point? /proc/mounts on Linux, mount(8) elsewhere.
rt_is_mounted() {
  if [ -r /proc/mounts ]; then
    awk -v d="$1" '$2 == d { f = 1 } END { exit !f }' /proc/mounts
  else
    mount | grep -q " on $1 "
  fi
}

rt_fusermount() {
  if command -v fusermount3 >/dev/null 2>&1; then fusermount3 "$@"; elif command -v fusermount >/dev/null 2>&1; then
    fusermount "$@"; else umount "$2" 2>/dev/null; fi
}

# rclone (and, for mounts, FUSE), installed only when a bucket entry needs them, and only on real machines (never on
# the local cloud, whose nodes are this machine: there sky refuses the launch up front instead).
# rt_storage_tools fuse: for a mount; rt_storage_tools copy: rclone alone.
rt_storage_tools() {
  if [ "$1" = fuse ]; then s_pkgs='rclone fuse3' s_why='bucket mounts'; else s_pkgs=rclone s_why='COPY'; fi
  if { ! command -v rclone >/dev/null 2>&1 || { [ "$1" = fuse ] && ! command -v fusermount3 >/dev/null 2>&1 &&
    ! command -v fusermount >/dev/null 2>&1; }; } && [ "$RT_CONF_CLOUD" != local ] && sudo -n true 2>/dev/null; then
    printf 'sky-rt: installing %s for %s on node %s\n' "$s_pkgs" "$s_why" "$RT_RANK" >&2
    if command -v apt-get >/dev/null 2>&1; then
      sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $s_pkgs >/dev/null 2>&1 ||
        { sudo -n apt-get update -qq >/dev/null 2>&1 &&
          sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $s_pkgs >/dev/null 2>&1; }
    fi
    command -v rclone >/dev/null 2>&1 || curl -fsSL https://rclone.org/install.sh | sudo -n bash >/dev/null 2>&1
  fi
  command -v rclone >/dev/null 2>&1 ||
    rt_die 1 "storage: rclone is not installed on node $RT_RANK, and it could not be installed ($s_why needs it)"
  [ "$1" = fuse ] || return 0
  [ -c /dev/fuse ] && [ -r /dev/fuse ] && [ -w /dev/fuse ] ||
    rt_die 1 "storage: FUSE is not usable on node $RT_RANK (/dev/fuse is missing or not open to $(id -un)); bucket mounts need it"
}

# The node path for a destination as the task wrote it (~ and relative paths are under $HOME).
rt_storage_dest() {
  case $1 in
    "~") s_dest=$HOME ;;
    "~/"*) s_dest="$HOME/${1#??}" ;;
    /*) s_dest=$1 ;;
    *) s_dest="$HOME/$1" ;;
  esac
}

# storage-copy ID DEST REMOTE: downloads REMOTE (name:bucket/path of the rclone.conf sky wrote) into DEST, once, as
# SkyPilot's COPY does: new and changed objects are fetched, files already in DEST that the bucket lacks are kept.
# The rclone.conf is deleted when the copy ends, whatever its outcome: COPY keeps no credential on the node.
rt_cmd_storage_copy() {
  [ $# -eq 3 ] || rt_die "$RT_EXIT_USAGE" "usage: storage-copy ID DEST REMOTE"
  case $1 in '' | *[!a-zA-Z0-9_-]*) rt_die "$RT_EXIT_USAGE" "storage-copy: bad id '$1'" ;; esac
  rt_load_conf
  rt_storage_dir "$1"
  s_remote=$3
  rt_storage_dest "$2"
  [ -f "$RT_S_DIR/rclone.conf" ] || rt_die 1 "storage-copy: $RT_S_DIR/rclone.conf is missing"
  trap 'rm -f "$RT_S_DIR/rclone.conf"' EXIT
  rt_storage_tools copy
  mkdir -p "$s_dest" || rt_die 1 "storage-copy: cannot create $s_dest"
  rt_put "$RT_S_DIR/mode" COPY
  rt_put "$RT_S_DIR/dest" "$s_dest"
  rm -f "$RT_S_DIR/copied"
  : >"$RT_S_DIR/rclone.log"
  # INFO logs one line per object fetched ("Copied"), never a credential; rclone keeps its own retries.
  if env $RT_STORAGE_UNSET rclone copy "$s_remote" "$s_dest" --config "$RT_S_DIR/rclone.conf" --transfers 16 \
    --log-level INFO --log-file "$RT_S_DIR/rclone.log" </dev/null >/dev/null 2>>"$RT_S_DIR/rclone.log"; then
    rt_put "$RT_S_DIR/copied" "$(rt_now) $(grep -c 'Copied' "$RT_S_DIR/rclone.log") object(s) fetched"
    return 0
  fi
  printf 'sky-rt: storage: rclone could not copy %s to %s: %s\n' "$s_remote" "$s_dest" \
    "$(rt_storage_last_error "$RT_S_DIR/rclone.log")" >&2
  exit 1
}

# rclone's most telling error in LOG: the last ERROR line that is not a retry summary, else its final "Failed to"
# line; without the timestamp, and with any SAS signature masked (rclone's Azure errors may quote a URL).
rt_storage_last_error() {
  s_err=$(grep -h -E 'ERROR|CRITICAL|Fatal' "$1" 2>/dev/null | grep -v -E 'Attempt [0-9]+/[0-9]+ failed' | tail -n 1)
  [ -n "$s_err" ] || s_err=$(grep -h 'Failed' "$1" 2>/dev/null | tail -n 1)
  printf '%s' "$s_err" | sed -e 's/^[0-9\/]* [0-9:]* //' -e 's/^ERROR : //' -e 's/sig=[^&" ]*/sig=REDACTED/g'
}

# storage-mount ID MODE DEST REMOTE: mounts REMOTE (name:bucket/path of the rclone.conf sky wrote) at DEST.
rt_cmd_storage_mount() {
  [ $# -eq 4 ] || rt_die "$RT_EXIT_USAGE" "usage: storage-mount ID MOUNT|MOUNT_CACHED DEST REMOTE"
  case $1 in '' | *[!a-zA-Z0-9_-]*) rt_die "$RT_EXIT_USAGE" "storage-mount: bad mount id '$1'" ;; esac
  case $2 in MOUNT | MOUNT_CACHED) ;; *) rt_die "$RT_EXIT_USAGE" "storage-mount: mode must be MOUNT or MOUNT_CACHED" ;; esac
  rt_load_conf
  rt_storage_dir "$1"
  s_mode=$2 s_remote=$4
  rt_storage_dest "$3"
  [ -f "$RT_S_DIR/rclone.conf" ] || rt_die 1 "storage-mount: $RT_S_DIR/rclone.conf is missing"
  rt_storage_tools fuse
  rt_get "$RT_S_DIR/pid"
  if rt_is_mounted "$s_dest"; then
    # A re-launch: the mount stands while its rclone runs.
    [ -n "$RT_V" ] && kill -0 "$RT_V" 2>/dev/null && exit 0
    rt_fusermount -uz "$s_dest" 2>/dev/null
  fi
  mkdir -p "$s_dest" || rt_die 1 "storage-mount: cannot create $s_dest"
  if [ "$s_mode" = MOUNT ]; then
    # No cache: writes stream to the bucket and close() returns once the object is stored.
    s_flags='--vfs-cache-mode off --dir-cache-time 5s'
  else
    # The cleaner's log line ("in use 0, to upload 0, uploading 0") tells storage-flush when writes are stored.
    s_flags="--vfs-cache-mode full --vfs-write-back 1s --vfs-cache-poll-interval 1s --cache-dir $RT_S_DIR/cache"
  fi
  rt_put "$RT_S_DIR/mode" "$s_mode"
  rt_put "$RT_S_DIR/dest" "$s_dest"
  : >>"$RT_S_DIR/rclone.log"
  rt_detach "$RT_S_DIR/rclone.out" env $RT_STORAGE_UNSET rclone mount "$s_remote" "$s_dest" \
    --config "$RT_S_DIR/rclone.conf" --allow-non-empty --log-level INFO --log-file "$RT_S_DIR/rclone.log" $s_flags
  rt_put "$RT_S_DIR/pid" "$RT_DETACHED_PID"
  s_i=0
  while ! rt_is_mounted "$s_dest"; do
    if ! kill -0 "$RT_DETACHED_PID" 2>/dev/null || [ "$s_i" -ge 300 ]; then
      kill "$RT_DETACHED_PID" 2>/dev/null
      printf 'sky-rt: storage: rclone could not mount %s at %s: %s\n' "$s_remote" "$s_dest" \
        "$(grep -h -E 'ERROR|CRITICAL|Fatal' "$RT_S_DIR/rclone.log" "$RT_S_DIR/rclone.out" 2>/dev/null | tail -n 2 | tr '\n' ' ')" >&2
      exit 1
    fi
    sleep 0.1
    s_i=$((s_i + 1))
  done
  if [ "$s_mode" = MOUNT_CACHED ]; then : >"$RT_NODE_DIR/storage/has_cached"; fi
}

# storage-flush: waits until every MOUNT_CACHED mount of this node has uploaded what was written to it.
rt_cmd_storage_flush() {
  for s_d in "$RT_NODE_DIR"/storage/*/; do
    [ -f "${s_d}mode" ] || continue
    rt_get "${s_d}mode"
    [ "$RT_V" = MOUNT_CACHED ] || continue
    rt_get "${s_d}dest"; s_dest=$RT_V
    rt_get "${s_d}pid"; s_pid=$RT_V
    s_from=$(($(wc -c <"${s_d}rclone.log")))
    s_t0=$(rt_now) s_said=$s_t0
    while :; do
      if [ -z "$s_pid" ] || ! kill -0 "$s_pid" 2>/dev/null; then
        printf 'sky: cached mount %s: rclone is not running; writes not yet uploaded are lost\n' "$s_dest"
        break
      fi
      # The first cleaner report written after the job ended that shows nothing pending.
      if tail -c +$((s_from + 1)) "${s_d}rclone.log" | grep 'vfs cache: cleaned:' | tail -n 1 |
        grep -q 'in use 0, to upload 0, uploading 0'; then
        printf 'sky: cached mount upload complete (took %ss)\n' $(($(rt_now) - s_t0))
        break
      fi
      s_now=$(rt_now)
      if [ $((s_now - s_said)) -ge 10 ]; then
        printf 'sky: cached mount is still uploading (elapsed: %ss)\n' $((s_now - s_t0))
        # Say why when rclone keeps failing (its log holds no credential).
        tail -c +$((s_from + 1)) "${s_d}rclone.log" | grep 'failed to upload' | tail -n 1 | sed 's/^/sky: rclone: /'
        s_said=$s_now
      fi
      sleep 0.5
    done
  done
}

# Called by the driver before a job's final status: flushes the cached mounts on the job's nodes.
rt_storage_flush_nodes() {
  [ -f "$RT_NODE_DIR/storage/has_cached" ] || return 0
  printf 'sky: waiting for cached mounts to finish uploading before the job ends\n'
  for s_r in $1; do
    if [ "$s_r" = "$RT_RANK" ]; then
      rt_cmd_storage_flush
    else
      rt_remote "$s_r" "$(rt_remote_rt "$s_r") storage-flush" </dev/null
    fi
  done
}

# storage-unmount: ends every mount of this node (TERM lets rclone unmount cleanly).
rt_cmd_storage_unmount() {
  for s_d in "$RT_NODE_DIR"/storage/*/; do
    [ -f "${s_d}pid" ] || continue
    rt_get "${s_d}pid"
    [ -n "$RT_V" ] && kill "$RT_V" 2>/dev/null
    rt_get "${s_d}dest"
    [ -n "$RT_V" ] && rt_is_mounted "$RT_V" && rt_fusermount -uz "$RT_V" 2>/dev/null
  done
  return 0
}
