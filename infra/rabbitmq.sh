#!/usr/bin/env bash
# RabbitMQ for development and tests: rabbitmq.sh start|stop|status
# Loopback only; no plugins enabled.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# A fixed node name: the default rabbit@<hostname> changes when the container's hostname does,
# which leaves the old mnesia directory behind and makes the CLI look for a node that isn't there.
# Every command here (server and CLI) must see the same variables.
export RABBITMQ_NODENAME=rabbit@localhost
export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
export ERL_EPMD_ADDRESS=127.0.0.1
export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS='-kernel inet_dist_use_interface {127,0,0,1}'

is_running() {
  rabbitmq-diagnostics -q ping >/dev/null 2>&1
}

start() {
  if ! is_running; then
    # A broker started by hand under the default name would hold port 5672 and make ours fail.
    local other="rabbit@$(hostname -s)"
    if rabbitmq-diagnostics -q -n "$other" ping >/dev/null 2>&1; then
      say "stopping $other, started outside this script"
      rabbitmqctl -q -n "$other" stop
    fi
    say "starting RabbitMQ ($RABBITMQ_NODENAME)"
    rabbitmq-server -detached
  fi
  # await_startup fails at once until the node has registered with epmd, hence the loop.
  local deadline=$((SECONDS + 60))
  until rabbitmqctl -q await_startup >/dev/null 2>&1; do
    ((SECONDS < deadline)) || die "RabbitMQ not up after 60 s (see /var/log/rabbitmq/)"
    sleep 0.5
  done
  say "RabbitMQ ready: $BE_RABBITMQ_URL"
}

stop() {
  if is_running; then
    say "stopping RabbitMQ"
    rabbitmqctl -q stop
    local deadline=$((SECONDS + 30))
    while is_running && ((SECONDS < deadline)); do sleep 0.5; done
  else
    say "RabbitMQ not running"
  fi
}

status() {
  if is_running; then
    say "RabbitMQ running ($RABBITMQ_NODENAME)"
  else
    say "RabbitMQ not running"
    return 3
  fi
}

case "${1:-}" in
  start | stop | status) "$1" ;;
  *) die "usage: $0 start|stop|status" ;;
esac
