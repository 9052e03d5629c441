-- The ledger's own checks, once per journal instead of once per posting (issue #16, session 20). Until now every
-- posting queued a deferred check that summed its journal's postings (a journal of two postings was summed twice) and
-- every journal one more that counted them: three plpgsql calls and three index scans per journal at commit, ≈ 40 % of
-- the booking statement's time in a pgbench of 200 journals per statement (docs/benchmarks.md). Now:
-- * one deferred check per journal at COMMIT: at least two postings, and balanced per currency (the same errors as
--   before, errcode 23514);
-- * postings are booked with their journal: a posting whose journal an earlier transaction booked is refused at once
--   (errcode 55000, like the other append-only rules) — checked once per statement over its new postings. Before, a
--   balanced pair added to an old journal passed; an unbalanced one was refused at commit; both are refused now.
-- The application books a journal and its postings in one statement (LedgerStore); nothing else inserts postings.
-- "Earlier transaction" = the journal row's xmin is not this transaction's id: a journal booked inside a savepoint
-- (subtransaction) would carry the subtransaction's id and its postings be refused — nothing here uses savepoints
-- (Hibernate Reactive joins the open transaction; pgjdbc autosave is not set); keep it so or extend the check.
drop trigger posting_journal_balances on posting;
drop trigger journal_has_postings on journal;
drop function ledger_check_journal_balanced();
drop function ledger_check_journal_has_postings();

create function ledger_check_journal() returns trigger language plpgsql as $$
declare
    postings bigint;
    unbalanced boolean;
    bad record;
begin
    select coalesce(sum(c.n), 0), coalesce(bool_or(c.total <> 0), false) into postings, unbalanced
      from (select count(*) as n, sum(p.amount) as total from posting p where p.journal_id = new.id group by p.currency) c;
    if postings < 2 then
        raise exception 'journal % has fewer than two postings', new.id using errcode = '23514';
    end if;
    if unbalanced then
        select p.currency, sum(p.amount) as total into bad
          from posting p where p.journal_id = new.id group by p.currency having sum(p.amount) <> 0 limit 1;
        raise exception 'journal % does not balance in %: its postings sum to %', new.id, bad.currency, bad.total
            using errcode = '23514';
    end if;
    return null;
end $$;
create constraint trigger journal_checked_at_commit after insert on journal
    deferrable initially deferred for each row execute function ledger_check_journal();

create function ledger_posting_with_its_journal() returns trigger language plpgsql as $$
declare
    closed uuid;
begin
    select j.id into closed from new_postings p join journal j on j.id = p.journal_id
     where j.xmin <> pg_current_xact_id()::xid limit 1;
    if found then
        raise exception 'the ledger is append-only: journal % was booked by an earlier transaction, postings are booked with their journal',
            closed using errcode = '55000';
    end if;
    return null;
end $$;
create trigger posting_with_its_journal after insert on posting referencing new table as new_postings
    for each statement execute function ledger_posting_with_its_journal();
