#!/usr/bin/env bash
# Open-loop pipeline benchmark of the whole system (see infra/.../bench/PipelineBench.java and docs/benchmarks.md).
# Starts its own Partnerflow on free ports with fresh state in .partnerflow/bench, so stop ./run.sh first if the
# machine is small. The system (launcher: PostgreSQL, Kafka, relay, services) runs as a CHILD process (its output in
# .partnerflow/bench-launcher.log); this JVM is only the load side (load generator, Kafka observers, lag sampler,
# ledger poller), and its CPU is reported apart from the system's ("CPU:" = system, "CPU load generator:"). Installs pgbench (Debian package postgresql-contrib) for the calibration if it is missing.
#   bench/pipeline-bench.sh [--rates 5,10,20,40] [--seconds 30] [--partners 30] [--service-jvm-options "…"] [--no-calibration]
# Services run with the launcher's flags ("-Xmx160m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k": C1 only, as ./run.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v pgbench >/dev/null 2>&1; then
  echo "installing pgbench (postgresql-contrib) for the PostgreSQL calibration…"
  if [ "$(id -u)" = 0 ]; then apt-get install -y -q postgresql-contrib >/dev/null; else sudo apt-get install -y -q postgresql-contrib >/dev/null; fi
fi
if [ ! -f infra/target/partnerflow-infra.jar ] || [ ! -f payout-service/target/quarkus-app/quarkus-run.jar ]; then
  ./mvnw -q -B -ntp -DskipTests package
fi
exec java -Xmx512m -XX:+UseSerialGC -cp infra/target/partnerflow-infra.jar io.partnerflow.infra.bench.PipelineBench "$@"
