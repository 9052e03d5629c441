-- What reports group by, kept from partner.events (registered / updated / tier-changed): type, country, tier.
create table partner_profile (
    partner_id   varchar(100)  primary key,
    type         varchar(50),
    country      varchar(2),
    tier         varchar(100),
    updated_at   timestamptz   not null
);
