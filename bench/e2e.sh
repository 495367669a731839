#!/usr/bin/env bash
# End to end: Jetty 12 ee10 and Tomcat 11, no agent / agent enforce / agent audit / the container's own CORS
# filter, under wrk. Options (defaults): --rounds 3 --repeats 1 --seconds 5 --warmup 2 --connections 16
# --containers jetty12,tomcat11 --server-cpus 0 --wrk-cpus 1 --jit-quiet 0.01 --max-warmup-passes 6;
# before/after: --agent-jars before.jar,after.jar; narrower: --setups "no agent,agent enforce" --scenarios NOT_CORS_GET
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ensure_wrk
build_bench
run_harness io.corsagent.bench.EndToEndBenchmark "$@"
