#!/usr/bin/env bash
# Runs the web application locally with its database (and RabbitMQ when BE_BUS_TRANSPORT=RabbitMq).
# BE_PORT sets the HTTP port (default 5080).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"
cd "$(repo_root)"

rabbit=0
[[ ${BE_BUS_TRANSPORT:-} == RabbitMq ]] && rabbit=1

if ((rabbit)); then "$here/install.sh" postgres rabbitmq; else "$here/install.sh" postgres; fi
"$here/postgres.sh" start
if ((rabbit)); then
  "$here/rabbitmq.sh" start
  export Bus__Transport=RabbitMq
  export Bus__RabbitMq__Url="$BE_RABBITMQ_URL"
fi

say "building"
dotnet build BuildingEconomy.sln -c Release -nologo -v q
dotnet run --no-build -c Release --project src/BuildingEconomy.Cli -- migrate
dotnet run --no-build -c Release --project src/BuildingEconomy.Cli -- seed-demo --if-empty

say "serving http://127.0.0.1:${BE_PORT:-5080}"
exec dotnet run --no-build -c Release --project src/BuildingEconomy.Web --urls "http://127.0.0.1:${BE_PORT:-5080}"
