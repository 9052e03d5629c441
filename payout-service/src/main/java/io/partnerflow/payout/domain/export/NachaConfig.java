package io.partnerflow.payout.domain.export;

/**
 * The vendor's NACHA origin/destination and company identification (configuration).
 *
 * @param immediateDestination     the receiving point's 9-digit routing number (written as " " + 9 digits)
 * @param immediateDestinationName up to 23 characters
 * @param immediateOrigin          10 characters (often "1" + EIN, or " " + routing number)
 * @param immediateOriginName      up to 23 characters
 * @param companyName              up to 16 characters
 * @param companyId                10 characters
 * @param originatingDfi           8 digits (the originating bank's routing number without check digit)
 * @param companyEntryDescription  up to 10 characters, e.g. "PAYOUT"
 */
public record NachaConfig(
        String immediateDestination,
        String immediateDestinationName,
        String immediateOrigin,
        String immediateOriginName,
        String companyName,
        String companyId,
        String originatingDfi,
        String companyEntryDescription) {
}
