#!/usr/bin/env bash
# Where a bench server's CPU goes per request, without and with the agent: async-profiler (from Maven Central) on
# the server under wrk, after a JIT-idle warm-up. Options (defaults): --container jetty12 (any line) --filters 0
# --scenario NOT_CORS_GET --seconds 20 --mode enforce --agent-jars agent/dist/target/cors-agent.jar (several,
# comma-separated: one profile each); --at-once true profiles every set-up in the same seconds, sharing the server CPU.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ensure_wrk
build_bench
profiler=bench/harness/target/async-profiler
if [ ! -f "$profiler/libasyncProfiler.so" ]; then
  mvn -B -q dependency:copy -Dartifact=tools.profiler:async-profiler:3.0 -DoutputDirectory="$profiler"
  unzip -q -o -j "$profiler/async-profiler-3.0.jar" linux-x64/libasyncProfiler.so -d "$profiler"
fi
java -Dbench.async.profiler="$PWD/$profiler/libasyncProfiler.so" -cp bench/harness/target/bench-harness.jar \
  io.corsagent.bench.RequestProfiler "$@"
