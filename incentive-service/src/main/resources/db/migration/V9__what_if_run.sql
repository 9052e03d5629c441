-- What-if runs (issue #19): a PROPOSED program version planned in the background by the recalculation's own planning
-- (RecalcService.whatIf). Writes nothing but its own row. A run whose replica stopped while running is picked up
-- again after incentive.what-if.stale (recomputed from the start: it posts nothing, so redoing it is safe).
create table what_if_run (
    run_id        uuid          primary key,
    status        varchar(20)   not null check (status in ('queued', 'running', 'done', 'failed')),
    program_code  varchar(100)  not null,
    definition    text          not null,
    closed_from   timestamptz   not null,
    closed_to     timestamptz   not null,
    partner_id    varchar(100),
    requested_by  varchar(200)  not null,
    created_at    timestamptz   not null,
    started_at    timestamptz,
    finished_at   timestamptz,
    attempts      int           not null default 0,
    result        text,
    error         varchar(500)
);
create index what_if_run_open on what_if_run (created_at) where status in ('queued', 'running');
