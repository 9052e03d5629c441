package io.partnerflow.payout.domain.export;

import io.partnerflow.payout.domain.bank.BankAccounts;

/**
 * The vendor's NACHA origin/destination and company identification (configuration). The constructor checks
 * each value (IllegalArgumentException naming the field), so bad configuration fails at start-up, not in a run.
 *
 * @param immediateDestination     the receiving point's (the vendor's bank's) 9-digit routing number, written
 *                                 as " " + 9 digits; must pass the ABA checksum
 * @param immediateDestinationName 1–23 characters
 * @param immediateOrigin          10 characters (often "1" + the 9-digit EIN); 9 digits are written as " " + 9
 * @param immediateOriginName      1–23 characters
 * @param companyName              1–16 characters
 * @param companyId                1–10 characters (often "1" + EIN)
 * @param originatingDfi           8 digits: the originating bank's routing number without its check digit
 * @param companyEntryDescription  1–10 characters, e.g. "PAYOUT" (shown on the payee's statement)
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

    public NachaConfig {
        BankAccounts.abaRoutingError(immediateDestination).ifPresent(e -> {
            throw new IllegalArgumentException("NACHA immediate destination: " + e);
        });
        immediateDestination = immediateDestination.strip();
        if (immediateOrigin == null || !(immediateOrigin.length() == 10 || immediateOrigin.matches("[0-9]{9}"))) {
            throw new IllegalArgumentException("NACHA immediate origin must have 10 characters (or 9 digits)");
        }
        if (immediateOrigin.length() == 9) {
            immediateOrigin = " " + immediateOrigin;
        }
        requireLength(immediateDestinationName, 23, "immediate destination name");
        requireLength(immediateOriginName, 23, "immediate origin name");
        requireLength(companyName, 16, "company name");
        requireLength(companyId, 10, "company id");
        requireLength(companyEntryDescription, 10, "company entry description");
        if (originatingDfi == null || !originatingDfi.matches("[0-9]{8}")) {
            throw new IllegalArgumentException("NACHA originating DFI must be 8 digits");
        }
    }

    private static void requireLength(String value, int max, String what) {
        if (value == null || value.isBlank() || value.length() > max) {
            throw new IllegalArgumentException("NACHA " + what + " must have 1 to " + max + " characters");
        }
    }
}
