-- partner-service, issue #19: several tier ladders — one per partner type (ladder id name-based from the type), the
-- default ladder (partner_type null) for the rest. A partner's state remembers which ladder its tier is on.
alter table tier_ladder_version add column partner_type varchar(20);
alter table tier_ladder_audit add column partner_type varchar(20);
alter table partner_tier_state add column ladder_id uuid;
update partner_tier_state s set ladder_id = (select h.ladder_id from partner_tier_history h
                                             where h.partner_id = s.partner_id order by h.seq desc limit 1)
 where s.ladder_version is not null;
