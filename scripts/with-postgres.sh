#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL server.
#
#   scripts/with-postgres.sh <command> [args...]
#
# Starts a private PostgreSQL cluster in a temporary directory, runs the command with
# DATABASE_URL (and PGHOST/PGPORT/PGUSER/PGDATABASE) pointing at it, then stops the server and
# removes the directory - on success, on failure and on SIGINT/SIGTERM/SIGHUP. Exits with the
# command's status (128+N if we were killed by signal N). See DESIGN.md section 4.
#
# Binaries: the highest /usr/lib/postgresql/*/bin (override with PG_BIN=/path/to/bin). If none is
# found and we are root, `apt-get install postgresql` provides them. As root the server runs as
# the `postgres` user (created if absent) via runuser; otherwise as the current user.
#
# Environment knobs:
#   PG_FAST=1          fsync=off, synchronous_commit=off, full_page_writes=off (faster, not
#                      crash-safe; default keeps fsync ON because fault tests rely on durability)
#   PG_BIN=<dir>       directory holding initdb/pg_ctl/postgres
#   PG_PORT=<port>     use this port instead of picking a free one
#   PG_KEEP_LOG=<file> copy the server log there before the directory is removed
#
# The one status line and any diagnostics go to stderr; the command's stdout is untouched.
# Note: the cluster cannot be cleaned up if this script is killed with SIGKILL; leftovers are
# directories named ${TMPDIR:-/tmp}/verdicts-pg.* and a postgres process using them.

set -euo pipefail

prog=with-postgres
log() { printf '%s: %s\n' "$prog" "$*" >&2; }
die() { log "error: $*"; exit 1; }

