-- Deal registrations. "At most one APPROVED registration per customer and product category" is enforced by the
-- database: a trigger keeps one registration_claim row per (customer key, category) of every approved
-- registration, and the claim's primary key refuses a second one. Customer keys: the registrable domain
-- (subdomains included) and the normalised name + country — a registration claims both.
create table registration (
    id                         uuid          primary key,
    partner_id                 uuid          not null,
    customer_name              varchar(500)  not null,
    customer_name_key          varchar(500)  not null,
    customer_domain            varchar(253),
    customer_root_domain       varchar(253),
    customer_country           char(2)       not null,
    product_categories         text[]        not null,
    expected_amount            numeric(19,4),
    currency                   char(3),
    expected_close_date        date,
    deal_name                  varchar(500),
    description                text,
    status                     varchar(20)   not null,  -- submitted | approved | rejected | converted | expired | cancelled
    submitted_by               varchar(200)  not null,
    submitted_at               timestamptz   not null,
    conflicts                  text          not null default '[]',
    decided_by                 varchar(200),
    decided_at                 timestamptz,
    decision_note              text,
    conflicting_registration_id uuid,
    approved_at                timestamptz,
    protected_until            timestamptz,
    deal_id                    uuid,
    converted_at               timestamptz,
    ended_at                   timestamptz,
    constraint registration_categories_not_empty check (cardinality(product_categories) > 0)
);
create index registration_partner on registration (partner_id, submitted_at);
create index registration_root_domain on registration (customer_root_domain) where status in ('submitted', 'approved');
create index registration_name_key on registration (customer_name_key, customer_country) where status in ('submitted', 'approved');
create index registration_protection on registration (protected_until) where status = 'approved';

create table registration_claim (
    customer_key      varchar(600) not null,
    product_category  varchar(200) not null,
    registration_id   uuid         not null references registration (id),
    primary key (customer_key, product_category)
);
create index registration_claim_registration on registration_claim (registration_id);

create function registration_claims_sync() returns trigger language plpgsql as $$
begin
    delete from registration_claim where registration_id = new.id;
    if new.status = 'approved' then
        insert into registration_claim (customer_key, product_category, registration_id)
        select distinct k.key, c.category, new.id
        from unnest(array_remove(array[
                 case when new.customer_root_domain is not null then 'domain:' || new.customer_root_domain end,
                 'name:' || new.customer_name_key || '|' || new.customer_country], null)) as k(key),
             unnest(new.product_categories) as c(category);
    end if;
    return new;
end
$$;

create trigger registration_claims after insert or update of status on registration
    for each row execute function registration_claims_sync();
