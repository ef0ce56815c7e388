#!/usr/bin/env bash
# Installs the system packages the project needs: install.sh [postgres] [rabbitmq] [browser]
# (no argument = all). Packages already present are skipped, so a ready machine never touches apt.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

groups=("$@")
[[ ${#groups[@]} -gt 0 ]] || groups=(postgres rabbitmq browser)

wanted=()
for g in "${groups[@]}"; do
  case "$g" in
    postgres) wanted+=(postgresql-15 postgresql-15-postgis-3 postgresql-contrib) ;;
    rabbitmq) wanted+=(rabbitmq-server) ;;
    # Without the CJK font Chinese text renders as empty boxes in screenshots and layout checks.
    browser) wanted+=(chromium fonts-wqy-microhei) ;;
    *) die "unknown group '$g' (expected: postgres rabbitmq browser)" ;;
  esac
done

missing=()
for p in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  say "packages present: ${groups[*]}"
  exit 0
fi

sudo=()
[[ $(id -u) -eq 0 ]] || sudo=(sudo)
# Wait for a concurrent apt/dpkg instead of failing on its lock.
apt=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -y -q -o DPkg::Lock::Timeout=600)

say "installing: ${missing[*]}"
"${apt[@]}" update
"${apt[@]}" install --no-install-recommends "${missing[@]}"
