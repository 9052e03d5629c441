#!/bin/sh
# Registers the outbox relay in Kafka Connect: one Debezium PostgreSQL connector per service database,
# named outbox-<db>, built from THE connector configuration that the local/test relay uses
# (infra/src/main/resources/outbox-connector.properties, mounted read-only; docs/adr/0002-outbox-relay.md).
#
# For every database the connector config is exactly:
#   every key of the properties file, with "${db}" in values replaced by the database name (as
#   io.partnerflow.infra.OutboxRelay#connectorConfig does; "${routedByValue}" and any other text stay
#   as they are, for the EventRouter),
#   + database.hostname / database.port / database.user / database.password / database.dbname.
# Converters are NOT per connector: the Connect worker sets StringConverter (key, value) and
# SimpleHeaderConverter (headers) for all of them (docker-compose.yml, service "connect").
#
# PUT /connectors/<name>/config creates or updates, so re-running is safe:
#   docker compose run --rm connect-init
# Then it waits until each connector AND its task report RUNNING (the task creates the replication
# slot when it starts; snapshot.mode=no_data means rows written before the slot exists are never
# relayed, which is why the services start only after this script succeeded).
#
# Environment (defaults in brackets):
#   CONNECT_URL           Kafka Connect REST endpoint            [http://connect:8083]
#   CONNECTOR_PROPERTIES  the properties file                     [/config/outbox-connector.properties]
#   DATABASES             service databases, comma/space separated [partner,deal,attribution,incentive,payout,analytics]
#   DATABASE_HOSTNAME     [postgres]   DATABASE_PORT [5432]
#   DATABASE_USER         [postgres]   DATABASE_PASSWORD [postgres]   (superuser, like the local relay)
#   WAIT_SECONDS          how long to wait for Connect, then for each connector [180]
#   DRY_RUN=1             print the JSON that would be sent, contact nothing
#
# POSIX sh + awk + curl only (runs in curlimages/curl, busybox).
set -eu

