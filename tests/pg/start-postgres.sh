#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on loopback for the tests that need one, and prints the connection string.
#   eval "$(bash tests/pg/start-postgres.sh --env)"   # exports COMMSBOT_TEST_PG
#   bash tests/pg/start-postgres.sh --stop            # stops it
# Installs Debian's postgresql package when no server binaries are found (needs root and apt).
# Environment: COMMSBOT_PG_PORT (54329), COMMSBOT_PG_DIR (/tmp/commsbot-pg), COMMSBOT_PG_DB (commsbot_test).
set -euo pipefail
port="${COMMSBOT_PG_PORT:-54329}"
dir="${COMMSBOT_PG_DIR:-/tmp/commsbot-pg}"
db="${COMMSBOT_PG_DB:-commsbot_test}"
user=commsbot
password=commsbot

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

bin="$(find_bin)"
if [[ -z "$bin" || ! -x "$bin/initdb" ]]; then
  echo "start-postgres: installing postgresql from Debian" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
  bin="$(find_bin)"
fi

# The server refuses to run as root: run it as the 'postgres' system user (created by the package) when we are root.
as_pg() { if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if [[ "${1:-}" == "--stop" ]]; then
  [[ -f "$dir/data/postmaster.pid" ]] && as_pg "$bin/pg_ctl" -D "$dir/data" -m fast stop >&2 || true
  exit 0
fi

mkdir -p "$dir"
[[ "$(id -u)" == 0 ]] && chown postgres: "$dir"
if [[ ! -f "$dir/data/PG_VERSION" ]]; then
  as_pg "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
fi

if ! as_pg "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
  # Loopback only; the socket lives in the cluster's folder, not /var/run.
  as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=200 -c fsync=off -c synchronous_commit=off" start >&2 \
    || { cat "$dir/server.log" >&2; exit 1; }
fi

psql() { as_pg "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -qtAX "$@"; }
if [[ "$(psql -c "select 1 from pg_roles where rolname='$user'")" != 1 ]]; then
  psql -c "create role $user login password '$password' createdb" >&2
fi
# The tests drop their databases WITH (FORCE), which terminates whatever is still connected: an autovacuum worker
# there belongs to no role, and only pg_signal_backend may end it (else the drop fails now and then with 42501).
psql -c "grant pg_signal_backend to $user" >&2
if [[ "$(psql -c "select 1 from pg_database where datname='$db'")" != 1 ]]; then
  psql -c "create database $db owner $user" >&2
fi

cs="Host=127.0.0.1;Port=$port;Database=$db;Username=$user;Password=$password"
if [[ "${1:-}" == "--env" ]]; then
  echo "export COMMSBOT_TEST_PG='$cs'"
else
  echo "$cs"
fi
