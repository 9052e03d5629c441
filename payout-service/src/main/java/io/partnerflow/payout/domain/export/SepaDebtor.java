package io.partnerflow.payout.domain.export;

/** The vendor's own account that SEPA credit transfers are paid from (configuration). */
public record SepaDebtor(String name, String iban, String bic, String initiatingPartyId) {
}
