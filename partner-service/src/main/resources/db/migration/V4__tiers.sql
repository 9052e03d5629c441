-- partner-service, issue #3: tier ladder (versioned, audited), tier state + effective-dated history, approval
-- proposals, and the dated facts tier metrics are computed from (fed by attribution.events, deal.events,
-- reference.events; certifications are in partner_certification).

-- One row per ladder version; the definition (tiers, ranks, benefits, criteria, grace, approval) as JSON.
create table tier_ladder_version (
    ladder_id       uuid          not null,
    version         integer       not null,
    definition      text          not null,
    effective_from  timestamptz   not null,
    created_at      timestamptz   not null,
    created_by      varchar(200)  not null,
    primary key (ladder_id, version)
);

-- Configuration audit trail: who, when, before and after.
create table tier_ladder_audit (
    id          uuid          primary key,
    ladder_id   uuid          not null,
    version     integer       not null,
    changed_by  varchar(200)  not null,
    changed_at  timestamptz   not null,
    before_json text,
    after_json  text          not null
);

-- Where each partner stands on the ladder (one row per partner, locked FOR UPDATE while evaluating).
create table partner_tier_state (
    partner_id          uuid          primary key references partner (id),
    tier_code           varchar(50),
    ladder_version      integer,
    failing_since       date,
    override_tier_code  varchar(50),
    override_reason     varchar(500),
    override_expires_at timestamptz,
    override_by         varchar(200),
    last_effective_at   timestamptz,
    history_seq         integer       not null default 0,
    last_evaluated_at   timestamptz,
    last_as_of          date,
    evaluation_status   varchar(20),
    evaluation_note     text
);

-- Effective-dated tier history: append-only; "which tier on date D" = the latest entry effective at or before D.
create table partner_tier_history (
    id              uuid          primary key,
    partner_id      uuid          not null references partner (id),
    seq             integer       not null,
    from_code       varchar(50),
    from_name       varchar(200),
    from_rank       integer,
    to_code         varchar(50)   not null,
    to_name         varchar(200)  not null,
    to_rank         integer       not null,
    effective_at    timestamptz   not null,
    decided_at      timestamptz   not null,
    reason          varchar(20)   not null,
    note            text,
    decided_by      varchar(200)  not null,
    ladder_id       uuid          not null,
    ladder_version  integer       not null,
    metrics         text          not null,
    benefits        text          not null,
    unique (partner_id, seq)
);
create index partner_tier_history_effective on partner_tier_history (partner_id, effective_at, seq);

-- Approval-gated promotions: at most one pending proposal per partner.
create table tier_proposal (
    id              uuid          primary key,
    partner_id      uuid          not null references partner (id),
    from_code       varchar(50),
    to_code         varchar(50)   not null,
    to_rank         integer       not null,
    effective_at    timestamptz   not null,
    proposed_at     timestamptz   not null,
    ladder_id       uuid          not null,
    ladder_version  integer       not null,
    metrics         text          not null,
    status          varchar(20)   not null,
    decided_by      varchar(200),
    decided_at      timestamptz,
    decision_note   text
);
create unique index tier_proposal_one_pending on tier_proposal (partner_id) where status = 'pending';

-- Attributed revenue facts: credits and signed reversal deltas, dated by the deal's close date.
create table revenue_fact (
    fact_key        varchar(300)  primary key,
    partner_id      uuid          not null,
    deal_id         varchar(100)  not null,
    attribution_id  varchar(100)  not null,
    kind            varchar(20)   not null,
    closed_on       date          not null,
    amount          numeric       not null,
    currency        char(3)       not null,
    sourced         boolean       not null,
    event_id        varchar(200)  not null,
    recorded_at     timestamptz   not null default now()
);
create index revenue_fact_partner on revenue_fact (partner_id, closed_on);
create index revenue_fact_attribution on revenue_fact (attribution_id);

-- A re-attribution supersedes an attribution: its credits and reversals no longer count.
create table attribution_supersession (
    superseded_id   varchar(100)  primary key,
    superseded_by   varchar(100)  not null,
    recorded_at     timestamptz   not null default now()
);

-- Approved deal registrations.
create table registration_fact (
    registration_id varchar(100)  primary key,
    partner_id      uuid          not null,
    approved_on     date          not null,
    approved_at     timestamptz   not null,
    event_id        varchar(200)  not null
);
create index registration_fact_partner on registration_fact (partner_id, approved_on);

-- FX rates from reference.events: "1 from = rate to" on rate_date; a later publication for the same pair and
-- date replaces an earlier one.
create table fx_rate (
    from_ccy      char(3)       not null,
    to_ccy        char(3)       not null,
    rate_date     date          not null,
    rate          numeric       not null,
    source        varchar(50),
    published_at  timestamptz   not null,
    event_id      varchar(200)  not null,
    primary key (from_ccy, to_ccy, rate_date)
);
