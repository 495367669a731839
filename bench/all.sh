#!/usr/bin/env bash
# Every benchmark in sequence, as for BENCHMARKS.md (about 40 minutes on 2 cores): JMH (request path and decision
# core), end to end, start-up, memory, attach. Each writes its report under bench/results/.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ensure_wrk
build_bench
mvn -B -q -pl bench/jmh -am package -DskipTests
mkdir -p bench/results
stamp=$(date -u +%Y%m%d-%H%M%S)
java -Djmh.ignoreLock=true -jar bench/jmh/target/benchmarks.jar -prof gc -rf json -rff "bench/results/jmh-$stamp.json" \
  'RequestPathBenchmark|DecisionBenchmark.(notCors|allowedActual|allowedPreflight|refusedPreflight)$' \
  | tee "bench/results/jmh-$stamp.txt"
run_harness io.corsagent.bench.JmhTable "bench/results/jmh-$stamp.txt" | tee "bench/results/jmh-$stamp.md"
run_harness io.corsagent.bench.EndToEndBenchmark --rounds 3 --seconds 4 --warmup 3
run_harness io.corsagent.bench.StartupBenchmark --runs 10
run_harness io.corsagent.bench.MemoryBenchmark
run_harness io.corsagent.bench.AttachBenchmark --runs 3 --seconds 8
run_harness io.corsagent.bench.PremainProfiler --runs 3
ls -l agent/dist/target/cors-agent.jar
