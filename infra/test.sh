#!/usr/bin/env bash
# Builds the solution and runs every test project under tests/, one at a time.
#   test.sh [filter]            filter is passed to `dotnet test --filter`
#   BE_TEST_PROJECTS="A B"      run only these projects (names of tests/<name>/<name>.csproj)
# The last line on stdout is the summary: "N passed, N failed[, N skipped]".
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"
cd "$(repo_root)"

[[ $# -gt 0 ]] && filter=(--filter "$1") || filter=()

# A setup failure is still reported as a failing run so whoever reads the last line sees it.
setup_failed() {
  say "ERROR: $*"
  echo "0 passed, 1 failed"
  exit 1
}

"$here/install.sh" || setup_failed "install.sh failed"
"$here/postgres.sh" start || setup_failed "PostgreSQL did not start"
"$here/rabbitmq.sh" start || setup_failed "RabbitMQ did not start"
export BE_TEST_RABBITMQ_URL="$BE_RABBITMQ_URL"

say "building"
dotnet build BuildingEconomy.sln -c Release -nologo -v q || setup_failed "build failed"

results="$(mktemp -d "${TMPDIR:-/tmp}/be-test-results.XXXXXX")"

projects=()
for proj in tests/*/*.csproj; do
  [[ -e $proj ]] || continue
  name="$(basename "$proj" .csproj)"
  if [[ -n ${BE_TEST_PROJECTS:-} && " $BE_TEST_PROJECTS " != *" $name "* ]]; then continue; fi
  projects+=("$proj")
done
[[ ${#projects[@]} -gt 0 ]] || setup_failed "no test projects found (BE_TEST_PROJECTS='${BE_TEST_PROJECTS:-}')"

# counter NAME < file: one attribute of the trx <Counters .../> element (0 when absent).
counter() {
  local v
  v=$(tr '\n' ' ' | grep -o '<Counters [^>]*>' | head -n1 | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" || true)
  echo "${v:-0}"
}

passed=0 failed=0 skipped=0 total=0
for proj in "${projects[@]}"; do
  name="$(basename "$proj" .csproj)"
  say "testing $name"
  rc=0
  dotnet test "$proj" -c Release --no-build "${filter[@]}" \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results" || rc=$?
  trx="$results/$name.trx"
  if [[ ! -f $trx ]]; then
    say "ERROR: $name produced no results (exit $rc)"
    failed=$((failed + 1))
    continue
  fi
  p=$(counter passed <"$trx")
  # error/timeout/aborted are failures too, only counted separately by the trx writer.
  f=$(($(counter failed <"$trx") + $(counter error <"$trx") + $(counter timeout <"$trx") + $(counter aborted <"$trx")))
  t=$(counter total <"$trx")
  # VSTest counts a skipped xUnit test in total but not in executed, and leaves notExecuted at 0.
  s=$(($t - $(counter executed <"$trx")))
  ((s >= 0)) || s=0
  # A test host that crashed after writing results can leave clean counters behind a failing exit.
  if ((rc != 0 && f == 0 && t > 0)); then
    say "ERROR: $name exited with $rc although no test failed"
    f=1
  fi
  passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s)) total=$((total + t))
done

if ((failed == 0 && total > 0)); then rm -rf "$results"; else say "test results kept in $results"; fi
summary="$passed passed, $failed failed"
((skipped > 0)) && summary+=", $skipped skipped"
((total > 0)) || { say "ERROR: no tests ran"; ((failed > 0)) || summary="0 passed, 1 failed"; }
echo "$summary"
((failed == 0 && total > 0))
