-- Recalculation runs (issue #19): a chosen program version over deals closed in [closed_from, closed_to).
-- previewed -> (apply by ANOTHER user) applying -> applied; or cancelled / stale. At most one open run per program.
create table recalc_run (
    run_id               uuid          primary key,
    program_id           uuid          not null,
    program_code         varchar(100)  not null,
    program_version      integer       not null,
    closed_from          timestamptz   not null,
    closed_to            timestamptz   not null,
    status               varchar(12)   not null check (status in ('previewed', 'applying', 'applied', 'cancelled', 'stale')),
    preview              text          not null,   -- the preview as answered (per partner, counts, totals)
    digest               varchar(64)   not null,   -- of the previewed deltas; apply posts them only if they are unchanged
    delta_count          integer       not null,
    processed            integer       not null default 0,
    created_by           varchar(200)  not null,
    created_by_identity  varchar(700)  not null,
    created_at           timestamptz   not null,
    decided_by           varchar(200),
    decided_by_identity  varchar(700),
    decided_at           timestamptz,
    finished_at          timestamptz
);
create unique index recalc_run_one_open_per_program on recalc_run (program_id) where status in ('previewed', 'applying');
