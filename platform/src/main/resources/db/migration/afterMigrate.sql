-- Partnerflow platform: Flyway runs this callback after every migrate of every service (idempotent, cheap).
-- The outbox relay's publication holds ONLY outbox_event, INSERTs only (ADR 0004): the server decodes nothing
-- else for the relay's replication slot, and purged outbox rows are not relayed.
-- The relay (local: OutboxRelay; docker: postgres-init.sql; Kubernetes: the CloudNativePG Publication) creates
-- the publication before this service's first migration, owned by this database's owner; here outbox_event is
-- added to it, before the service writes its first outbox row. Where nobody created it, it is created here.
do $$
declare
    pub record;
begin
    select p.puballtables, pg_get_userbyid(p.pubowner) = current_user as mine
      into pub from pg_publication p where p.pubname = 'partnerflow_outbox';
    if not found then
        create publication partnerflow_outbox for table outbox_event with (publish = 'insert');
    elsif not pub.puballtables and pub.mine and not exists (
            select 1 from pg_publication_tables t
             where t.pubname = 'partnerflow_outbox' and t.schemaname = current_schema() and t.tablename = 'outbox_event') then
        alter publication partnerflow_outbox add table outbox_event;
    end if;
exception when insufficient_privilege then
    raise warning 'partnerflow: no right to create or alter publication partnerflow_outbox (%); the relay owner must add outbox_event to it', sqlerrm;
end $$;

-- The outbox's payload is read by the relay from the WAL and never queried by value: autovacuum's ANALYZE need not
-- sort 30,000 sampled JSON documents for statistics the planner never uses (the services' V*__no_statistics_on_documents
-- migrations do the same for their own documents; docs/benchmarks.md, session 12).
do $$
begin
    if exists (select 1 from pg_attribute where attrelid = 'outbox_event'::regclass and attname = 'payload'
                  and attstattarget is distinct from 0) then
        alter table outbox_event alter column payload set statistics 0;
    end if;
exception when insufficient_privilege then
    raise warning 'partnerflow: no right to alter outbox_event (%); its payload statistics stay on', sqlerrm;
end $$;

-- Nothing reads the outbox by aggregate: the relay reads the WAL, the purge (OutboxPurge) goes by created_at. The
-- index of V1 on (aggregate_type, aggregate_id) only cost one more index entry — one more WAL record — per outbox row
-- (session 13, docs/benchmarks.md). V1 is left as it is (its checksum is in every service's history).
drop index if exists outbox_event_aggregate;

-- Outbox rows live seconds (the relay publishes them, OutboxPurge deletes them): their payloads are stored as they are
-- instead of being pglz-compressed on every insert and decompressed again by the relay's walsender — an earning
-- document is ~3 KB, above the 2 KB where PostgreSQL starts compressing, and pglz was ~9 % of PostgreSQL's CPU at
-- 100 deals/s (issue #16, docs/benchmarks.md, session 17). Rows up to a page (8,160 bytes) stay inline, uncompressed;
-- larger ones are still compressed and moved to TOAST as before.
do $$
begin
    if not exists (select 1 from pg_class where oid = 'outbox_event'::regclass
                      and 'toast_tuple_target=8160' = any(coalesce(reloptions, '{}'))) then
        alter table outbox_event set (toast_tuple_target = 8160);
    end if;
exception when insufficient_privilege then
    raise warning 'partnerflow: no right to alter outbox_event (%); its payloads stay compressed', sqlerrm;
end $$;
