#!/usr/bin/env bash
# Builds cors-agent and the demo app, then starts the demo with the agent enforcing demo-app/cors-policy.properties.
# Open the URL it prints (the shop's frontend), then the attacker's page it links to.
#
#   ./demo.sh              with the agent, enforcing the policy
#   ./demo.sh --audit      with the agent in audit mode: nothing changes, the agent logs what it would do
#   ./demo.sh --no-agent   the legacy app as it is, bugs and all
#   ./demo.sh --no-build   skip the Maven build (reuse the jars of an earlier run)
set -euo pipefail
cd "$(dirname "$0")"

agent=enforce
build=yes
for arg in "$@"; do
  case "$arg" in
    --audit) agent=audit ;;
    --no-agent) agent=none ;;
    --no-build) build=no ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "demo.sh: unknown option $arg (try --help)" >&2; exit 2 ;;
  esac
done

agent_jar=agent/dist/target/cors-agent.jar
demo_jar=demo-app/target/demo-app.jar
policy=$PWD/demo-app/cors-policy.properties

if [[ $build == yes ]]; then
  echo "demo.sh: building cors-agent and the demo app (mvn package, tests skipped)..."
  mvn -B -q -pl agent/dist,demo-app -am package -DskipTests
fi

for jar in "$demo_jar" "$agent_jar"; do
  [[ -f $jar ]] || { echo "demo.sh: $jar is missing: run ./demo.sh without --no-build" >&2; exit 1; }
done

jvm_options=()
case "$agent" in
  enforce) jvm_options+=("-javaagent:$agent_jar=$policy") ;;
  audit) jvm_options+=("-javaagent:$agent_jar=$policy,mode=audit") ;;
  none) ;;
esac

echo "demo.sh: starting the demo ($([[ $agent == none ]] && echo "without cors-agent" || echo "cors-agent, $agent mode"))"
echo "demo.sh: open http://localhost:8081/ (the shop's frontend), then http://localhost:8082/ (an attacker's page)"
exec java "${jvm_options[@]}" -jar "$demo_jar"
