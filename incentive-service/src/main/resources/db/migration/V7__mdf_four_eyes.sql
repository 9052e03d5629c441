-- Four eyes on MDF: who submitted each request and claim (subject and canonical identity) and who decided it. The
-- decider is never the submitter (a channel manager filing a claim for a partner cannot also approve it).
create table mdf_submission (
    fund_id                uuid          not null references mdf_fund (fund_id),
    item_kind              varchar(10)   not null check (item_kind in ('request', 'claim')),
    item_id                varchar(80)   not null,
    submitted_by           varchar(200)  not null,
    submitted_by_identity  varchar(700)  not null,
    submitted_at           timestamptz   not null,
    decision               varchar(10)   check (decision in ('approved', 'rejected')),
    decided_by             varchar(200),
    decided_by_identity    varchar(700),
    decided_at             timestamptz,
    primary key (fund_id, item_kind, item_id)
);
