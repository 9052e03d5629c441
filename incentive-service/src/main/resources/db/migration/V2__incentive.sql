-- incentive-service: FX rates, partner projection, programs/rules (versioned, effective-dated, audited),
-- attributions received, earnings, pending work.

-- FX: "1 from_ccy = rate to_ccy" on rate_date. A later entry for the same pair and date replaces the earlier.
create table fx_rate (
    from_ccy      char(3)        not null,
    to_ccy        char(3)        not null,
    rate_date     date           not null,
    rate          numeric(38,12) not null check (rate > 0),
    source        varchar(50)    not null,
    published_at  timestamptz    not null,
    published_by  varchar(200)   not null,
    primary key (from_ccy, to_ccy, rate_date)
);

-- Partner projection (partner.events).
create table partner (
    partner_id       varchar(100) primary key,
    name             varchar(300) not null,
    type             varchar(30)  not null,
    status           varchar(30)  not null,
    country          char(2)      not null,
    payout_currency  char(3)      not null,
    registered_at    timestamptz  not null,
    updated_at       timestamptz  not null
);

-- Effective-dated tier history (partner.tier-changed effectiveAt; the registration tier at registeredAt).
create table partner_tier (
    partner_id    varchar(100) not null,
    effective_at  timestamptz  not null,
    decided_at    timestamptz  not null,
    tier_code     varchar(50)  not null,
    tier_name     varchar(100) not null,
    tier_rank     integer      not null,
    reason        varchar(30)  not null,
    primary key (partner_id, effective_at, decided_at)
);

create table partner_certification (
    certification_id    varchar(100) primary key,
    partner_id          varchar(100) not null,
    certification_code  varchar(200) not null,
    certification_name  varchar(300) not null,
    person_id           varchar(200) not null,
    person_name         varchar(300),
    completed_at        timestamptz  not null
);
create index partner_certification_partner on partner_certification (partner_id);

-- Programs: each version is a complete definition (priority, exclusivity, rules) effective from an instant.
create table program (
    program_id  uuid         primary key,
    code        varchar(100) not null unique,
    created_at  timestamptz  not null
);

create table program_version (
    program_id      uuid         not null references program (program_id),
    version         integer      not null,
    effective_from  timestamptz  not null,
    effective_to    timestamptz,
    definition      text         not null,
    created_by      varchar(200) not null,
    created_at      timestamptz  not null,
    primary key (program_id, version)
);

-- Rules keep a stable id (program + rule key); a rule's version moves only when its definition changes.
create table rule_version (
    rule_id          uuid         not null,
    version          integer      not null,
    program_id       uuid         not null,
    program_version  integer      not null,
    rule_key         varchar(100) not null,
    kind             varchar(40)  not null,
    definition       text         not null,
    primary key (rule_id, version)
);

-- Audit trail of configuration changes: who (token subject), when, before and after.
create table config_audit (
    id         bigserial    primary key,
    entity     varchar(50)  not null,
    entity_id  varchar(200) not null,
    actor      varchar(200) not null,
    at         timestamptz  not null,
    before     text,
    after      text
);
create index config_audit_entity on config_audit (entity, entity_id);

-- Every attribution event received (deal.attributed / deal.attribution-reversed / deal.reattributed).
create table attribution_event (
    event_key      varchar(100) primary key,   -- attributionId, or reversalId for reversals
    event_kind     varchar(20)  not null,      -- attributed | reversed | reattributed
    deal_id        varchar(100) not null,
    attribution_id varchar(100) not null,      -- the attribution it belongs to (the reversed one for reversals)
    closed_at      timestamptz  not null,
    payload        text         not null,
    received_at    timestamptz  not null
);
create index attribution_event_deal on attribution_event (deal_id);

-- Work waiting for data: per (deal, partner) a FIFO queue; the head waits for a partner or an FX rate,
-- the rest queue behind it so one partner's earnings on one deal are always applied in order.
create table pending_work (
    seq          bigserial    primary key,
    deal_id      varchar(100) not null,
    partner_id   varchar(100) not null,
    event_key    varchar(100) not null,
    event_kind   varchar(20)  not null,
    reason       varchar(30)  not null,        -- unknown_partner | missing_fx | queued
    detail       text         not null,
    fx_from      char(3),
    fx_to        char(3),
    fx_date      date,
    created_at   timestamptz  not null,
    unique (event_key, partner_id)
);
create index pending_work_partner on pending_work (partner_id);
create index pending_work_fx on pending_work (fx_from, fx_to);

-- Earnings (accrued, reversed, adjusted) exactly as published, plus what later clawbacks and deltas need.
create table earning (
    earning_id        uuid          primary key,
    event_type        varchar(20)   not null,   -- accrued | reversed | adjusted
    partner_id        varchar(100)  not null,
    kind              varchar(40)   not null,
    program_id        uuid          not null,
    rule_id           uuid          not null,
    rule_version      integer       not null,
    deal_id           varchar(100),
    attribution_id    varchar(100),
    source_key        varchar(200),
    amount            numeric(38,6) not null,
    currency          char(3)       not null,
    original_amount   numeric(38,6) not null,
    original_currency char(3)       not null,
    fx_rate           numeric(38,12),
    fx_date           date,
    booking_period    varchar(10)   not null,
    related_earning_id uuid,
    basis             text,
    payload           text          not null,
    created_at        timestamptz   not null
);
create index earning_partner on earning (partner_id, created_at);
create index earning_deal on earning (deal_id, partner_id, rule_id);
create index earning_related on earning (related_earning_id);

-- Reversals of a deal that produced no clawback (outside the window), recorded for the audit trail.
create table reversal_record (
    reversal_id    varchar(100) not null,
    partner_id     varchar(100) not null,
    deal_id        varchar(100) not null,
    kind           varchar(20)  not null,
    outcome        varchar(30)  not null,
    detail         text         not null,
    recorded_at    timestamptz  not null,
    primary key (reversal_id, partner_id)
);

-- Closed periods ('2026-03', '2026-Q1', '2026').
create table period_close (
    period      varchar(10)  primary key,
    closed_at   timestamptz  not null,
    closed_by   varchar(200) not null,
    summary     text
);
