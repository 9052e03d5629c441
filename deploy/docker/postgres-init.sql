-- Partnerflow: one login role and one database per service, exactly like the local run
-- (infra/src/main/java/io/partnerflow/infra/PostgresServer.java#ensureDatabases):
--   role = database name, database owned by that role, CONNECT revoked from PUBLIC and granted only to
--   the owning role, so no service can read another service's database.
-- Passwords come from <DB>_DB_PASSWORD (the same variables the services' application.properties read),
-- defaulting to the role name like the local run. docker-compose.yml passes them to this container.
--
-- Run by the postgres image's entrypoint (mounted into /docker-entrypoint-initdb.d/) as the superuser,
-- once, on an EMPTY data volume. It is idempotent, so it can also be re-run by hand:
--   docker compose exec -T postgres psql -U postgres -v ON_ERROR_STOP=1 < deploy/docker/postgres-init.sql
-- Needs psql 15+ (\getenv).
--
-- The Debezium connectors (Kafka Connect) log in as the superuser, like the local relay: they need
-- REPLICATION; the superuser is exempt from the CONNECT revocation below. Their publication
-- (publication.autocreate.mode=disabled) is created at the end of this file in every database, EMPTY and owned
-- by the service's role: the service's Flyway (platform afterMigrate.sql) adds outbox_event to it before it
-- writes its first row, so the connectors (started before the services) miss nothing and decode only the outbox.

\set ON_ERROR_STOP on

\set partner_password partner
\getenv partner_password PARTNER_DB_PASSWORD
\set deal_password deal
\getenv deal_password DEAL_DB_PASSWORD
\set attribution_password attribution
\getenv attribution_password ATTRIBUTION_DB_PASSWORD
\set incentive_password incentive
\getenv incentive_password INCENTIVE_DB_PASSWORD
\set payout_password payout
\getenv payout_password PAYOUT_DB_PASSWORD
\set analytics_password analytics
\getenv analytics_password ANALYTICS_DB_PASSWORD

-- partner
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', 'partner', :'partner_password')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'partner') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', 'partner', 'partner')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'partner') \gexec
REVOKE CONNECT ON DATABASE partner FROM PUBLIC;
GRANT CONNECT ON DATABASE partner TO partner;

-- deal
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', 'deal', :'deal_password')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'deal') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', 'deal', 'deal')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'deal') \gexec
REVOKE CONNECT ON DATABASE deal FROM PUBLIC;
GRANT CONNECT ON DATABASE deal TO deal;

-- attribution
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', 'attribution', :'attribution_password')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'attribution') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', 'attribution', 'attribution')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'attribution') \gexec
REVOKE CONNECT ON DATABASE attribution FROM PUBLIC;
GRANT CONNECT ON DATABASE attribution TO attribution;

-- incentive
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', 'incentive', :'incentive_password')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'incentive') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', 'incentive', 'incentive')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'incentive') \gexec
REVOKE CONNECT ON DATABASE incentive FROM PUBLIC;
GRANT CONNECT ON DATABASE incentive TO incentive;

-- payout
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', 'payout', :'payout_password')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'payout') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', 'payout', 'payout')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'payout') \gexec
REVOKE CONNECT ON DATABASE payout FROM PUBLIC;
GRANT CONNECT ON DATABASE payout TO payout;

-- analytics
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', 'analytics', :'analytics_password')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'analytics') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', 'analytics', 'analytics')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'analytics') \gexec
REVOKE CONNECT ON DATABASE analytics FROM PUBLIC;
GRANT CONNECT ON DATABASE analytics TO analytics;

-- The outbox publication of every database: empty, INSERTs only, owned by the service's role (see the top).
\connect partner
SELECT 'CREATE PUBLICATION partnerflow_outbox WITH (publish = ''insert'')'
 WHERE NOT EXISTS (SELECT 1 FROM pg_publication WHERE pubname = 'partnerflow_outbox') \gexec
ALTER PUBLICATION partnerflow_outbox OWNER TO partner;
\connect deal
SELECT 'CREATE PUBLICATION partnerflow_outbox WITH (publish = ''insert'')'
 WHERE NOT EXISTS (SELECT 1 FROM pg_publication WHERE pubname = 'partnerflow_outbox') \gexec
ALTER PUBLICATION partnerflow_outbox OWNER TO deal;
\connect attribution
SELECT 'CREATE PUBLICATION partnerflow_outbox WITH (publish = ''insert'')'
 WHERE NOT EXISTS (SELECT 1 FROM pg_publication WHERE pubname = 'partnerflow_outbox') \gexec
ALTER PUBLICATION partnerflow_outbox OWNER TO attribution;
\connect incentive
SELECT 'CREATE PUBLICATION partnerflow_outbox WITH (publish = ''insert'')'
 WHERE NOT EXISTS (SELECT 1 FROM pg_publication WHERE pubname = 'partnerflow_outbox') \gexec
ALTER PUBLICATION partnerflow_outbox OWNER TO incentive;
\connect payout
SELECT 'CREATE PUBLICATION partnerflow_outbox WITH (publish = ''insert'')'
 WHERE NOT EXISTS (SELECT 1 FROM pg_publication WHERE pubname = 'partnerflow_outbox') \gexec
ALTER PUBLICATION partnerflow_outbox OWNER TO payout;
\connect analytics
SELECT 'CREATE PUBLICATION partnerflow_outbox WITH (publish = ''insert'')'
 WHERE NOT EXISTS (SELECT 1 FROM pg_publication WHERE pubname = 'partnerflow_outbox') \gexec
ALTER PUBLICATION partnerflow_outbox OWNER TO analytics;
