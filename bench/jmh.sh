#!/usr/bin/env bash
# Decision core and per-request path (JMH, with -prof gc). Extra arguments go to JMH, e.g. a benchmark regex.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
mvn -B -q -Pbench -pl bench/jmh,bench/harness -am package -DskipTests
mkdir -p bench/results
stamp=$(date -u +%Y%m%d-%H%M%S)
java -jar bench/jmh/target/benchmarks.jar -prof gc -rf json -rff "bench/results/jmh-$stamp.json" \
  "${@:-RequestPathBenchmark|DecisionBenchmark}" | tee "bench/results/jmh-$stamp.txt"
run_harness io.corsagent.bench.JmhTable "bench/results/jmh-$stamp.txt" | tee "bench/results/jmh-$stamp.md"
