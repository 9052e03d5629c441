-- Re-attribution runs with preview, four-eyes apply and a resumable background job (issue #19).
create table reattribution_job (
    id                    uuid          primary key,
    status                varchar(20)   not null check (status in ('previewed', 'applying', 'applied', 'cancelled')),
    model_name            varchar(100)  not null,
    model_version         integer,
    closed_from           timestamptz   not null,
    closed_to             timestamptz   not null,
    reason                varchar(500)  not null,
    digest                varchar(64)   not null,
    preview               text          not null,
    total                 integer       not null,
    processed             integer       not null default 0,
    skipped               integer       not null default 0,
    created_by            varchar(200)  not null,
    created_by_identity   varchar(520)  not null,
    created_at            timestamptz   not null,
    decided_by            varchar(200),
    decided_by_identity   varchar(520),
    decided_at            timestamptz,
    finished_at           timestamptz
);
-- One open run at a time (models are global in this service, not per program).
create unique index reattribution_job_one_open on reattribution_job ((true)) where status in ('previewed', 'applying');

-- The deals a run will re-attribute (the changed ones of its preview), in order; applied marks progress.
create table reattribution_job_deal (
    job_id          uuid          not null references reattribution_job (id),
    seq             integer       not null,
    deal_id         varchar(100)  not null,
    attribution_id  uuid          not null,
    applied         boolean       not null default false,
    primary key (job_id, seq)
);
create index reattribution_job_deal_open on reattribution_job_deal (job_id, seq) where not applied;
