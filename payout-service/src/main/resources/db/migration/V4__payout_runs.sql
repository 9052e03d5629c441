-- Payout runs: created by finance for a cut-off date (caller-supplied idempotency key), approved by ANOTHER
-- finance user (maker-checker), exported, settled per item by the bank's result.
create table payout_run (
    id               uuid          primary key,
    idempotency_key  varchar(200)  not null unique,
    cutoff           date          not null,
    period           varchar(10)   not null,
    status           varchar(20)   not null check (status in ('draft', 'approved', 'completed', 'cancelled')),
    created_by       varchar(200)  not null,
    created_at       timestamptz   not null,
    approved_by      varchar(200),
    approved_at      timestamptz,
    cancelled_by     varchar(200),
    cancelled_at     timestamptz,
    held             text          not null,
    check (approved_by is null or approved_by <> created_by)
);

-- One item per partner and currency of a run, with the bank details as they were when the run was made.
create table payout_item (
    id              uuid          primary key,
    run_id          uuid          not null references payout_run (id),
    partner_id      varchar(100)  not null,
    partner_name    text,
    amount          numeric(38, 6) not null check (amount > 0),
    currency        varchar(3)    not null,
    method          varchar(30)   not null,
    earning_count   integer       not null,
    account_holder  text,
    iban            varchar(34),
    bic             varchar(11),
    aba_routing     varchar(9),
    account_number  varchar(17),
    account_type    varchar(10),
    business        boolean       not null,
    status          varchar(20)   not null check (status in ('pending', 'paid', 'failed', 'cancelled')),
    bank_reference  text,
    value_date      date,
    failure_code    text,
    failure_reason  text,
    settled_at      timestamptz,
    settled_by      varchar(200),
    unique (run_id, partner_id, currency)
);
create index payout_item_partner on payout_item (partner_id);

-- Which earning lines an item pays. `released` = the item failed or its run was cancelled: the line is payable again.
create table payout_item_earning (
    item_id     uuid          not null references payout_item (id),
    earning_id  uuid          not null references earning (earning_id),
    amount      numeric(38, 6) not null,
    released    boolean       not null default false,
    primary key (item_id, earning_id)
);
-- THE guarantee that nobody is paid twice for the same earning: an earning is in at most ONE live payout item,
-- whatever runs are created concurrently; the database refuses the second.
create unique index payout_item_earning_live_once on payout_item_earning (earning_id) where not released;
