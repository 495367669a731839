#!/usr/bin/env bash
# The soak of issue 9 (docs/SECURITY.md): mixed load at 64 connections against Tomcat 9 with the agent in enforce
# mode, the policy swapped by atomic rename every 3 seconds; zero errors, no live-heap growth, a bounded log.
# Ten minutes by default; not part of `mvn verify`. Options go to Maven, e.g. ./soak.sh -Dsoak.seconds=60
# The figures are printed and kept in agent-tests/soak/target/soak-report.txt.
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -q -Psoak -pl agent-tests/soak -am verify -Dtest=SoakTest -Dsurefire.failIfNoSpecifiedTests=false "$@"
cat agent-tests/soak/target/soak-report.txt
