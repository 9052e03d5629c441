-- MDF ROI (issue #17): the deals an MDF campaign touched. The request a claim is filed against is the campaign; the
-- claimant names the deal-service deal ids (0..50) on the claim. They travel on mdf.claim-submitted / claim-approved
-- so analytics can measure the revenue of those deals against what MDF reimbursed. Not verified against deal-service.
create table mdf_claim_deal (
    fund_id   uuid         not null references mdf_fund (fund_id),
    claim_id  varchar(80)  not null,
    deal_id   varchar(200) not null,
    primary key (fund_id, claim_id, deal_id)
);
