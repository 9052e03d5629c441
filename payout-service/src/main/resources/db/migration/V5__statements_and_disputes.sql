-- Issued statements: frozen documents (a closed period's statement never changes; later corrections are booked,
-- and therefore shown, in a later period). The database refuses to change or delete one.
create table statement (
    id             uuid          primary key,
    partner_id     varchar(100)  not null,
    period         varchar(7)    not null,
    currency       varchar(3)    not null,
    period_start   date          not null,
    period_end     date          not null,
    opening        numeric(38, 6) not null,
    accrued        numeric(38, 6) not null,
    reversed       numeric(38, 6) not null,
    adjusted       numeric(38, 6) not null,
    paid           numeric(38, 6) not null,
    closing        numeric(38, 6) not null,
    line_count     integer       not null,
    document       text          not null,
    issued_at      timestamptz   not null,
    issued_by      varchar(200)  not null,
    unique (partner_id, period, currency),
    check (closing = opening + accrued + reversed + adjusted - paid)
);
create trigger statement_immutable before update or delete on statement for each row execute function ledger_append_only();

-- Disputes of earning lines: the line is held while the dispute is open; finance rejects it, or accepts it with an
-- adjustment (a new earning line booked to payable, with its journal).
create table dispute (
    id                     uuid          primary key,
    partner_id             varchar(100)  not null,
    earning_id             uuid          not null references earning (earning_id),
    reason                 text          not null,
    status                 varchar(20)   not null check (status in ('open', 'accepted', 'rejected')),
    opened_by              varchar(200)  not null,
    opened_at              timestamptz   not null,
    resolution             text,
    adjustment_amount      numeric(38, 6),
    adjustment_currency    varchar(3),
    adjustment_earning_id  uuid,
    adjustment_journal_id  uuid,
    resolved_by            varchar(200),
    resolved_at            timestamptz
);
create unique index dispute_open_once_per_line on dispute (earning_id) where status = 'open';
create index dispute_partner on dispute (partner_id, opened_at);
