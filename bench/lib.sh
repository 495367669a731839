# Shared by the bench/*.sh scripts: run from anywhere, work from the repository root.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Every container line the bench serves (a module under bench/ each, its class path in target/classpath.txt;
# WildFly's module also unpacks the distribution).
BENCH_LINES="tomcat9 tomcat10 tomcat11 jetty94 jetty11 jetty12-ee8 jetty12 undertow22 undertow23 wildfly"

# The agent jar, the bench servers (with their class paths) and the harness, from this checkout.
build_bench() {
  local modules=agent/dist,bench/harness line
  for line in $BENCH_LINES; do
    modules="$modules,bench/$line"
  done
  mvn -B -q -Pbench -pl "$modules" -am package -DskipTests
}

# Debian's wrk, installed when missing (the benchmarks run as root on Debian/Ubuntu).
ensure_wrk() {
  if ! command -v wrk >/dev/null; then
    apt-get update -qq && apt-get install -y -qq wrk >/dev/null
  fi
}

run_harness() {
  java -cp bench/harness/target/bench-harness.jar "$@"
}
