package io.partnerflow.payout.domain.bank;

import java.util.Optional;

/**
 * Validates and masks bank details. Every {@code ...Error} method returns {@code Optional.empty()} for a
 * valid value, or a user-facing message that never echoes the full number.
 */
public final class BankAccounts {

    private BankAccounts() {
    }

    /** Upper-cases and removes spaces (and other whitespace); {@code null} stays {@code null}. */
    public static String normalizeIban(String iban) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Country code, per-country length, characters and ISO 7064 mod-97 = 1. Accepts spaces/lower case. */
    public static Optional<String> ibanError(String iban) {
        throw new UnsupportedOperationException("not yet");
    }

    /** ISO 9362: 8 or 11 characters, 4 letters bank code, valid ISO 3166 country, 2 alphanumerics location, optional 3 alphanumerics branch. */
    public static Optional<String> bicError(String bic) {
        throw new UnsupportedOperationException("not yet");
    }

    /** 9 digits and the 3-7-1 checksum. */
    public static Optional<String> abaRoutingError(String routing) {
        throw new UnsupportedOperationException("not yet");
    }

    /** 1 to 17 digits. */
    public static Optional<String> usAccountNumberError(String accountNumber) {
        throw new UnsupportedOperationException("not yet");
    }

    /** "•••• 3000": only the last 4 characters (ignoring spaces) visible; shorter values are fully masked. */
    public static String mask(String number) {
        throw new UnsupportedOperationException("not yet");
    }
}
