#!/usr/bin/env bash
# Runs the whole Partnerflow system on this machine: PostgreSQL, Kafka (KRaft), the Debezium outbox relay
# and the six services, then the web portal (its URL printed first). Builds first if needed. Ctrl-C stops everything. Options are passed through
# (e.g. ./run.sh --clean to start from empty databases); see: java -jar infra/target/partnerflow-infra.jar --help
set -euo pipefail
cd "$(dirname "$0")"
need_build=false
for m in infra partner-service deal-service attribution-service incentive-service payout-service analytics-service portal; do
  case $m in
    infra) jar=infra/target/partnerflow-infra.jar ;;
    *) jar=$m/target/quarkus-app/quarkus-run.jar ;;
  esac
  if [ ! -f "$jar" ] || [ -n "$(find "$m/src" "$m/pom.xml" -newer "$jar" -print -quit 2>/dev/null)" ]; then need_build=true; fi
done
if $need_build || [ "${PARTNERFLOW_REBUILD:-}" = 1 ]; then
  echo "Building (./mvnw -q -DskipTests package)…"
  ./mvnw -q -B -ntp -DskipTests package
fi
exec java -Xmx768m -XX:+UseSerialGC -jar infra/target/partnerflow-infra.jar run --demo "$@"
