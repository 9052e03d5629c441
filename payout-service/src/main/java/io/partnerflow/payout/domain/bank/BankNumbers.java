package io.partnerflow.payout.domain.bank;

/**
 * A partner's bank numbers in clear: what is sealed at rest and opened only to write a payment file. The record's
 * {@code toString} masks every number, so it can never leak through a log line or an exception message.
 */
public record BankNumbers(String iban, String abaRouting, String accountNumber) {

    public boolean isEmpty() {
        return iban == null && abaRouting == null && accountNumber == null;
    }

    /** The text that is sealed (and fingerprinted): {@code v1|iban|aba|account}, empty for an absent number. */
    public String plaintext() {
        return "v1|" + nz(iban) + "|" + nz(abaRouting) + "|" + nz(accountNumber);
    }

    public static BankNumbers parse(String plaintext) {
        String[] p = plaintext.split("\\|", -1);
        if (p.length != 4 || !"v1".equals(p[0])) {
            throw new IllegalArgumentException("not sealed bank numbers");
        }
        return new BankNumbers(blankToNull(p[1]), blankToNull(p[2]), blankToNull(p[3]));
    }

    @Override
    public String toString() {
        return "BankNumbers[iban=" + BankAccounts.mask(iban) + ", abaRouting=" + BankAccounts.mask(abaRouting)
                + ", accountNumber=" + BankAccounts.mask(accountNumber) + "]";
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String blankToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
