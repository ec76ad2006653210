#!/usr/bin/env bash
# Runs a command N times in a row while the machine is fully loaded: two busy-loop
# processes per core run beside it the whole time. Stops at the first failure.
#   scripts/under-load.sh 10 npm run test:unit
#   scripts/under-load.sh 3 npm run test:e2e
set -uo pipefail
runs=${1:?usage: under-load.sh RUNS COMMAND...}
shift
busy=()
for _ in $(seq 1 $(($(nproc) * 2))); do
  bash -c 'while :; do :; done' &
  busy+=($!)
done
trap 'kill "${busy[@]}" 2>/dev/null' EXIT
echo "under-load: ${#busy[@]} busy loops on $(nproc) cores"
for run in $(seq 1 "$runs"); do
  started=$(date +%s)
  if ! "$@" >"/tmp/under-load-$run.log" 2>&1; then
    echo "under-load: run $run of $runs FAILED after $(($(date +%s) - started)) s (log: /tmp/under-load-$run.log)"
    exit 1
  fi
  echo "under-load: run $run of $runs passed in $(($(date +%s) - started)) s"
done
