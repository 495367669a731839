# Shared by the bench/*.sh scripts: run from anywhere, work from the repository root.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# The agent jar, the bench servers (with their class paths) and the harness, from this checkout.
build_bench() {
  mvn -B -q -Pbench -pl agent/dist,bench/jetty12,bench/tomcat11,bench/harness -am package -DskipTests
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
