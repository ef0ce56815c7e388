#!/usr/bin/env bash
# Shared helpers and defaults; source it, do not run it.
# Every default yields to a value already in the environment, so a caller can override any of them.

repo_root() {
  (cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
}

# Progress goes to stderr so stdout stays clean for results (test.sh's summary line).
say() {
  printf '[infra] %s\n' "$*" >&2
}

die() {
  say "ERROR: $*"
  exit 1
}

export BE_PG_PORT="${BE_PG_PORT:-5432}"
export BE_PG_USER="${BE_PG_USER:-building_economy}"
export BE_PG_PASSWORD="${BE_PG_PASSWORD:-building_economy}"
export BE_PG_DATABASE="${BE_PG_DATABASE:-building_economy}"
# jit=off: PostGIS functions carry high cost estimates, so JIT would compile nearly every query.
export ConnectionStrings__BuildingEconomy="${ConnectionStrings__BuildingEconomy:-Host=127.0.0.1;Port=$BE_PG_PORT;Database=$BE_PG_DATABASE;Username=$BE_PG_USER;Password=$BE_PG_PASSWORD;Options=-c jit=off}"

export BE_RABBITMQ_URL="${BE_RABBITMQ_URL:-amqp://guest:guest@127.0.0.1:5672/}"
