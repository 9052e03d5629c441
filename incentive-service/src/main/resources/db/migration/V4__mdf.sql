-- MDF funds: one per (rule, partner, period); requests and claims are stored with the fund (its state, as JSON).
create table mdf_fund (
    fund_id       uuid          primary key,
    partner_id    varchar(100)  not null,
    program_id    uuid          not null,
    rule_id       uuid          not null,
    rule_version  integer       not null,
    period        varchar(10)   not null,
    allocated     numeric(38,6) not null,
    currency      char(3)       not null,
    allocation    text          not null,   -- the allocation's explanation (JSON)
    state         text          not null,   -- requests, claims, status (JSON)
    created_at    timestamptz   not null,
    updated_at    timestamptz   not null,
    unique (rule_id, partner_id, period)
);
create index mdf_fund_partner on mdf_fund (partner_id, period);
create index mdf_fund_period on mdf_fund (period);