if [[ $# -eq 0 || $1 == -h || $1 == --help ]]; then
  echo "usage: $0 <command> [args...]" >&2
  echo "  runs <command> with DATABASE_URL pointing at a throwaway PostgreSQL server" >&2
  [[ $# -eq 0 ]] && exit 2 || exit 0
fi

if ! command -v -- "$1" >/dev/null 2>&1; then
  log "error: command not found: $1"
  exit 127
fi

t_start=$(date +%s%N)
is_root=0
[[ $(id -u) -eq 0 ]] && is_root=1

# ---------------------------------------------------------------------------------------------
# Locate the server binaries.
find_bindir() {
  local d best=
  # Highest version first (sort -V handles 9.6 < 10 < 15 < 16).
  while IFS= read -r d; do
    if [[ -x $d/initdb && -x $d/pg_ctl && -x $d/postgres ]]; then best=$d; break; fi
  done < <(compgen -G '/usr/lib/postgresql/*/bin' | sort -rV || true)
  [[ -n $best ]] && { echo "$best"; return 0; }
  return 1
}

if [[ -n ${PG_BIN:-} ]]; then
  [[ -x $PG_BIN/initdb && -x $PG_BIN/pg_ctl && -x $PG_BIN/postgres ]] \
    || die "PG_BIN=$PG_BIN does not contain initdb, pg_ctl and postgres"
  bindir=$PG_BIN
elif ! bindir=$(find_bindir); then
  if [[ $is_root -eq 1 ]] && command -v apt-get >/dev/null 2>&1; then
    log "no PostgreSQL server binaries in /usr/lib/postgresql/*/bin; installing with apt-get (this takes a while)"
    export DEBIAN_FRONTEND=noninteractive
    apt_log=$(mktemp "${TMPDIR:-/tmp}/with-postgres-apt.XXXXXX")
    if ! { apt-get update -qq && apt-get install -y -qq postgresql; } >"$apt_log" 2>&1 </dev/null; then
      tail -n 30 "$apt_log" >&2 || true
      rm -f "$apt_log"
      die "apt-get install postgresql failed"
    fi
    rm -f "$apt_log"
    bindir=$(find_bindir) || die "postgresql installed but no server binaries found in /usr/lib/postgresql/*/bin"
  else
    die "no PostgreSQL server binaries found in /usr/lib/postgresql/*/bin (set PG_BIN, or install the 'postgresql' package; run as root to have this script install it)"
  fi
fi
pg_version=$("$bindir/postgres" --version 2>/dev/null | sed 's/^postgres (PostgreSQL) //') || pg_version=unknown

# ---------------------------------------------------------------------------------------------
# Who runs the server.
run_as_pg() {
  # Run from inside the temp dir so that an unreadable caller cwd (e.g. /root) does not matter.
  if [[ $is_root -eq 1 ]]; then
    (cd "$tmpdir" && runuser -u postgres -- "$@")
  else
    (cd "$tmpdir" && "$@")
  fi
}

if [[ $is_root -eq 1 ]]; then
  command -v runuser >/dev/null 2>&1 || die "runuser not found (util-linux); cannot drop privileges to postgres"
  if ! id -u postgres >/dev/null 2>&1; then
    log "creating system user 'postgres'"
    useradd --system --user-group --home-dir /var/lib/postgresql --no-create-home \
      --shell /bin/bash postgres 2>/dev/null \
      || adduser --system --group --home /var/lib/postgresql --no-create-home postgres >/dev/null \
      || die "could not create user 'postgres'"
  fi
fi

# ---------------------------------------------------------------------------------------------
# Temporary directory and cleanup.
tmpdir=
child=
server_started=0
cleaned=0
interrupted=0
interrupted_sig=
tree=

stop_server() {
  [[ $server_started -eq 1 ]] || return 0
  server_started=0
  local data=$tmpdir/data
  if ! run_as_pg "$bindir/pg_ctl" -D "$data" -m fast -t 30 -w stop >/dev/null 2>&1; then
    run_as_pg "$bindir/pg_ctl" -D "$data" -m immediate -t 10 -w stop >/dev/null 2>&1 || true
  fi
  # Last resort: the postmaster pid is the first line of postmaster.pid.
  if [[ -f $data/postmaster.pid ]]; then
    local pmpid
    pmpid=$(head -n 1 "$data/postmaster.pid" 2>/dev/null || true)
    if [[ $pmpid =~ ^[0-9]+$ ]] && kill -0 "$pmpid" 2>/dev/null; then
      log "server did not stop; killing postmaster $pmpid"
      kill -KILL "$pmpid" 2>/dev/null || true
      sleep 0.5
    fi
  fi
}

cleanup() {
  [[ $cleaned -eq 1 ]] && return 0
  cleaned=1
  stop_server
  if [[ -n ${PG_KEEP_LOG:-} && -n $tmpdir && -f $tmpdir/server.log ]]; then
    cp "$tmpdir/server.log" "$PG_KEEP_LOG" 2>/dev/null || true
  fi
  if [[ -n $tmpdir && -d $tmpdir ]]; then
    rm -rf -- "$tmpdir" || log "warning: could not remove $tmpdir"
  fi
}

# The command and all its descendants (the server is not among them: pg_ctl detaches it).
descendants() {
  local -A kids=()
  local f rest pid ppid
  for f in /proc/[0-9]*/stat; do
    read -r rest <"$f" 2>/dev/null || continue
    pid=${rest%% *}
    rest=${rest##*) }   # drop "pid (comm) "; comm may contain spaces and parentheses
    rest=${rest#* }     # drop the state letter
    ppid=${rest%% *}
    kids[$ppid]+="$pid "
  done
  local queue=("$1") out=() p
  while ((${#queue[@]})); do
    p=${queue[0]}
    queue=("${queue[@]:1}")
    out+=("$p")
    for pid in ${kids[$p]:-}; do queue+=("$pid"); done
  done
  echo "${out[@]}"
}

signal_tree() { # signal_tree SIG pid
  local p
  for p in $(descendants "$2"); do kill -"$1" "$p" 2>/dev/null || true; done
}

on_signal() {
  local sig=$1 num=$2
  if [[ -n $child ]] && kill -0 "$child" 2>/dev/null; then
    if [[ $interrupted -eq 0 ]]; then
      interrupted=$num
      interrupted_sig=$sig
      log "caught SIG$sig; stopping the command (pid $child)"
      tree=$(descendants "$child")
      signal_tree "$sig" "$child"
      return 0 # the main wait loop collects the child, then we clean up
    fi
    log "caught SIG$sig again; killing the command"
    signal_tree KILL "$child"
    return 0
  fi
  # Not running the command yet (or any more): clean up and go.
  die_by_signal "$sig" "$num"
}

# Clean up, then re-raise the signal so that a calling shell sees we were killed by it (and
# e.g. stops a loop on Ctrl-C); fall back to exit 128+N where the signal is ignored.
die_by_signal() {
  cleanup
  trap - EXIT "$1"
  kill -"$1" $$ 2>/dev/null || true
  exit $((128 + $2))
}

trap cleanup EXIT
trap 'on_signal INT 2' INT
trap 'on_signal TERM 15' TERM
trap 'on_signal HUP 1' HUP

base=${TMPDIR:-/tmp}
tmpdir=$(mktemp -d "$base/verdicts-pg.XXXXXX") || die "mktemp failed in $base"
if [[ $is_root -eq 1 ]]; then
  chown postgres: "$tmpdir"
  if ! runuser -u postgres -- test -w "$tmpdir" 2>/dev/null; then
    # $TMPDIR is not reachable by postgres (e.g. under /root); fall back to /tmp.
    rm -rf -- "$tmpdir"
    tmpdir=$(mktemp -d /tmp/verdicts-pg.XXXXXX)
    chown postgres: "$tmpdir"
  fi
fi
chmod 0700 "$tmpdir"
datadir=$tmpdir/data
sockdir=$tmpdir/sock
logfile=$tmpdir/server.log
run_as_pg mkdir -m 0700 "$sockdir"

# ---------------------------------------------------------------------------------------------
# initdb. --no-sync only skips initdb's final flush of the fresh cluster; the running server
# still fsyncs unless PG_FAST=1.
if ! run_as_pg "$bindir/initdb" -D "$datadir" -U postgres -A trust --encoding=UTF8 --locale=C \
     --no-sync >"$tmpdir/initdb.log" 2>&1; then
  tail -n 30 "$tmpdir/initdb.log" >&2 || true
  die "initdb failed"
fi

{
  echo "# added by scripts/with-postgres.sh"
  echo "max_connections = 200"
  echo "listen_addresses = '127.0.0.1'"
  echo "log_min_messages = warning"
  echo "log_line_prefix = '%m [%p] '"
  if [[ ${PG_FAST:-0} == 1 ]]; then
    echo "fsync = off"
    echo "synchronous_commit = off"
    echo "full_page_writes = off"
  fi
} | run_as_pg tee -a "$datadir/postgresql.conf" >/dev/null

# ---------------------------------------------------------------------------------------------
# Port: ask the kernel for a free one (node, else python3), else scan from 54329.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
pick_port() {
  local p
  if command -v node >/dev/null 2>&1; then
    p=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{process.stdout.write(String(s.address().port));s.close()})' 2>/dev/null) || p=
  fi
  if [[ -z ${p:-} ]] && command -v python3 >/dev/null 2>&1; then
    p=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1]);s.close()' 2>/dev/null) || p=
  fi
  if [[ -z ${p:-} ]]; then
    for ((p = 54329; p < 54429; p++)); do
      port_in_use "$p" || break
    done
  fi
  echo "$p"
}

start_ok=0
for attempt in 1 2 3; do
  if [[ -n ${PG_PORT:-} ]]; then port=$PG_PORT; else port=$(pick_port); fi
  [[ $port =~ ^[0-9]+$ ]] || die "could not find a free TCP port"
  # pg_ctl passes -o through a shell, hence the inner quotes around the socket directory.
  server_started=1
  if run_as_pg "$bindir/pg_ctl" -D "$datadir" -l "$logfile" -w -t 60 \
       -o "-k '$sockdir' -h 127.0.0.1 -p $port" start >"$tmpdir/pg_ctl.log" 2>&1; then
    start_ok=1
    break
  fi
  stop_server
  if [[ -z ${PG_PORT:-} ]] && grep -qiE 'could not (bind|create listen)|address already in use' "$logfile" 2>/dev/null; then
    log "port $port was taken; retrying ($attempt/3)"
    continue
  fi
  break
done
if [[ $start_ok -ne 1 ]]; then
  log "pg_ctl start failed; last lines of $logfile:"
  tail -n 30 "$logfile" >&2 2>/dev/null || cat "$tmpdir/pg_ctl.log" >&2 || true
  die "could not start PostgreSQL"
fi

export DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
export PGHOST=127.0.0.1 PGPORT=$port PGUSER=postgres PGDATABASE=postgres
unset PGPASSWORD PGSERVICE PGHOSTADDR 2>/dev/null || true

t_ready=$(date +%s%N)
ms=$(((t_ready - t_start) / 1000000))
log "PostgreSQL $pg_version on 127.0.0.1:$port (socket $sockdir, data $datadir, fsync $([[ ${PG_FAST:-0} == 1 ]] && echo off || echo on), started in ${ms}ms); DATABASE_URL=$DATABASE_URL"

# ---------------------------------------------------------------------------------------------
# Run the command in the background so that signals reach our traps while we wait. It stays in
# our process group (a terminal's Ctrl-C reaches it directly, and interactive commands such as
# psql can still read the terminal). Two details of background jobs are undone: they get
# /dev/null as stdin, and they ignore SIGINT/SIGQUIT.
exec 3<&0
(
  trap - INT QUIT
  exec "$@" <&3 3<&-
) &
child=$!
exec 3<&-

grace=${PG_KILL_GRACE:-10} # seconds between forwarding a signal and SIGKILL
status=
while [[ -z $status ]]; do
  set +e
  wait "$child"
  rc=$?
  set -e
  if ((rc <= 128)) || ! kill -0 "$child" 2>/dev/null; then
    # Finished. If a trapped signal interrupted `wait` just as the child exited, wait once more
    # for the real status (127 = already collected).
    if ((rc > 128)); then
      set +e
      wait "$child"
      rc2=$?
      set -e
      ((rc2 != 127)) && rc=$rc2
    fi
    status=$rc
  elif ((interrupted)); then
    # A signal was forwarded; give the command some time, then kill what is left of it.
    for ((i = 0; i < grace * 10; i++)); do
      kill -0 "$child" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$child" 2>/dev/null; then
      log "command still running ${grace}s after SIG$interrupted_sig; killing it"
      signal_tree KILL "$child"
    fi
  fi
done
child=

if ((interrupted)); then
  # Descendants that outlived the command (e.g. its own background jobs, which ignore SIGINT).
  for p in ${tree:-}; do kill -TERM "$p" 2>/dev/null || true; done
  die_by_signal "$interrupted_sig" "$interrupted"
fi
cleanup
trap - EXIT
exit "$status"
