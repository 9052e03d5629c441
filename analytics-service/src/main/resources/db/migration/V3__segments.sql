-- Segments: versioned rules stored as data (each PUT adds a version; the highest is current) and each partner's
-- current assignment with its reason. Changes are published as partner.segment-changed through the outbox.
create table segment_rule_set (
    version      integer      primary key,
    rules        text         not null,  -- JSON array of rules (SegmentRule)
    default_code varchar(40)  not null,
    default_name varchar(100) not null,
    created_by   varchar(200) not null,
    created_at   timestamptz  not null default now()
);

-- Version 1: the defaults of the issue (#17): top performers = top 10 % by revenue, rising stars = QoQ revenue
-- growth > 50 %, dormant = no won deal in 90 days; everyone else steady.
insert into segment_rule_set (version, rules, default_code, default_name, created_by) values (1,
 '[{"code":"top-performers","name":"Top performers","metric":"revenue","topPercent":10},'
 || '{"code":"rising-stars","name":"Rising stars","metric":"revenue-growth-qoq","op":"gt","value":"50"},'
 || '{"code":"dormant","name":"Dormant","metric":"days-since-last-deal","op":"gte","value":"90"}]',
 'steady', 'Steady', 'migration');

create table segment_assignment (
    partner_id       uuid         primary key,
    segment_code     varchar(40)  not null,
    segment_name     varchar(100) not null,
    rule_set_version integer      not null,
    reason           text         not null,
    period           varchar(10)  not null,
    changes          integer      not null,  -- how many times it changed: part of the event id
    assigned_at      timestamptz  not null
);
create index segment_assignment_code on segment_assignment (segment_code);
