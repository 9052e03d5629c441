-- payout-service: partner projection, a double-entry append-only ledger, earnings and their lifecycle.

-- Projection of partner.events (name, status, country, payout currency): never edited by this service's users.
create table partner (
    partner_id      varchar(100)  primary key,
    name            text,
    legal_name      text,
    status          varchar(20)   not null,
    country         varchar(2),
    payout_currency varchar(3),
    updated_at      timestamptz   not null
);

-- Accounts: per partner (pending_earnings, payable, paid) and the vendor's (incentive_expense, bank_clearing),
-- one per currency. code = 'partner:<id>:<kind>:<CCY>' or 'vendor:<kind>:<CCY>'.
create table ledger_account (
    code        varchar(200)  primary key,
    owner       varchar(10)   not null,
    partner_id  varchar(100),
    kind        varchar(30)   not null,
    currency    varchar(3)    not null,
    created_at  timestamptz   not null default now(),
    unique (code, currency),
    check ((owner = 'partner' and partner_id is not null and kind in ('pending_earnings', 'payable', 'paid'))
        or (owner = 'vendor' and partner_id is null and kind in ('incentive_expense', 'bank_clearing')))
);

-- A journal: one business event's postings. Corrections are new journals reversing an earlier one, with a reason.
create table journal (
    id                   uuid          primary key,
    kind                 varchar(40)   not null,
    partner_id           varchar(100),
    earning_id           uuid,
    run_item_id          uuid,
    reverses_journal_id  uuid          references journal (id),
    reason               text,
    booked_at            timestamptz   not null,
    created_by           varchar(200)  not null,
    seq                  bigserial     not null unique,
    check (reverses_journal_id is null or reason is not null)
);
create unique index journal_reversed_once on journal (reverses_journal_id) where reverses_journal_id is not null;
create index journal_partner on journal (partner_id, booked_at);
create index journal_booked on journal (booked_at);

-- Postings: signed amounts, debit > 0, credit < 0, in the account's currency; partner_id is the partner the
-- posting concerns (also on vendor accounts, for the GL export and per-partner clearing balances).
create table posting (
    id            bigserial     primary key,
    journal_id    uuid          not null references journal (id),
    account_code  varchar(200)  not null,
    currency      varchar(3)    not null,
    partner_id    varchar(100),
    amount        numeric(38, 6) not null check (amount <> 0),
    foreign key (account_code, currency) references ledger_account (code, currency)
);
create index posting_journal on posting (journal_id);
create index posting_account on posting (account_code);
create index posting_partner on posting (partner_id);

-- The database itself refuses an unbalanced journal: checked at COMMIT (deferred), per currency.
create function ledger_check_journal_balanced() returns trigger language plpgsql as $$
declare
    bad record;
begin
    select p.currency, sum(p.amount) as total into bad
      from posting p where p.journal_id = new.journal_id
     group by p.currency having sum(p.amount) <> 0 limit 1;
    if found then
        raise exception 'journal % does not balance in %: its postings sum to %', new.journal_id, bad.currency, bad.total
            using errcode = '23514';
    end if;
    return null;
end $$;
create constraint trigger posting_journal_balances after insert on posting
    deferrable initially deferred for each row execute function ledger_check_journal_balanced();

-- ... and a journal without at least two postings.
create function ledger_check_journal_has_postings() returns trigger language plpgsql as $$
begin
    if (select count(*) from posting where journal_id = new.id) < 2 then
        raise exception 'journal % has fewer than two postings', new.id using errcode = '23514';
    end if;
    return null;
end $$;
create constraint trigger journal_has_postings after insert on journal
    deferrable initially deferred for each row execute function ledger_check_journal_has_postings();

-- Append-only: no UPDATE, DELETE or TRUNCATE of journals and postings (post a reversing journal instead).
create function ledger_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'the ledger is append-only: % on % refused (post a reversing journal instead)', tg_op, tg_table_name
        using errcode = '55000';
end $$;
create trigger journal_append_only before update or delete on journal for each row execute function ledger_append_only();
create trigger journal_no_truncate before truncate on journal for each statement execute function ledger_append_only();
create trigger posting_append_only before update or delete on posting for each row execute function ledger_append_only();
create trigger posting_no_truncate before truncate on posting for each statement execute function ledger_append_only();
create trigger ledger_account_append_only before update or delete on ledger_account for each row execute function ledger_append_only();

-- Earning lines (earning.accrued / reversed / adjusted, and dispute adjustments) and where each is in its lifecycle.
create table earning (
    earning_id          uuid          primary key,
    partner_id          varchar(100)  not null,
    line_type           varchar(20)   not null check (line_type in ('accrued', 'reversed', 'adjusted', 'dispute_adjustment')),
    kind                varchar(40),
    amount              numeric(38, 6) not null,
    currency            varchar(3)    not null,
    status              varchar(20)   not null check (status in ('pending', 'approved', 'declined', 'in_run', 'paid')),
    hold_reason         text,
    held_by             varchar(200),
    open_dispute_id     uuid,
    related_earning_id  uuid,
    deal_id             varchar(100),
    deal_name           text,
    attribution_id      varchar(100),
    source_closed_at    timestamptz,
    booking_period      varchar(10),
    summary             text,
    occurred_at         timestamptz   not null,
    booked_at           timestamptz   not null,
    approve_after       timestamptz   not null,
    approved_at         timestamptz,
    approved_by         varchar(200),
    decided_reason      text,
    payload             text          not null
);
create index earning_partner on earning (partner_id, booked_at);
create index earning_due on earning (approve_after) where status = 'pending';

-- Every lifecycle step of an earning: who, when, why.
create table earning_history (
    id           bigserial     primary key,
    earning_id   uuid          not null references earning (earning_id),
    at           timestamptz   not null,
    actor        varchar(200)  not null,
    action       varchar(30)   not null,
    from_status  varchar(20),
    to_status    varchar(20),
    reason       text
);
create index earning_history_earning on earning_history (earning_id, id);

-- Earning events for partners not known yet (no partner.events seen): they wait here, visibly, and are booked
-- when the partner arrives.
create table waiting_earning (
    event_id     varchar(200)  primary key,
    event_type   varchar(200)  not null,
    partner_id   varchar(100)  not null,
    payload      text          not null,
    received_at  timestamptz   not null
);
create index waiting_earning_partner on waiting_earning (partner_id, received_at);
