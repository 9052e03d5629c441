package io.partnerflow.partner.domain;

/** DESIGN.md: resellers, referral partners, distributors, MSPs, technology partners, agents. */
public enum PartnerType {
    RESELLER, REFERRAL, DISTRIBUTOR, MSP, TECHNOLOGY, AGENT
}
