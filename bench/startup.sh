#!/usr/bin/env bash
# Start-up: JVM start to first served request with and without the agent, and the agent's premain time.
# Options (defaults): --runs 10 --containers jetty12,tomcat11 --server-cpus 0,1
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
build_bench
run_harness io.corsagent.bench.StartupBenchmark "$@"
