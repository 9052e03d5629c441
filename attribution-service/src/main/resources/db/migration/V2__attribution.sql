-- attribution-service: models as versioned, effective-dated data; selection rules; attributions.

create table attribution_model (
    id              uuid          primary key,
    name            varchar(100)  not null,
    version         integer       not null,
    kind            varchar(30)   not null,
    spec            text          not null,
    effective_from  timestamptz   not null,
    created_by      varchar(200)  not null,
    created_at      timestamptz   not null,
    unique (name, version)
);
create index attribution_model_effective on attribution_model (name, effective_from desc, version desc);

-- Ordered rules choosing a model by deal type, product category, country and amount; first match wins,
-- else the model named 'default'.
create table model_selection_rule (
    id               uuid          primary key,
    priority         integer       not null unique,
    deal_type        varchar(30),
    product_category varchar(100),
    country          char(2),
    min_amount       numeric(38, 6),
    max_amount       numeric(38, 6),
    amount_currency  char(3),
    model_name       varchar(100)  not null,
    created_by       varchar(200)  not null,
    created_at       timestamptz   not null
);

-- Audit trail of configuration changes: who (token subject), when, before and after.
create table config_audit (
    id          bigserial     primary key,
    entity      varchar(50)   not null,
    entity_id   varchar(200)  not null,
    actor       varchar(200)  not null,
    at          timestamptz   not null,
    before      text,
    after       text
);

-- Every closed-won snapshot received (compact enough for re-attribution and what-if).
create table deal_snapshot (
    deal_id      varchar(100)  not null,
    revision     bigint        not null,
    closed_at    timestamptz   not null,
    payload      text          not null,
    received_at  timestamptz   not null,
    primary key (deal_id, revision)
);
create index deal_snapshot_closed_at on deal_snapshot (closed_at);

-- One attribution per (deal, revision, model version); `active` marks the one in force.
create table attribution (
    id             uuid          primary key,
    deal_id        varchar(100)  not null,
    revision       bigint        not null,
    model_id       uuid,
    model_name     varchar(100),
    model_version  integer,
    closed_at      timestamptz   not null,
    currency       char(3)       not null,
    amount         numeric(38, 6) not null,
    unattributed   boolean       not null,
    active         boolean       not null,
    supersedes     uuid,
    payload        text          not null,
    attributed_at  timestamptz   not null
);
create unique index attribution_active_per_deal on attribution (deal_id) where active;
create index attribution_deal on attribution (deal_id);

-- Credits, signed: positive from an attribution, negative (or positive) deltas from reversals.
create table attribution_credit (
    id              bigserial     primary key,
    attribution_id  uuid          not null references attribution (id),
    entry_id        uuid          not null,
    entry_kind      varchar(20)   not null,
    deal_id         varchar(100)  not null,
    partner_id      varchar(100)  not null,
    role            varchar(20)   not null,
    weight          numeric(10, 8),
    amount          numeric(38, 6) not null,
    currency        char(3)       not null,
    closed_at       timestamptz   not null,
    recorded_at     timestamptz   not null
);
create index attribution_credit_partner on attribution_credit (partner_id, closed_at);
create unique index attribution_credit_entry on attribution_credit (entry_id, partner_id);

-- Seed: the default model (linear, all touch types, 365-day lookback), effective since the epoch.
insert into attribution_model (id, name, version, kind, spec, effective_from, created_by, created_at)
values ('00000000-0000-0000-0000-000000000001', 'default', 1, 'LINEAR',
        '{"kind":"LINEAR","halfLifeDays":7,"lookbackDays":365}', '1970-01-01T00:00:00Z', 'system', now());
