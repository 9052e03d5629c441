-- A CRM delivery's raw payload (~2 KB, kept for replay until CrmDeliveryRetention removes it) is stored as it is, not
-- pglz-compressed on every webhook (issue #16, docs/benchmarks.md, session 17): rows up to a page (8,160 bytes) stay
-- inline and uncompressed, larger ones are compressed and moved to TOAST as before. Rows written earlier are unchanged.
alter table crm_delivery set (toast_tuple_target = 8160);
