-- partner-service: partners (thin slice of issue #3; widened there).
create table partner (
    id               uuid          primary key,
    name             varchar(200)  not null,
    legal_name       varchar(200),
    type             varchar(20)   not null,
    status           varchar(20)   not null,
    country          char(2)       not null,
    payout_currency  char(3)       not null,
    created_at       timestamptz   not null,
    updated_at       timestamptz   not null,
    version          bigint        not null default 0
);
create index partner_type_status on partner (type, status);

-- A web domain belongs to at most one partner (normalised lower-case, no scheme, no www.).
create table partner_web_domain (
    domain      varchar(253) primary key,
    partner_id  uuid         not null references partner (id)
);
create index partner_web_domain_partner on partner_web_domain (partner_id);
