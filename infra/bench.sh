#!/usr/bin/env bash
# Runs every benchmark and prints one table: each figure, the baseline measured in the same run, the ratio and the target.
#   bench.sh            the national data set (50,000 buildings, 1,000,000 spaces, 2,000,000 enterprises, 24 months),
#                       prepared once into the database be_bench_national (about 6 minutes, reused afterwards);
#                       writes the table with the machine it ran on to docs/benchmarks.md
#   bench.sh --quick    the tiny data set in a scratch database, in a minute or two; the test suite runs it so it never rots
#   BE_BENCH_NO_BUILD=1 use the build already there (the test suite sets it, with BE_BENCH_CONFIGURATION, default Release)
# Exits non-zero when a benchmark fails or prints no figures; a target not met is reported in the table, not as a failure.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"
cd "$(repo_root)"

quick=0
[[ ${1:-} == --quick ]] && quick=1

"$here/install.sh" postgres rabbitmq
"$here/postgres.sh" start
"$here/rabbitmq.sh" start
if [[ ${BE_BENCH_NO_BUILD:-} != 1 ]]; then
  say "building"
  dotnet build BuildingEconomy.sln -c "${BE_BENCH_CONFIGURATION:-Release}" -nologo -v q
fi

cli_dll=src/BuildingEconomy.Cli/bin/${BE_BENCH_CONFIGURATION:-Release}/net10.0/BuildingEconomy.Cli.dll
web_dll=src/BuildingEconomy.Web/bin/${BE_BENCH_CONFIGURATION:-Release}/net10.0/BuildingEconomy.Web.dll
connection() {
  echo "Host=127.0.0.1;Port=$BE_PG_PORT;Database=$1;Username=$BE_PG_USER;Password=$BE_PG_PASSWORD;Options=-c jit=off"
}
# cli DATABASE COMMAND [options]: the administrative CLI against one database.
cli() {
  local database=$1
  shift
  ConnectionStrings__BuildingEconomy="$(connection "$database")" dotnet "$cli_dll" "$@"
}
sql() {
  PGPASSWORD="$BE_PG_PASSWORD" psql -h 127.0.0.1 -p "$BE_PG_PORT" -U "$BE_PG_USER" -d postgres -v ON_ERROR_STOP=1 -Atqc "$1"
}
# Tolerates a database that is briefly still in use by a process that just ended.
drop_database() {
  sql "DROP DATABASE IF EXISTS $1 WITH (FORCE)" || say "could not drop database $1"
}

database=""
logs="$(mktemp -d "${TMPDIR:-/tmp}/be-bench.XXXXXX")"
web_pid=""
cleanup() {
  [[ -n $web_pid ]] && kill "$web_pid" 2>/dev/null || true
  if ((quick)) && [[ -n $database ]]; then drop_database "$database"; fi
}
trap cleanup EXIT

failed=()
# bench NAME COMMAND...: runs one benchmark, its output shown and kept in $logs/NAME.log; a failure is noted, not fatal.
bench() {
  local name=$1
  shift
  say "benchmark: $name"
  if ! "$@" 2>&1 | tee "$logs/$name.log"; then
    say "ERROR: benchmark $name failed"
    failed+=("$name")
  fi
}

complete_mark="national data set, loaded completely"
if ((quick)); then
  size=tiny queries=20 iterations=2 returns=20 pings=200 import_rounds=1
  database="be_bench_quick_$$"
  drop_database "$database"
  sql "CREATE DATABASE $database"
  cli "$database" migrate >/dev/null
  cli "$database" seed-demo --size=tiny >/dev/null
else
  size=national queries=200 iterations=20 returns=50000 pings=20000 import_rounds=2
  database=be_bench_national
  if [[ $(sql "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '$database'") == "$complete_mark" ]]; then
    say "reusing the national data set in database $database"
    cli "$database" migrate >/dev/null
  else
    say "preparing the national data set in database $database (once, about 6 minutes)"
    drop_database "$database"
    sql "CREATE DATABASE $database"
    cli "$database" migrate >/dev/null
    cli "$database" seed-demo --size=national
    sql "COMMENT ON DATABASE $database IS '$complete_mark'"
  fi
fi
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"

