#!/usr/bin/env bash
# The rebuild benchmark (issue #16; infra/.../faults/RebuildBench.java, docs/benchmarks.md): starts its own Partnerflow
# with fresh state in .partnerflow/rebuild, writes N won deals onto deal.events, lets the live services work through
# them (the ledger path, then the analytics and partner read models: each time printed), then replays the topics into
# FRESH attribution/incentive/payout databases and compares the ledger hashes. By default the copies are chained (each
# reads what the one before derived); --from-topics: each reads the topics its service consumes, all at once,
# partner.events first; --partners-late: the same with partner.events beside the money topics (work waits for partners).
# Prints the times; exit 0 = the hashes are equal.
# The services run with C2 (as on Kubernetes) unless --service-jvm-options says otherwise (RebuildBench.java).
#   bench/rebuild-bench.sh [--deals 100000] [--partners 30] [--limit-minutes 30] [--service-jvm-options "..."] [--from-topics | --partners-late]
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f infra/target/partnerflow-infra.jar ] || [ ! -f payout-service/target/quarkus-app/quarkus-run.jar ]; then
  ./mvnw -q -B -ntp -DskipTests package
fi
exec java -Xmx2g -XX:+UseSerialGC -cp infra/target/partnerflow-infra.jar io.partnerflow.infra.faults.RebuildBench "$@"
