#!/usr/bin/env bash
# The cost of the cluster hop, measured (run by `./dev bench-cluster`): parley_relay_load against
# one relay on PostgreSQL, then against three relays in a cluster on the same PostgreSQL and a
# NATS server, same load, same machine, one run. The two alternate for several rounds (a shared
# 2-core machine is noisy from one minute to the next); prints each round, then the medians side by
# side and their ratio.
#
# Everything runs on loopback ports in a temporary folder and is stopped by pid at the end, also
# on Ctrl-C. PostgreSQL runs as `nobody` when this runs as root (initdb refuses root).
#
#   bench/cluster_load.sh BUILD_DIR [parley_relay_load arguments...]
#   CLUSTER_LOAD_ROUNDS=3 (rounds), CLUSTER_RELAYS=3 (relays in the cluster)
set -euo pipefail

BUILD_DIR=${1:?usage: cluster_load.sh BUILD_DIR [load arguments]}
shift
RELAY="$BUILD_DIR/relay/parley-relay"
LOAD="$BUILD_DIR/bench/parley_relay_load"
LOAD_ARGS=("$@")
((${#LOAD_ARGS[@]})) || LOAD_ARGS=(--idle 10000 --rate 2000 --seconds 10)
RELAYS=${CLUSTER_RELAYS:-3}   # relays in the cluster (1 isolates the bus's cost from the extra processes)
ROUNDS=${CLUSTER_LOAD_ROUNDS:-3}
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

# The number right after "  KEY" in a report.
figure() { awk -v key="$2" 'index($0, key) == 3 { split(substr($0, 3 + length(key)), f, " "); print f[1]; exit }' "$WORK/$1.txt"; }
run_load() {   # label, then --url/--relay-pid pairs
  local label=$1; shift
  "$LOAD" "$@" --agents "$AGENTS" "${LOAD_ARGS[@]}" >"$WORK/$label.txt"
  # A run that delivered nothing has no latency to compare: stop rather than print a 0 ms hop.
  local delivered; delivered=$(figure "$label" "achieved (delivered / duration)")
  awk -v d="${delivered:-0}" 'BEGIN { exit !(d > 0) }' || { echo "cluster_load: the $label run delivered nothing:" >&2; cat "$WORK/$label.txt" >&2; exit 1; }
}

median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

stop_relays() { local pid; for pid in "$@"; do kill "$pid"; wait "$pid" 2>/dev/null || true; done; }

# --- rounds: one relay, then the cluster, each on a database of its own ---------------------------
P99="visitor -> agent p99"
hops=()
for round in $(seq "$ROUNDS"); do
  for db in "single$round" "cluster$round"; do
    psql -q -h 127.0.0.1 -p "$PG_PORT" -U parley -d postgres -c "CREATE DATABASE $db" >/dev/null
  done
  write_config "$WORK/single.json" "single$round" 0
  start_relay "$WORK/single.json" single
  run_load "single$round" --url "ws://127.0.0.1:$RELAY_PORT" --relay-pid "$RELAY_PID"
  stop_relays "$RELAY_PID"

  write_config "$WORK/cluster.json" "cluster$round" 1
  urls=(); pids=()
  for i in $(seq "$RELAYS"); do
    start_relay "$WORK/cluster.json" "relay$i"
    urls+=(--url "ws://127.0.0.1:$RELAY_PORT" --relay-pid "$RELAY_PID"); pids+=("$RELAY_PID")
  done
  # Every gateway must have heard the router's epoch (else a new connection is closed with 1013).
  for _ in $(seq 100); do cat "$WORK"/relay?.err | grep -q "router of epoch" && break; sleep 0.1; done
  sleep 2
  run_load "cluster$round" "${urls[@]}"
  stop_relays "${pids[@]}"

  a=$(figure "single$round" "$P99"); b=$(figure "cluster$round" "$P99")
  hops+=("$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f", b - a }')")
  printf 'round %d: p99 1 relay %6.2f ms, cluster of %d %6.2f ms, hop %+.2f ms\n' "$round" "$a" "$RELAYS" "$b" "${hops[-1]}"
done
echo "== one round's full report, cluster of $RELAYS"
cat "$WORK/cluster$ROUNDS.txt"

# --- side by side ----------------------------------------------------------------------------------
echo
echo "== the cluster hop: 1 relay vs a cluster of $RELAYS, medians of $ROUNDS rounds (same PostgreSQL; the cluster adds NATS)"
printf '%-36s %12s %12s %10s\n' "" "1 relay" "cluster of $RELAYS" "ratio"
for key in "held" "achieved (delivered / duration)" "visitor -> agent p50" "$P99" "visitor -> ack p99"; do
  a=$(for r in $(seq "$ROUNDS"); do figure "single$r" "$key"; done | median)
  b=$(for r in $(seq "$ROUNDS"); do figure "cluster$r" "$key"; done | median)
  ratio=$(awk -v a="$a" -v b="$b" 'BEGIN { if (a > 0) printf "%.2fx", b / a; else print "-" }')
  printf '%-36s %12s %12s %10s\n' "$key" "$a" "$b" "$ratio"
done
hop=$(echo "${hops[*]}" | median)
awk -v d="$hop" -v all="${hops[*]}" 'BEGIN { printf "cluster hop at p99: %+.2f ms, the median of the rounds (%s) (goal <= 5 ms: %s)\n", d, all, d <= 5 ? "met" : "NOT met" }'
