-- Documents kept whole (JSON payloads, explanations, line lists) are never filtered, joined or sorted on: the planner
-- has no use for their statistics, and computing them was most of what autovacuum's ANALYZE cost under load —
-- it sorts 30,000 sampled values per column with the locale's collation, and JSON documents share long prefixes
-- (docs/benchmarks.md, session 12). Their statistics are not gathered (SET STATISTICS 0); queries are unchanged.
alter table earning alter column payload set statistics 0, alter column summary set statistics 0;
alter table waiting_earning alter column payload set statistics 0;
