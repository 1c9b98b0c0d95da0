#!/usr/bin/env bash
# The cost of the cluster hop, measured (run by `./dev bench-cluster`): parley_relay_load against
# one relay on PostgreSQL, then against three relays in a cluster on the same PostgreSQL and a
# NATS server, same load, same machine, one run. Prints both and their ratio.
#
# Everything runs on loopback ports in a temporary folder and is stopped by pid at the end, also
# on Ctrl-C. PostgreSQL runs as `nobody` when this runs as root (initdb refuses root).
#
#   bench/cluster_load.sh BUILD_DIR [parley_relay_load arguments...]
set -euo pipefail

BUILD_DIR=${1:?usage: cluster_load.sh BUILD_DIR [load arguments]}
shift
RELAY="$BUILD_DIR/relay/parley-relay"
LOAD="$BUILD_DIR/bench/parley_relay_load"
LOAD_ARGS=("$@")
((${#LOAD_ARGS[@]})) || LOAD_ARGS=(--idle 10000 --rate 2000 --seconds 10)
RELAYS=${CLUSTER_RELAYS:-3}   # relays in the cluster (1 isolates the bus's cost from the extra processes)
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
AGENTS=20

for tool in "$RELAY" "$LOAD" "$PG_BIN/initdb" "$PG_BIN/pg_ctl" /usr/sbin/nats-server; do
  [[ -x $tool ]] || { echo "cluster_load: $tool is missing (./dev setup, then a native-release build)" >&2; exit 1; }
done

WORK=$(mktemp -d /tmp/parley-cluster-load-XXXXXX)
PIDS=()
PG_STARTED=0
as_pg() { if [[ $(id -u) == 0 ]]; then runuser -u nobody -- "$@"; else "$@"; fi; }
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  ((PG_STARTED)) && as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# --- servers ------------------------------------------------------------------------------------
[[ $(id -u) == 0 ]] && chown nobody "$WORK"
PG_PORT=$(free_port)
as_pg "$PG_BIN/initdb" -D "$WORK/pg" -U parley -A trust -E UTF8 --locale=C >"$WORK/initdb.log" 2>&1
as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg.log" -w \
  -o "-c listen_addresses=127.0.0.1 -c port=$PG_PORT -c unix_socket_directories='' -c max_connections=50" start >/dev/null
PG_STARTED=1
for db in single cluster; do
  psql -q -h 127.0.0.1 -p "$PG_PORT" -U parley -d postgres -c "CREATE DATABASE $db" >/dev/null
done
NATS_PORT=$(free_port)
/usr/sbin/nats-server --addr 127.0.0.1 --port "$NATS_PORT" >"$WORK/nats.log" 2>&1 &
PIDS+=($!)

agents_json=$("$LOAD" --print-agents --agents "$AGENTS" | sed '$ s/,$//')
write_config() {   # file database cluster(0|1)
  local cluster=""
  (($3)) && cluster=", \"cluster\": {\"nats\": [\"nats://127.0.0.1:$NATS_PORT\"]}"
  cat >"$1" <<EOF
{"listen": "127.0.0.1:8090", "origins": [],
 "store": {"kind": "postgresql", "url": "postgresql://parley@127.0.0.1:$PG_PORT/$2"},
 "identityKey": "cluster_load identity key, not a secret, 32+ bytes",
 "agents": [$agents_json]$cluster}
EOF
}

# Starts a relay: RELAY_PID and RELAY_PORT.
start_relay() {   # config name
  RELAY_PORT=$(free_port)
  "$RELAY" --config "$1" --listen "127.0.0.1:$RELAY_PORT" >"$WORK/$2.out" 2>"$WORK/$2.err" &
  RELAY_PID=$!
  PIDS+=("$RELAY_PID")
  for _ in $(seq 100); do grep -q "listening" "$WORK/$2.out" 2>/dev/null && break; sleep 0.1; done
  grep -q "listening" "$WORK/$2.out" || { echo "cluster_load: relay $2 did not start:" >&2; cat "$WORK/$2.err" >&2; exit 1; }
}

run_load() {   # label, then --url/--relay-pid pairs
  local label=$1; shift
  echo "== $label"
  "$LOAD" "$@" --agents "$AGENTS" "${LOAD_ARGS[@]}" | tee "$WORK/$label.txt"
}

# --- one relay ------------------------------------------------------------------------------------
write_config "$WORK/single.json" single 0
start_relay "$WORK/single.json" single
run_load single --url "ws://127.0.0.1:$RELAY_PORT" --relay-pid "$RELAY_PID"
kill "$RELAY_PID"; wait "$RELAY_PID" 2>/dev/null || true

# --- the cluster ----------------------------------------------------------------------------------
write_config "$WORK/cluster.json" cluster 1
urls=()
for i in $(seq "$RELAYS"); do
  start_relay "$WORK/cluster.json" "relay$i"
  urls+=(--url "ws://127.0.0.1:$RELAY_PORT" --relay-pid "$RELAY_PID")
done
# Every gateway must have heard the router's epoch (else a new connection is closed with 1013).
for _ in $(seq 100); do cat "$WORK"/relay?.err | grep -q "router of epoch" && break; sleep 0.1; done
sleep 2
run_load cluster "${urls[@]}"

# --- side by side ----------------------------------------------------------------------------------
# The number right after "  KEY" in a report.
figure() { awk -v key="$2" 'index($0, key) == 3 { split(substr($0, 3 + length(key)), f, " "); print f[1]; exit }' "$WORK/$1.txt"; }
echo
echo "== the cluster hop: 1 relay vs a cluster of $RELAYS (same PostgreSQL; the cluster adds NATS)"
printf '%-36s %12s %12s %10s\n' "" "1 relay" "cluster of $RELAYS" "ratio"
for key in "held" "achieved (delivered / duration)" "visitor -> agent p50" "visitor -> agent p99" "visitor -> ack p99"; do
  a=$(figure single "$key"); b=$(figure cluster "$key")
  ratio=$(awk -v a="$a" -v b="$b" 'BEGIN { if (a > 0) printf "%.2fx", b / a; else print "-" }')
  printf '%-36s %12s %12s %10s\n' "$key" "$a" "$b" "$ratio"
done
a=$(figure single "visitor -> agent p99"); b=$(figure cluster "visitor -> agent p99")
awk -v a="$a" -v b="$b" 'BEGIN { d = b - a; printf "cluster hop at p99: %+.2f ms (goal <= 5 ms: %s)\n", d, d <= 5 ? "met" : "NOT met" }'
