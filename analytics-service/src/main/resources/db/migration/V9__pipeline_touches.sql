-- Scorecard deal activity (#17): each pipeline deal's partner touches ("partnerId|touchType|yyyy-mm-dd;…", from the
-- latest revision's touchpoints) for touchpoints by type, and sourced vs influenced open pipeline. Derived from the
-- topics like the rest of pipeline_deal (a rebuild refills it); rows written before this migration keep '' until
-- their deal's next revision arrives.
alter table pipeline_deal add column touches text not null default '';