# 1. The register import against raw binary COPY of the same rows (in a scratch database of its own); nationally the
#    best of two rounds of each, as either can lose a quarter of its speed to whatever else the machine does.
bench import cli "$database" bench-import --size="$size" --rounds="$import_rounds"

# 2. Search through the HTTP API of a running web host, against the database's own time; then the host's memory.
search_and_memory() {
  # The project's content root, as infra/run.sh has it: its appsettings.json (logging at Warning, not every request) applies.
  ConnectionStrings__BuildingEconomy="$(connection "$database")" dotnet "$web_dll" --urls http://127.0.0.1:0 --contentRoot "$(pwd)/src/BuildingEconomy.Web" >"$logs/web-host.log" 2>&1 &
  web_pid=$!
  local url="" tries=0
  while [[ -z $url ]]; do
    ((tries++ < 600)) || { echo "the web host did not start (see $logs/web-host.log)"; return 1; }
    kill -0 "$web_pid" 2>/dev/null || { echo "the web host exited (see $logs/web-host.log)"; return 1; }
    sleep 0.1
    url="$(grep -o 'Now listening on: http://[0-9.:]*' "$logs/web-host.log" | head -n1 | sed 's/Now listening on: //' || true)"
  done
  cli "$database" bench-search --url="$url" --queries="$queries"
  local peak_kib resident_kib
  peak_kib="$(awk '/^VmHWM:/ {print $2}' "/proc/$web_pid/status")"
  resident_kib="$(awk '/^VmRSS:/ {print $2}' "/proc/$web_pid/status")"
  echo "web host: resident $((resident_kib / 1024)) MiB now, peak $((peak_kib / 1024)) MiB"
  printf 'BENCHMARK-FIGURE {"benchmark":"memory","figure":"web host peak resident memory, serving the search benchmark","value":%s,"unit":"MiB","target":"< 1024 MiB","met":%s}\n' \
    "$((peak_kib / 1024))" "$( ((peak_kib < 1024 * 1024)) && echo true || echo false)"
  kill "$web_pid"
  wait "$web_pid" 2>/dev/null || true
  web_pid=""
}
bench search search_and_memory

# 3. The dashboards: server time of each dashboard API call, p50/p95.
bench dashboard cli "$database" bench-dashboard --iterations="$iterations"

# 4. A month of returns through RabbitMQ beside the plain bus; it writes, so the national set gets a throw-away copy.
returns_month() {
  local target=$database
  if ((!quick)); then
    target=be_bench_returns
    drop_database "$target"
    sql "CREATE DATABASE $target TEMPLATE $database"
  fi
  local rc=0
  cli "$target" bench-returns --allow-writes=yes --returns="$returns" --pings="$pings" --lines=40 --url="$BE_RABBITMQ_URL" || rc=$?
  ((quick)) || drop_database "$target"
  return "$rc"
}
bench returns returns_month

# 5. One table from every benchmark's figure lines.
table="$logs/table.md"
report_rc=0
cli "$database" bench-report --expect=import,search,memory,dashboard,returns "$logs"/{import,search,dashboard,returns}.log >"$table" || report_rc=$?
{
  echo "# Benchmarks"
  echo
  echo "Produced by \`infra/bench.sh$( ((quick)) && echo ' --quick')\` on $(date -u '+%Y-%m-%d %H:%M UTC'), $size data set."
  echo
  echo "Machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) cores," \
    "$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo) memory, $(. /etc/os-release && echo "$PRETTY_NAME")," \
    ".NET SDK $(dotnet --version), $(PGPASSWORD="$BE_PG_PASSWORD" psql -h 127.0.0.1 -p "$BE_PG_PORT" -U "$BE_PG_USER" -d postgres -Atc 'SHOW server_version' | cut -d' ' -f1 | sed 's/^/PostgreSQL /');" \
    "load average before the run: $load_before."
  echo
  cat "$table"
} >"$logs/benchmarks.md"
echo
cat "$logs/benchmarks.md"
if ((!quick)); then
  mkdir -p docs
  cp "$logs/benchmarks.md" docs/benchmarks.md
  say "written to docs/benchmarks.md"
fi

if ((${#failed[@]} > 0 || report_rc != 0)); then
  say "ERROR: failed: ${failed[*]:-} (logs in $logs)"
  exit 1
fi
rm -rf "$logs"
