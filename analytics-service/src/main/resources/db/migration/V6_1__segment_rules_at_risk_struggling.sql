-- Segments that read the prediction scores (issue #17): a NEW rule-set version (version 1 stays as it was) that adds
-- "at-risk" (the latest prediction model's at-risk probability >= 0.6; the reason names the model version) and
-- "struggling" (revenue fell by more than 30 % against the previous quarter: only partners that had revenue then).
-- Appended as max(version) + 1, so rules a channel manager already PUT are kept as history; this version becomes current.
insert into segment_rule_set (version, rules, default_code, default_name, created_by)
select coalesce(max(version), 0) + 1,
 '[{"code":"top-performers","name":"Top performers","metric":"revenue","topPercent":10},'
 || '{"code":"rising-stars","name":"Rising stars","metric":"revenue-growth-qoq","op":"gt","value":"50"},'
 || '{"code":"at-risk","name":"At risk","metric":"at-risk-probability","op":"gte","value":"0.6"},'
 || '{"code":"struggling","name":"Struggling","metric":"revenue-growth-qoq","op":"lt","value":"-30"},'
 || '{"code":"dormant","name":"Dormant","metric":"days-since-last-deal","op":"gte","value":"90"}]',
 'steady', 'Steady', 'migration'
from segment_rule_set;
