#!/usr/bin/env bash
# Seconds from launching the jar until /actuator/health answers, for a fresh embedded database
# (first start: initdb, migrations, demo data) and then for restarts of the same database.
# Usage: bench/startup-time.sh [restarts]   (build first: ./mvnw -q package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
port="${SERVER_PORT:-18080}"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT

start_once() {
  local label=$1 started pid
  started=$(date +%s%N)
  SERVER_PORT=$port PARTNERHUB_DATA_DIR="$dir" "$java" -jar target/partnerhub.jar > "$dir/$label.log" 2>&1 &
  pid=$!
  until curl -sf "localhost:$port/actuator/health" > /dev/null 2>&1; do
    kill -0 "$pid" 2> /dev/null || { echo "$label: the platform exited; see $dir/$label.log"; cat "$dir/$label.log"; exit 1; }
    sleep 0.05
  done
  echo "$label: ready after $(( ($(date +%s%N) - started) / 1000000 )) ms"
  kill "$pid"; wait "$pid" 2> /dev/null || true
}

start_once first-start
for i in $(seq 1 "${1:-3}"); do
  start_once "restart-$i"
done
