-- Reversals received (their per-line deltas make a deal's net lines for re-attribution and what-if).
create table deal_reversal (
    reversal_id  varchar(100)  primary key,
    deal_id      varchar(100)  not null,
    payload      text          not null,
    received_at  timestamptz   not null
);
create index deal_reversal_deal on deal_reversal (deal_id);

-- Re-attribution runs: who asked, for what, and what happened.
create table reattribution_run (
    id            uuid          primary key,
    closed_from   timestamptz   not null,
    closed_to     timestamptz   not null,
    model_name    varchar(100)  not null,
    model_version integer,
    reason        varchar(500)  not null,
    requested_by  varchar(200)  not null,
    requested_at  timestamptz   not null,
    examined      integer       not null,
    changed       integer       not null
);
