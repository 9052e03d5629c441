-- Partner activities reported over REST (activity rewards).
create table partner_activity (
    activity_id   varchar(80)   primary key,
    partner_id    varchar(100)  not null,
    type          varchar(40)   not null,
    occurred_at   timestamptz   not null,
    score         numeric(10,4),
    description   text,
    reported_by   varchar(200)  not null,
    reported_at   timestamptz   not null
);
create index partner_activity_partner on partner_activity (partner_id, occurred_at);
