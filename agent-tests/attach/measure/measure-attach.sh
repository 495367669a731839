#!/bin/sh
# Attach time (CLI start to enforcement) and the longest request stall while the agent retransforms loaded classes,
# on a running server line under load. Not a test: it prints figures. Build first:
#   mvn -B -q -pl agent-tests/attach -am package -DskipTests
# Usage: agent-tests/attach/measure/measure-attach.sh [server line, default tomcat9] [java home] [client threads]
set -eu
cd "$(dirname "$0")/../../.."
line=${1:-tomcat9}
java_home=${2:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
threads=${3:-2}
case $line in
  tomcat*) main=io.corsagent.tests.servers.TomcatTestServer ;;
  jetty12-ee10) main=io.corsagent.tests.servers.Jetty12Ee10TestServer ;;
  jetty12-ee8) main=io.corsagent.tests.servers.Jetty12Ee8TestServer ;;
  *) echo "unknown line $line" >&2; exit 2 ;;
esac
module=agent-tests/servers/$line
cp=$(cat "$module/target/classpath.txt")
[ -d "$module/target/classes" ] && cp="$module/target/classes:$cp"
policy=$(mktemp --suffix=.properties)
trap 'rm -f "$policy"' EXIT
printf 'allowed-origins = https://app.example.com\nallowed-methods = GET, PUT\n' > "$policy"
echo "line $line on $("$java_home/bin/java" -version 2>&1 | head -1); $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
java agent-tests/attach/measure/AttachMeasurement.java "$PWD/agent/dist/target/cors-agent.jar" \
  "$java_home/bin/java" "$cp" "$main" "$policy" "$threads"
