-- FX rates are versioned per pair and date: a publication, then corrections and withdrawals, each naming the version it
-- replaces. fx_rate keeps what conversions use (the current version; no row once withdrawn); fx_rate_version keeps
-- every version, append-only.
alter table fx_rate add column version integer not null default 1;

create table fx_rate_version (
    from_ccy              char(3)        not null,
    to_ccy                char(3)        not null,
    rate_date             date           not null,
    version               integer        not null check (version >= 1),
    action                varchar(12)    not null check (action in ('published', 'corrected', 'withdrawn')),
    rate                  numeric(38,12) check (rate > 0),
    replaces_version      integer,
    reason                text,
    source                varchar(50)    not null,
    recorded_at           timestamptz    not null,
    recorded_by           varchar(200)   not null,
    recorded_by_identity  varchar(700),
    primary key (from_ccy, to_ccy, rate_date, version),
    check ((action = 'withdrawn') = (rate is null)),
    check (action = 'published' or (replaces_version = version - 1 and reason is not null)),
    check (replaces_version is null or replaces_version = version - 1)
);

insert into fx_rate_version (from_ccy, to_ccy, rate_date, version, action, rate, replaces_version, reason, source,
                             recorded_at, recorded_by)
select from_ccy, to_ccy, rate_date, 1, 'published', rate, null, null, source, published_at, published_by from fx_rate;

create function fx_rate_version_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'fx rate versions are append-only: % refused (record a correction instead)', tg_op using errcode = '55000';
end $$;
create trigger fx_rate_version_append_only before update or delete on fx_rate_version
    for each row execute function fx_rate_version_append_only();
