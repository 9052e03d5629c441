-- MDF ROI (issue #17). MDF allocated / claimed / reimbursed are ordinary amount facts (metrics MDF_ALLOCATED, MDF_CLAIMED,
-- MDF_REIMBURSED; MDF_INFLUENCED_REVENUE is derived from the deals below). Derived from the topics: rebuildable.

-- The deals a partner's reimbursed MDF campaigns named (mdf.claim-approved dealIds), once per deal and partner; kept
-- apart from deal_credits so a claim may arrive before the deal's attribution (other topic, other key) and still count.
create table mdf_deal_mark (
    deal_id    varchar(200) not null,
    partner_id uuid         not null,
    primary key (deal_id, partner_id)
);
