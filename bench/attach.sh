#!/usr/bin/env bash
# Attach: CLI start to enforcement on a running server under load, the longest request and safepoint pause during it,
# and where the time goes (the -Dcors-agent.timeline marks of the CLI and the agent). Jetty and Tomcat take turns.
# Options (defaults): --runs 5 --seconds 10 --attach-after 3 --containers jetty12,tomcat11 --server-cpus 0 --wrk-cpus 1
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ensure_wrk
build_bench
run_harness io.corsagent.bench.AttachBenchmark "$@"
