-- Partnerflow platform tables, shipped by partnerflow-platform and applied by every service's Flyway
-- as V1 of its own history (each service's own migrations start at V2).

-- Transactional outbox: written in the same transaction as the business change; Debezium streams the
-- INSERTs (EventRouter) to Kafka: topic = topic column, key = aggregate_id, headers ce_* + traceparent.
create table outbox_event (
    id             uuid          primary key,
    aggregate_type varchar(100)  not null,
    aggregate_id   varchar(200)  not null,
    topic          varchar(200)  not null,
    type           varchar(200)  not null,
    source         varchar(200)  not null,
    subject        varchar(200),
    specversion    varchar(10)   not null default '1.0',
    occurred_at    timestamptz   not null,
    payload        jsonb         not null,
    traceparent    varchar(55),
    tracestate     varchar(512),
    created_at     timestamptz   not null default now()
);
create index outbox_event_created_at on outbox_event (created_at);
create index outbox_event_aggregate on outbox_event (aggregate_type, aggregate_id);

-- Inbox: one row per (consumer, event id) applied, written in the same transaction as the effect.
create table processed_event (
    consumer     varchar(100) not null,
    event_id     varchar(200) not null,
    event_type   varchar(200),
    topic        varchar(200),
    processed_at timestamptz  not null default now(),
    primary key (consumer, event_id)
);
