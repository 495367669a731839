#!/usr/bin/env bash
# Where cors-agent's premain spends its time (JFR, 1 ms sampling, several fresh JVMs). Options: --runs 3.
# -Dbench.agent.jar=other.jar profiles another build (before/after a change): put it before the class name.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
build_bench
run_harness io.corsagent.bench.PremainProfiler "$@"
