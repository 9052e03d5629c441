-- Influenced open pipeline: each open deal attributed PROVISIONALLY with the model that would apply
-- (as of its last update), for reporting only; replaced on every update, removed when the deal closes.
create table pipeline_credit (
    deal_id     varchar(100)   not null,
    partner_id  varchar(100)   not null,
    role        varchar(20)    not null,
    amount      numeric(38, 6) not null,
    currency    char(3)        not null,
    revision    bigint         not null,
    updated_at  timestamptz    not null,
    primary key (deal_id, partner_id)
);
create index pipeline_credit_partner on pipeline_credit (partner_id);
