-- Saved KPI dashboards (#17): per user (the JWT subject), widgets as JSON (domain/dashboard/Widget), validated on
-- write. partner_id: the partner of a partner user at creation (null for staff); evaluation is scoped by the caller's
-- token anyway.
create table dashboard (
    id         uuid         primary key,
    owner      varchar(300) not null,
    partner_id uuid,
    name       varchar(100) not null,
    widgets    text         not null,
    created_at timestamptz  not null,
    updated_at timestamptz  not null
);
create index dashboard_owner on dashboard (owner, created_at);
