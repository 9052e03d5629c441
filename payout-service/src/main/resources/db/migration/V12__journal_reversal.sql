-- Reversing journals for finance corrections, maker-checker: a finance user proposes the reversal of a posted journal
-- with a reason (nothing is posted); ANOTHER finance user approves it and the reversing journal (kind correction,
-- reverses_journal_id = the original, every posting negated) is posted in the same transaction. One proposal per
-- journal (and journal_reversed_once: a journal is reversed at most once, by whatever flow).
create table journal_reversal (
    id                    uuid          primary key,
    journal_id            uuid          not null references journal (id),
    reason                text          not null check (length(btrim(reason)) between 1 and 2000),
    status                varchar(20)   not null check (status in ('proposed', 'approved')),
    proposed_by           varchar(200)  not null,
    proposed_by_identity  varchar(700)  not null,
    proposed_at           timestamptz   not null,
    approved_by           varchar(200),
    approved_by_identity  varchar(700),
    approved_at           timestamptz,
    reversal_journal_id   uuid          references journal (id),
    check ((status = 'proposed' and approved_by is null and approved_at is null and reversal_journal_id is null)
        or (status = 'approved' and approved_by is not null and approved_at is not null and reversal_journal_id is not null
            and approved_by_identity is not null and approved_by_identity <> proposed_by_identity))
);
create unique index journal_reversal_once on journal_reversal (journal_id);

create function journal_reversal_guard() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' or old.status <> 'proposed' then
        raise exception 'journal_reversal % is %: it cannot change any more', old.id, old.status using errcode = '23514';
    end if;
    if new.journal_id <> old.journal_id or new.reason <> old.reason or new.proposed_by <> old.proposed_by
            or new.proposed_by_identity <> old.proposed_by_identity or new.proposed_at <> old.proposed_at then
        raise exception 'journal_reversal %: only the approval may be added', old.id using errcode = '23514';
    end if;
    return new;
end $$;
create trigger journal_reversal_append_only before update or delete on journal_reversal
    for each row execute function journal_reversal_guard();
