-- deal-service's own projection of partners (fed by partner.events; never reads partner-service's DB).
create table partner_directory (
    partner_id       uuid         primary key,
    name             varchar(200) not null,
    type             varchar(20)  not null,
    status           varchar(20)  not null,
    country          char(2),
    payout_currency  char(3),
    web_domains      text[]       not null default '{}',
    revision         integer      not null,
    last_event_id    varchar(200) not null,
    last_event_time  timestamptz,
    updated_at       timestamptz  not null
);
