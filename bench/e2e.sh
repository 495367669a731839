#!/usr/bin/env bash
# End to end, under wrk: no agent / agent enforce / agent audit / the app writing the CORS fields itself / the
# container's own CORS handling, and no agent / agent enforce behind a chain of pass-through filters.
# Options (defaults): --containers jetty12,tomcat11 (or all: tomcat9,tomcat10,tomcat11,jetty94,jetty11,
# jetty12-ee8,jetty12,undertow22,undertow23,wildfly) --rounds 3 --repeats 1 --seconds 5 --warmup 2 --connections 16
# --chain 10 --server-cpus 0 --wrk-cpus 1 --jit-quiet 0.01 --max-warmup-passes 6;
# every set-up of a turn measured at once, sharing the server CPU: --at-once true;
# before/after: --agent-jars before.jar,after.jar; narrower: --setups "agent enforce,Tomcat" --scenarios NOT_CORS_GET;
# earlier runs pooled (nothing measured): --pool bench/results/e2e-a.csv,bench/results/e2e-b.csv
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ensure_wrk
build_bench
run_harness io.corsagent.bench.EndToEndBenchmark "$@"
