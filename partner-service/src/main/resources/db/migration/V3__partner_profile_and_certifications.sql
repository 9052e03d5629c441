-- partner-service, issue #3: full partner profile (parent, contact, CRM accounts, revision, tier) and certifications.
alter table partner add column parent_partner_id uuid references partner (id);
alter table partner add column contact_name  varchar(200);
alter table partner add column contact_email varchar(320);
alter table partner add column contact_phone varchar(50);
-- The aggregate revision carried by partner.updated (+1 per published change).
alter table partner add column revision bigint not null default 1;
-- Current tier code (denormalised from the tier history for list filters and partner events).
alter table partner add column tier_code varchar(50);
create index partner_status_idx  on partner (status);
create index partner_country_idx on partner (country);
create index partner_tier_idx    on partner (tier_code);
create index partner_parent_idx  on partner (parent_partner_id);

-- A CRM account (system + id) belongs to at most one partner.
create table partner_crm_account (
    system      varchar(20)  not null,
    account_id  varchar(200) not null,
    partner_id  uuid         not null references partner (id),
    primary key (system, account_id)
);
create index partner_crm_account_partner on partner_crm_account (partner_id);

-- Certification / training completions. One per person + certification + completion date (idempotent).
create table partner_certification (
    id                  uuid          primary key,
    partner_id          uuid          not null references partner (id),
    person_id           varchar(200)  not null,
    person_name         varchar(200),
    certification_code  varchar(100)  not null,
    certification_name  varchar(200)  not null,
    level               varchar(50),
    completed_at        timestamptz   not null,
    completed_on        date          not null,
    expires_at          timestamptz,
    source              varchar(20)   not null,
    recorded_at         timestamptz   not null,
    recorded_by         varchar(200)  not null,
    unique (partner_id, person_id, certification_code, completed_on)
);
create index partner_certification_partner on partner_certification (partner_id, completed_at);
