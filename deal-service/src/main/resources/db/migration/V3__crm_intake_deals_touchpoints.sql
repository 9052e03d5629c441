-- deal-service: raw CRM deliveries (for replay), applied CRM items (dedupe), deals, touchpoints.

-- The partner directory learns CRM account refs (touchpoint resolution) and the tier's registration protection.
alter table partner_directory add column crm_accounts text[] not null default '{}';
alter table partner_directory add column registration_protection_days integer;

-- Every delivery the normaliser consumed from crm.webhooks, raw (the CrmDeliveryReceived JSON), with the outcome.
create table crm_delivery (
    delivery_id      varchar(200) primary key,
    source           varchar(20)  not null,
    source_account   varchar(200),
    received_at      timestamptz  not null,
    payload          text         not null,
    status           varchar(20)  not null,   -- applied | failed
    outcome          text,
    applications     integer      not null default 1,
    last_applied_at  timestamptz  not null
);

-- Each CRM change (generic event id, Salesforce notification id, HubSpot event id) is applied once.
create table crm_item (
    source       varchar(20)  not null,
    item_id      varchar(200) not null,
    delivery_id  varchar(200) not null,
    applied_at   timestamptz  not null,
    primary key (source, item_id)
);

-- Accumulated CRM record state for sources that report single property changes (HubSpot).
create table crm_record_state (
    crm_system   varchar(20)  not null,
    object_type  varchar(50)  not null,
    external_id  varchar(200) not null,
    properties   text         not null,
    updated_at   timestamptz  not null,
    primary key (crm_system, object_type, external_id)
);

create table deal (
    id                       uuid          primary key,
    crm_system               varchar(20)   not null,
    crm_deal_id              varchar(200)  not null,
    crm_version              bigint        not null,
    revision                 bigint        not null,
    name                     varchar(500)  not null,
    customer_crm_account_id  varchar(200),
    customer_name            varchar(500)  not null,
    customer_domain          varchar(253),
    customer_root_domain     varchar(253),
    customer_country         char(2)       not null,
    currency                 char(3)       not null,
    amount                   numeric(19,4) not null,
    lines                    text          not null,
    stage                    varchar(200)  not null,
    status                   varchar(20)   not null,  -- open | closed_won | closed_lost | cancelled | deleted
    deal_type                varchar(50)   not null,
    probability              numeric(9,8),
    created_at               timestamptz   not null,
    closed_at                timestamptz,
    expected_close_date      date,
    registration_id          uuid,
    won_revision             bigint,
    updated_at               timestamptz   not null,
    constraint deal_crm_unique unique (crm_system, crm_deal_id)
);
create index deal_customer_root_domain on deal (customer_root_domain);

create table touchpoint (
    id               uuid          primary key,
    crm_system       varchar(20)   not null,
    crm_deal_id      varchar(200)  not null,
    external_id      varchar(200),
    crm_version      bigint,
    partner_ref      varchar(300)  not null,   -- id:<uuid> | crm:<system>:<accountId>
    partner_id       uuid,                     -- null while the partner is unknown (pending)
    touch_type       varchar(40)   not null,
    occurred_at      timestamptz   not null,
    evidence         text,
    source           varchar(20)   not null,   -- crm | registration | manual
    registration_id  uuid,
    removed          boolean       not null default false,
    created_by       varchar(200),
    created_at       timestamptz   not null,
    updated_at       timestamptz   not null
);
create unique index touchpoint_external on touchpoint (crm_system, external_id) where external_id is not null;
create unique index touchpoint_registration on touchpoint (registration_id) where registration_id is not null;
create index touchpoint_deal on touchpoint (crm_system, crm_deal_id);
create index touchpoint_pending on touchpoint (partner_ref) where partner_id is null;
