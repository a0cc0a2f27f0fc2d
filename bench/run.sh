#!/usr/bin/env bash
# Junction benchmark: one command. Builds Release, starts the fake upstream, Junction and a bare YARP hop as
# pinned child processes (gateway/floor on core 0; fake and load generator on core 1), drives them, prints a
# Markdown table and writes bench/results/latest.md (child logs and generated configs in bench/results/logs/).
# Usage: bench/run.sh [--quick]     (default ~3 minutes; --quick ~40 s, noisier)
set -euo pipefail
cd "$(dirname "$0")/.."

quick=()
for arg in "$@"; do
  case "$arg" in
    --quick) quick=(--quick) ;;
    *) echo "usage: bench/run.sh [--quick]" >&2; exit 2 ;;
  esac
done

command -v taskset >/dev/null || { echo "bench: taskset (util-linux) is required" >&2; exit 1; }
if [ "$(nproc)" -lt 2 ]; then
  echo "bench: needs at least 2 cores (gateway on core 0, fake and load generator on core 1)" >&2
  exit 1
fi

echo "[bench] building Release..." >&2
for project in src/Junction bench/Junction.Bench bench/Junction.Bench.Upstream bench/Junction.Bench.Floor; do
  dotnet build "$project" -c Release -nologo -v q >&2
done

mkdir -p bench/results
bench_pid=
cleanup() {
  # The orchestrator kills its children itself (exit, SIGINT, SIGTERM); this covers an orchestrator that died hard.
  if [ -n "$bench_pid" ] && kill -0 "$bench_pid" 2>/dev/null; then kill "$bench_pid" 2>/dev/null || true; fi
}
trap cleanup EXIT INT TERM

DOTNET_CLI_TELEMETRY_OPTOUT=1 taskset -c 1 dotnet bench/Junction.Bench/bin/Release/net10.0/Junction.Bench.dll \
  --root . --out bench/results/latest.md "${quick[@]}" &
bench_pid=$!
wait "$bench_pid"
