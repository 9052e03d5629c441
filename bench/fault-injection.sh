#!/usr/bin/env bash
# The full fault-injection suite (issue #8; see infra/.../faults/FaultRun.java and docs/fault-injection.md): starts its own
# Partnerflow on free ports with fresh state in .partnerflow/faults (PostgreSQL durable, the Kafka broker as its own
# process), streams signed CRM deals, injects every fault, checks the invariants, replays the topics into fresh
# databases and prints a report (also written to .partnerflow/faults/fault-report-*.txt). Exit 0 = every check passed.
#   bench/fault-injection.sh [--rate 3] [--phase-seconds 20] [--partners 12]
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f infra/target/partnerflow-infra.jar ] || [ ! -f payout-service/target/quarkus-app/quarkus-run.jar ]; then
  ./mvnw -q -B -ntp -DskipTests package
fi
exec java -Xmx1g -XX:+UseSerialGC -cp infra/target/partnerflow-infra.jar io.partnerflow.infra.faults.FaultRun "$@"
