-- Imported bank return files (pain.002 / camt.054 / NACHA returns) per run: who, when, what they returned. The id is
-- name-based from the run and the file's SHA-256, so the same file imported again books nothing a second time.
create table bank_return_file (
    id           uuid          primary key,
    run_id       uuid          not null references payout_run (id),
    format       varchar(20)   not null,
    sha256       varchar(64)   not null,
    returned     integer       not null,
    ignored      integer       not null,
    result       text          not null,
    imported_by  varchar(200)  not null,
    imported_at  timestamptz   not null
);
create index bank_return_file_run on bank_return_file (run_id, imported_at);
create trigger bank_return_file_immutable before update or delete on bank_return_file for each row execute function ledger_append_only();
