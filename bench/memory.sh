#!/usr/bin/env bash
# Memory: live heap before and after 1,000,000 requests with random origins, no agent / enforce / audit.
# Options (defaults): --requests 1000000 --warmup 15 --container jetty12 --server-cpus 0 --wrk-cpus 1
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ensure_wrk
build_bench
run_harness io.corsagent.bench.MemoryBenchmark "$@"
ls -l agent/dist/target/cors-agent.jar
