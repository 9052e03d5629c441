-- Documents kept whole (JSON payloads, explanations, line lists) are never filtered, joined or sorted on: the planner
-- has no use for their statistics, and computing them was most of what autovacuum's ANALYZE cost under load —
-- it sorts 30,000 sampled values per column with the locale's collation, and JSON documents share long prefixes
-- (docs/benchmarks.md, session 12). Their statistics are not gathered (SET STATISTICS 0); queries are unchanged.
alter table deal_snapshot alter column payload set statistics 0;
alter table attribution alter column payload set statistics 0;
alter table deal_compact alter column lines set statistics 0, alter column touches set statistics 0;
alter table deal_reversal alter column payload set statistics 0;
