#!/usr/bin/env bash
# PostgreSQL for development and tests: postgres.sh start|stop|status
# Uses the Debian cluster 15/main, listening on loopback only.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

VERSION=15
CLUSTER=main
CONF_DIR=/etc/postgresql/$VERSION/$CLUSTER
CONF_FILE=$CONF_DIR/conf.d/building-economy.conf

as_postgres() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else sudo -u postgres -- "$@"; fi
}

psql_admin() {
  as_postgres env PGOPTIONS="-c client_min_messages=warning" psql -X -q -v ON_ERROR_STOP=1 -p "$BE_PG_PORT" "$@"
}

data_dir() {
  pg_conftool -s "$VERSION" "$CLUSTER" show data_directory 2>/dev/null || echo "/var/lib/postgresql/$VERSION/$CLUSTER"
}

# A restored container can hold a postmaster.pid whose PID now belongs to an unrelated process;
# pg_ctl would then report "running" (or refuse to start), so judge by the process name.
is_running() {
  local pidfile pid
  pidfile="$(data_dir)/postmaster.pid"
  [[ -f $pidfile ]] || return 1
  pid=$(head -n1 "$pidfile")
  if [[ -n $pid && $(cat "/proc/$pid/comm" 2>/dev/null) == postgres ]]; then
    return 0
  fi
  say "removing stale $pidfile"
  rm -f "$pidfile"
  return 1
}

write_config() {
  local wanted
  # conf.d is read after postgresql.conf, so these win over its defaults.
  wanted=$(cat <<CONF
# Written by infra/postgres.sh; edit there.
listen_addresses = '127.0.0.1'
port = $BE_PG_PORT
jit = off
max_connections = 200
shared_buffers = 512MB
# Bulk loads (register imports, the demo loader, a month of returns) write gigabytes of WAL: with the default 1GB a
# checkpoint came every few seconds, and each made the next writes to every page log the whole page again.
max_wal_size = 8GB
CONF
)
  if [[ -f $CONF_FILE && $(cat "$CONF_FILE") == "$wanted" ]]; then
    return 1
  fi
  say "writing $CONF_FILE"
  printf '%s\n' "$wanted" >"$CONF_FILE"
  chown postgres:postgres "$CONF_FILE"
  return 0
}

wait_ready() {
  local deadline=$((SECONDS + 60))
  until pg_isready -q -h 127.0.0.1 -p "$BE_PG_PORT"; do
    ((SECONDS < deadline)) || die "PostgreSQL not ready on 127.0.0.1:$BE_PG_PORT after 60 s (see /var/log/postgresql/)"
    sleep 0.5
  done
}

provision() {
  # The role may create databases (tests clone template1) but is not a superuser.
  psql_admin -d postgres -v u="$BE_PG_USER" -v p="$BE_PG_PASSWORD" -v db="$BE_PG_DATABASE" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN', :'u') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'u') \gexec
SELECT format('ALTER ROLE %I LOGIN CREATEDB NOSUPERUSER PASSWORD %L', :'u', :'p') \gexec
SELECT format('ALTER ROLE %I SET jit = off', :'u') \gexec
-- Tests drop their databases WITH (FORCE), which must be able to end an autovacuum worker still in them.
SELECT format('GRANT pg_signal_backend TO %I', :'u') \gexec
SQL
  # Extensions live in template1 so every later database, including test clones, has them and the
  # migration's CREATE EXTENSION IF NOT EXISTS (which needs superuser for postgis) is a no-op.
  psql_admin -d template1 <<'SQL'
CREATE EXTENSION IF NOT EXISTS postgis;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
SQL
  psql_admin -d postgres -v u="$BE_PG_USER" -v db="$BE_PG_DATABASE" <<'SQL'
SELECT format('CREATE DATABASE %I OWNER %I TEMPLATE template1', :'db', :'u') WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SELECT format('ALTER DATABASE %I OWNER TO %I', :'db', :'u') \gexec
SELECT format('ALTER DATABASE %I SET jit = off', :'db') \gexec
SQL
  # A database created before template1 had the extensions would otherwise lack them.
  psql_admin -d "$BE_PG_DATABASE" <<'SQL'
CREATE EXTENSION IF NOT EXISTS postgis;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
SQL
}

start() {
  if [[ ! -d $CONF_DIR ]]; then
    say "creating cluster $VERSION/$CLUSTER"
    pg_createcluster --encoding UTF8 --locale C.UTF-8 --port "$BE_PG_PORT" "$VERSION" "$CLUSTER" >&2
  fi
  local changed=0
  write_config && changed=1
  if is_running; then
    # port, listen_addresses, max_connections and shared_buffers only take effect on restart.
    if ((changed)); then
      say "restarting PostgreSQL for the new settings"
      pg_ctlcluster "$VERSION" "$CLUSTER" restart
    fi
  else
    say "starting PostgreSQL $VERSION/$CLUSTER"
    pg_ctlcluster "$VERSION" "$CLUSTER" start
  fi
  wait_ready
  provision
  say "PostgreSQL ready on 127.0.0.1:$BE_PG_PORT, database $BE_PG_DATABASE"
}

stop() {
  if is_running; then
    say "stopping PostgreSQL $VERSION/$CLUSTER"
    pg_ctlcluster "$VERSION" "$CLUSTER" stop
  else
    say "PostgreSQL not running"
  fi
}

status() {
  if is_running && pg_isready -q -h 127.0.0.1 -p "$BE_PG_PORT"; then
    say "PostgreSQL running on 127.0.0.1:$BE_PG_PORT"
  else
    say "PostgreSQL not running"
    return 3
  fi
}

case "${1:-}" in
  start | stop | status) "$1" ;;
  *) die "usage: $0 start|stop|status" ;;
esac
