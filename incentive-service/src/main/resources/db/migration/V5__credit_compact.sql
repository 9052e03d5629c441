-- Compact copy of every partner's net credit per deal (the attribution in force plus reversals), for what-if.
create table credit_compact (
    deal_id           varchar(100) not null,
    partner_id        varchar(100) not null,
    closed_at         timestamptz  not null,
    deal_type         varchar(50)  not null,
    customer_country  char(2),
    currency          char(3)      not null,
    deal_amount_minor bigint       not null,
    role              varchar(20)  not null,
    lines             text         not null,   -- category=minor units;category=minor units (net)
    primary key (deal_id, partner_id)
);
create index credit_compact_closed on credit_compact (closed_at);
