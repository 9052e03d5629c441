-- Four eyes on money moved by hand, and maker-checker by canonical identity (issuer + normalised subject).
-- *_identity columns hold CurrentUser.identity(); rows written before this migration have none and are compared by
-- their normalised subject instead.
alter table payout_run add column created_by_identity varchar(700);
alter table payout_run add column approved_by_identity varchar(700);

-- A dispute accepted with an adjustment above the threshold (or above the disputed amount) waits in
-- pending_approval: proposed by one finance user, booked only when a second one approves.
alter table dispute drop constraint dispute_status_check;
alter table dispute add constraint dispute_status_check check (status in ('open', 'pending_approval', 'accepted', 'rejected'));
alter table dispute add column opened_by_identity varchar(700);
alter table dispute add column proposed_by varchar(200);
alter table dispute add column proposed_by_identity varchar(700);
alter table dispute add column proposed_at timestamptz;
alter table dispute add column approval_reasons varchar(200);
alter table dispute add column approved_by varchar(200);
alter table dispute add column approved_by_identity varchar(700);
alter table dispute add column approved_at timestamptz;
drop index dispute_open_once_per_line;
create unique index dispute_open_once_per_line on dispute (earning_id) where status in ('open', 'pending_approval');

-- Every decision on a dispute: who (subject and identity), when, what, the dispute before and after (JSON).
create table dispute_audit (
    id              bigserial     primary key,
    dispute_id      uuid          not null references dispute (id),
    action          varchar(40)   not null,
    actor           varchar(200)  not null,
    actor_identity  varchar(700)  not null,
    at              timestamptz   not null,
    before          text,
    after           text          not null
);
create index dispute_audit_dispute on dispute_audit (dispute_id, id);
create trigger dispute_audit_immutable before update or delete on dispute_audit for each row execute function ledger_append_only();