CONNECT_URL=${CONNECT_URL:-http://connect:8083}
CONNECTOR_PROPERTIES=${CONNECTOR_PROPERTIES:-/config/outbox-connector.properties}
DATABASES=${DATABASES:-partner,deal,attribution,incentive,payout,analytics}
export DATABASE_HOSTNAME="${DATABASE_HOSTNAME:-postgres}"
export DATABASE_PORT="${DATABASE_PORT:-5432}"
export DATABASE_USER="${DATABASE_USER:-postgres}"
export DATABASE_PASSWORD="${DATABASE_PASSWORD:-postgres}"
WAIT_SECONDS=${WAIT_SECONDS:-180}
DRY_RUN=${DRY_RUN:-0}

log() { printf '%s connect-init: %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

[ -r "$CONNECTOR_PROPERTIES" ] || die "cannot read $CONNECTOR_PROPERTIES (mount infra/src/main/resources/outbox-connector.properties there)"

# JSON object of one database's connector config on stdout. Parses the properties file the way
# java.util.Properties does for what this file uses (comments '#'/'!', key ends at the first '=', ':'
# or blank, blanks around the separator dropped); backslash escapes and line continuations are refused
# rather than guessed. All values reach awk through ENVIRON (awk -v would interpret backslashes).
connector_json() {
    DB="$1" awk '
        function jesc(s,    out, i, c) {
            out = ""
            for (i = 1; i <= length(s); i++) {
                c = substr(s, i, 1)
                if (c == "\\") out = out "\\\\"
                else if (c == "\"") out = out "\\\""
                else if (c == "\t") out = out "\\t"
                else out = out c
            }
            return out
        }
        function replace_all(s, from, to,    out, i) {
            out = ""
            while ((i = index(s, from)) > 0) {
                out = out substr(s, 1, i - 1) to
                s = substr(s, i + length(from))
            }
            return out s
        }
        function put(k, v) {
            if (!(k in val)) order[++n] = k
            val[k] = v
        }
        {
            sub(/\r$/, "")
            line = $0
            sub(/^[ \t]+/, "", line)
            if (line == "" || substr(line, 1, 1) == "#" || substr(line, 1, 1) == "!") next
            if (index(line, "\\") > 0) {
                printf "%s:%d: backslash escapes and continuation lines are not supported here: %s\n", FILENAME, FNR, $0 > "/dev/stderr"
                bad = 1
                exit 1
            }
            if (match(line, /[=: \t]/)) {
                key = substr(line, 1, RSTART - 1)
                rest = substr(line, RSTART)
            } else {
                key = line
                rest = ""
            }
            sub(/^[ \t]*/, "", rest)
            c = substr(rest, 1, 1)
            if (c == "=" || c == ":") rest = substr(rest, 2)
            sub(/^[ \t]*/, "", rest)
            if (substr(key, 1, 9) == "override.") {
                # override.<db>.<key>: the value of <key> for this database only, applied after the file (as OutboxRelay)
                scoped = substr(key, 10)
                if (index(scoped, ENVIRON["DB"] ".") == 1) {
                    ov_key[++m] = substr(scoped, length(ENVIRON["DB"]) + 2)
                    ov_val[m] = replace_all(rest, "${db}", ENVIRON["DB"])
                }
                next
            }
            put(key, replace_all(rest, "${db}", ENVIRON["DB"]))
        }
        END {
            if (bad) exit 1
            if (n == 0) {
                print "no properties found" > "/dev/stderr"
                exit 1
            }
            for (j = 1; j <= m; j++) put(ov_key[j], ov_val[j])
            put("database.hostname", ENVIRON["DATABASE_HOSTNAME"])
            put("database.port", ENVIRON["DATABASE_PORT"])
            put("database.user", ENVIRON["DATABASE_USER"])
            put("database.password", ENVIRON["DATABASE_PASSWORD"])
            put("database.dbname", ENVIRON["DB"])
            printf "{"
            for (i = 1; i <= n; i++) {
                printf "%s\n  \"%s\": \"%s\"", (i > 1 ? "," : ""), jesc(order[i]), jesc(val[order[i]])
            }
            printf "\n}\n"
        }
    ' "$CONNECTOR_PROPERTIES"
}

# Database names, validated like the local run's --databases (InfraOptions).
DBS=$(printf '%s' "$DATABASES" | tr ',' ' ')
for db in $DBS; do
    case "$db" in
        [a-z]*) ;;
        *) die "bad database name: $db" ;;
    esac
    if [ -n "$(printf '%s' "$db" | tr -d 'a-z0-9_')" ] || [ ${#db} -gt 31 ]; then
        die "bad database name: $db"
    fi
done
[ -n "$DBS" ] || die "DATABASES is empty"

if [ "$DRY_RUN" = 1 ]; then
    for db in $DBS; do
        printf '# PUT %s/connectors/outbox-%s/config\n' "$CONNECT_URL" "$db"
        connector_json "$db"
    done
    exit 0
fi

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# 1. Kafka Connect is up and has the Debezium PostgreSQL connector plugin.
deadline=$(( $(date +%s) + WAIT_SECONDS ))
log "waiting for Kafka Connect at $CONNECT_URL"
until curl -fsS -o "$TMP/plugins" "$CONNECT_URL/connector-plugins" 2>/dev/null \
        && grep -q 'io.debezium.connector.postgresql.PostgresConnector' "$TMP/plugins"; do
    [ "$(date +%s)" -lt "$deadline" ] || die "Kafka Connect not ready (or no PostgresConnector plugin) after ${WAIT_SECONDS}s"
    sleep 2
done

# 2. Create or update one connector per database.
for db in $DBS; do
    name="outbox-$db"
    connector_json "$db" > "$TMP/$name.json"
    code=$(curl -sS -o "$TMP/$name.response" -w '%{http_code}' -X PUT \
        -H 'Content-Type: application/json' -H 'Accept: application/json' \
        --data-binary "@$TMP/$name.json" "$CONNECT_URL/connectors/$name/config") || code=000
    case "$code" in
        200) log "$name: updated" ;;
        201) log "$name: created" ;;
        *) cat "$TMP/$name.response" >&2 2>/dev/null || true; echo >&2
           die "$name: PUT config answered HTTP $code" ;;
    esac
done

# 3. Wait until each connector and its task run (the task has then created slot partnerflow_outbox_<db>).
for db in $DBS; do
    name="outbox-$db"
    deadline=$(( $(date +%s) + WAIT_SECONDS ))
    while :; do
        status=$(curl -fsS "$CONNECT_URL/connectors/$name/status" 2>/dev/null || true)
        states=$(printf '%s' "$status" | grep -o '"state"[[:space:]]*:[[:space:]]*"[A-Z_]*"' || true)
        if printf '%s' "$states" | grep -q FAILED; then
            printf '%s\n' "$status" >&2
            die "$name: FAILED (see the trace above and: docker compose logs connect)"
        fi
        running=$(printf '%s\n' "$states" | grep -c RUNNING || true)
        total=$(printf '%s\n' "$states" | grep -c state || true)
        # connector + at least one task, all RUNNING
        if [ "$total" -ge 2 ] && [ "$running" -eq "$total" ]; then
            log "$name: RUNNING"
            break
        fi
        [ "$(date +%s)" -lt "$deadline" ] || { printf '%s\n' "$status" >&2; die "$name: not RUNNING after ${WAIT_SECONDS}s"; }
        sleep 2
    done
done

log "all outbox connectors running: $(printf '%s' "$DBS" | tr ' ' ',')"
