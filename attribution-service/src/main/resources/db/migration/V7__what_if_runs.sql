-- What-if as a job (issue #19): submitted, computed in the background, result kept to fetch later.
create table what_if_run (
    id            uuid          primary key,
    status        varchar(20)   not null check (status in ('running', 'done', 'failed')),
    closed_from   timestamptz   not null,
    closed_to     timestamptz   not null,
    proposed      text          not null,
    total         bigint        not null,
    processed     bigint        not null default 0,
    result        text,
    error         varchar(500),
    requested_by  varchar(200)  not null,
    created_at    timestamptz   not null,
    updated_at    timestamptz   not null,
    finished_at   timestamptz
);
