-- Gamification (#17): badges awarded by the badge rules, time-boxed challenges created by channel managers, and the
-- challenges' completions. badge_award and challenge_completion hold each (badge | challenge, partner) ONCE: their
-- primary keys are what makes an award happen once under redelivery and rebuild; the events they publish carry
-- name-based ids from the same keys.

-- The new-logo flag of a deal's current attribution (deal type new_business): counted as NEW_LOGO_DEALS_WON.
alter table deal_credits add column new_logo boolean not null default false;

create table badge_award (
    badge_code       varchar(60)  not null,
    partner_id       uuid         not null,
    badge_name       varchar(100) not null,
    rule_set_version integer      not null,
    reason           text         not null,
    awarded_at       timestamptz  not null,
    primary key (badge_code, partner_id)
);
create index badge_award_partner on badge_award (partner_id);

-- Challenges are configuration (like segment_rule_set): kept across a rebuild of the read models.
create table challenge (
    challenge_id   uuid          primary key,
    name           varchar(200)  not null,
    starts_on      date          not null,
    ends_on        date          not null,   -- inclusive
    metric         varchar(40)   not null,   -- deals-won | new-logo-deals | sourced-revenue
    target         numeric(24,4) not null,   -- a count, or an amount in the base currency
    award_amount   numeric(24,4) not null,
    award_currency char(3)       not null,
    created_by     varchar(200)  not null,
    created_at     timestamptz   not null,
    check (ends_on >= starts_on),
    check (target > 0 and award_amount > 0)
);

create table challenge_completion (
    challenge_id uuid          not null references challenge,
    partner_id   uuid          not null,
    progress     numeric(24,4) not null,
    completed_at timestamptz   not null,
    primary key (challenge_id, partner_id)
);
