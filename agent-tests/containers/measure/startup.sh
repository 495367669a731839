#!/bin/sh
# The agent's start-up cost on a server line: process CPU time and wall time from JVM start to the first served
# request, without the agent and with each agent jar, alternating runs of fresh JVMs. Not a test: it prints figures.
# CPU time is the figure to trust on a loaded machine. Build first:
#   mvn -B -q -pl agent/dist,agent-tests/servers/<line> -am package -DskipTests
# Usage: agent-tests/containers/measure/startup.sh [line, default tomcat10] [runs, default 10] [agent jar...]
#   (default agent jar: agent/dist/target/cors-agent.jar; give copies of older builds to compare before/after)
# STARTUP_JVM_OPTIONS adds JVM options to every start (e.g. -Xlog:class+load:file=/tmp/x.log).
set -eu
cd "$(dirname "$0")/../../.."
line=${1:-tomcat10}
runs=${2:-10}
[ $# -ge 2 ] && shift 2 || shift $#
[ $# -eq 0 ] && set -- "$PWD/agent/dist/target/cors-agent.jar"
case $line in
  tomcat*) main=io.corsagent.tests.servers.TomcatTestServer ;;
  jetty12-ee10) main=io.corsagent.tests.servers.Jetty12Ee10TestServer ;;
  jetty12-ee8) main=io.corsagent.tests.servers.Jetty12Ee8TestServer ;;
  jetty94|jetty11) main=io.corsagent.tests.servers.JettyTestServer ;;
  undertow*) main=io.corsagent.tests.servers.UndertowTestServer ;;
  *) echo "unknown line $line" >&2; exit 2 ;;
esac
module=agent-tests/servers/$line
cp=$(cat "$module/target/classpath.txt")
[ -d "$module/target/classes" ] && cp="$module/target/classes:$cp"
policy=$(mktemp --suffix=.properties)
trap 'rm -f "$policy"' EXIT
printf 'allowed-origins = https://app.example.com\nallowed-methods = GET, PUT\n' > "$policy"
echo "line $line on $(java -version 2>&1 | head -1); $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
java agent-tests/containers/measure/StartupMeasurement.java java "$cp" "$main" "$policy" "$runs" - "$@"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
