-- Compact closed-deal store for what-if simulation: one row per deal with its NET lines (first
-- closed-won revision + every reversal's per-line deltas) in minor units, and its touches.
--   lines:   "lineNumber:minorUnits,..."                      e.g. "1:4200000,2:962500"
--   touches: "touchpointId|partnerId|typeOrdinal|epochMillis;..."
create table deal_compact (
    deal_id              varchar(100) primary key,
    closed_at            timestamptz  not null,
    created_at           timestamptz,
    currency             char(3)      not null,
    lines                text         not null,
    touches              text         not null
);
create index deal_compact_closed_at on deal_compact (closed_at);
