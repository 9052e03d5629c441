#!/usr/bin/env bash
# Rebuild speed of analytics-service (issue #17; see analytics-service/.../RebuildBenchmark.java and docs/benchmarks.md
# "Analytics rebuild"). Starts real PostgreSQL + Kafka + analytics-service (its @QuarkusTest set-up), produces N events
# across the six topics analytics reads, lets the live consumers apply them, rebuilds TWICE via POST /admin/rebuild
# and writes analytics-service/target/rebuild-bench.json (events/s of each rebuild, read-model hash equal to live).
#   bench/analytics-rebuild-bench.sh [N]          (default 100000; add -o to MVN_FLAGS when ~/.m2 is complete)
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-100000}"
./mvnw -B -ntp ${MVN_FLAGS:-} -pl analytics-service -am verify -Dtest=RebuildBenchmark \
  -Dsurefire.failIfNoSpecifiedTests=false -Drebuild.bench.events="$N"
cat analytics-service/target/rebuild-bench.json
