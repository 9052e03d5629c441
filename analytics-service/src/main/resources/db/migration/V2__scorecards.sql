-- analytics-service read models (CQRS): everything here is derived from the topics and can be rebuilt by
-- replaying them into an empty database. V1 (outbox + inbox) comes from partnerflow-platform.

-- Money facts: one row per partner, metric, day and currency; consumers ADD signed deltas (multi-row upserts).
-- Months, quarters and any window are ranges of days, so no period is stored and none can disagree.
create table amount_fact (
    partner_id uuid          not null,
    metric     varchar(40)   not null,
    day        date          not null,
    currency   char(3)       not null,
    amount     numeric(24,4) not null,
    primary key (partner_id, metric, day, currency)
);
create index amount_fact_day on amount_fact (day, metric);

-- Count facts (deals won, registrations): same shape without a currency.
create table count_fact (
    partner_id uuid        not null,
    metric     varchar(40) not null,
    day        date        not null,
    n          bigint      not null,
    primary key (partner_id, metric, day)
);
create index count_fact_day on count_fact (day, metric);

-- The current attribution of each deal and each partner's NET credit under it (credits + reversal deltas):
-- what the next reversal / re-attribution of the same deal (same Kafka key, so in order) is folded against.
create table deal_credits (
    deal_id        varchar(200) primary key,
    attribution_id varchar(200) not null,
    closed_on      date         not null,
    currency       char(3)      not null,
    shares         text         not null  -- partnerId|role|amount;… (ordered by partner id)
);

-- Partner profile (partner.events, latest wins in key order): dimensions of roll-ups and leaderboards.
create table partner_profile (
    partner_id uuid primary key,
    name       varchar(300),
    type       varchar(60),
    status     varchar(60),
    country    char(2),
    tier_code  varchar(60),
    tier_name  varchar(200),
    updated_at timestamptz not null default now()
);

-- Certifications completed (one row per certification; natural key backs the inbox).
create table certification (
    certification_id varchar(200) primary key,
    partner_id       uuid         not null,
    person_id        varchar(200),
    completed_on     date         not null
);
create index certification_partner on certification (partner_id, completed_on);

-- FX rates (reference.events): "1 from = rate to"; a later publication for the same date replaces an earlier one.
create table fx_rate (
    from_ccy     char(3)       not null,
    to_ccy       char(3)       not null,
    rate_date    date          not null,
    rate         numeric(24,10) not null,
    published_at timestamptz   not null,
    primary key (from_ccy, to_ccy, rate_date)
);
