-- Payout profiles: how a partner is paid, tax form, minimum payout. Bank details are sensitive: they are never
-- logged, never in the audit trail (masked there) and masked in every response; only payment files carry them.
create table payout_profile (
    partner_id           varchar(100)  primary key,
    method               varchar(30)   not null check (method in ('sepa_credit_transfer', 'ach', 'manual')),
    account_holder       text,
    iban                 varchar(34),
    bic                  varchar(11),
    aba_routing          varchar(9),
    account_number       varchar(17),
    account_type         varchar(10),
    business             boolean       not null,
    tax_form_type        varchar(20),
    tax_form_reference   text,
    tax_form_expires_on  date,
    minimum_amount       numeric(38, 6),
    minimum_currency     varchar(3),
    revision             integer       not null,
    updated_at           timestamptz   not null,
    updated_by           varchar(200)  not null
);

-- Who changed a profile, when, before and after (bank numbers masked).
create table payout_profile_audit (
    id          bigserial     primary key,
    partner_id  varchar(100)  not null,
    actor       varchar(200)  not null,
    at          timestamptz   not null,
    before      text,
    after       text          not null
);
create index payout_profile_audit_partner on payout_profile_audit (partner_id, id);
