package io.partnerflow.payout.domain.bank;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates and masks bank details. Every {@code ...Error} method returns {@code Optional.empty()} for a valid
 * value, or a user-facing message that never echoes the number it was given (bank details are sensitive).
 *
 * <p>Checks:
 * <ul>
 *   <li>IBAN (ISO 13616): known country code, that country's length (the SWIFT IBAN registry), alphanumerics only
 *       and ISO 7064 MOD 97-10 = 1. Spaces and lower case are accepted ({@link #normalizeIban});</li>
 *   <li>BIC (ISO 9362): 8 or 11 characters = 4 alphanumerics (party prefix) + an ISO 3166 country code + 2
 *       alphanumerics (location) + optionally 3 alphanumerics (branch); spaces and lower case are accepted
 *       ({@link #normalizeBic});</li>
 *   <li>ABA routing number: 9 digits, a Federal Reserve prefix (00–12, 21–32, 61–72, 80) and the 3-7-1
 *       checksum;</li>
 *   <li>US account number: 1 to 17 digits.</li>
 * </ul>
 */
public final class BankAccounts {

    /** IBAN length per country (SWIFT IBAN registry). Territories that use another country's IBAN are absent. */
    private static final Map<String, Integer> IBAN_LENGTHS = Map.ofEntries(
            Map.entry("AD", 24), Map.entry("AE", 23), Map.entry("AL", 28), Map.entry("AT", 20), Map.entry("AZ", 28),
            Map.entry("BA", 20), Map.entry("BE", 16), Map.entry("BG", 22), Map.entry("BH", 22), Map.entry("BI", 27),
            Map.entry("BR", 29), Map.entry("BY", 28), Map.entry("CH", 21), Map.entry("CR", 22), Map.entry("CY", 28),
            Map.entry("CZ", 24), Map.entry("DE", 22), Map.entry("DJ", 27), Map.entry("DK", 18), Map.entry("DO", 28),
            Map.entry("EE", 20), Map.entry("EG", 29), Map.entry("ES", 24), Map.entry("FI", 18), Map.entry("FK", 18),
            Map.entry("FO", 18), Map.entry("FR", 27), Map.entry("GB", 22), Map.entry("GE", 22), Map.entry("GI", 23),
            Map.entry("GL", 18), Map.entry("GR", 27), Map.entry("GT", 28), Map.entry("HN", 28), Map.entry("HR", 21),
            Map.entry("HU", 28), Map.entry("IE", 22), Map.entry("IL", 23), Map.entry("IQ", 23), Map.entry("IS", 26),
            Map.entry("IT", 27), Map.entry("JO", 30), Map.entry("KW", 30), Map.entry("KZ", 20), Map.entry("LB", 28),
            Map.entry("LC", 32), Map.entry("LI", 21), Map.entry("LT", 20), Map.entry("LU", 20), Map.entry("LV", 21),
            Map.entry("LY", 25), Map.entry("MC", 27), Map.entry("MD", 24), Map.entry("ME", 22), Map.entry("MK", 19),
            Map.entry("MN", 20), Map.entry("MR", 27), Map.entry("MT", 31), Map.entry("MU", 30), Map.entry("NI", 28),
            Map.entry("NL", 18), Map.entry("NO", 15), Map.entry("OM", 23), Map.entry("PK", 24), Map.entry("PL", 28),
            Map.entry("PS", 29), Map.entry("PT", 25), Map.entry("QA", 29), Map.entry("RO", 24), Map.entry("RS", 22),
            Map.entry("RU", 33), Map.entry("SA", 24), Map.entry("SC", 31), Map.entry("SD", 18), Map.entry("SE", 24),
            Map.entry("SI", 19), Map.entry("SK", 24), Map.entry("SM", 27), Map.entry("SO", 23), Map.entry("ST", 25),
            Map.entry("SV", 28), Map.entry("TL", 23), Map.entry("TN", 24), Map.entry("TR", 26), Map.entry("UA", 29),
            Map.entry("VA", 22), Map.entry("VG", 24), Map.entry("XK", 20), Map.entry("YE", 30));

    /**
     * IBAN countries in the SEPA credit transfer scheme (EPC list of SEPA countries, 2025: EU/EEA, CH, GB, MC,
     * SM, VA, AD, GI and the 2024–25 additions AL, MD, ME, MK, RS). Territories such as Guernsey or Réunion use
     * their parent's IBAN prefix and are covered by it.
     */
    private static final Set<String> SEPA_COUNTRIES = Set.of(
            "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU",
            "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO", "CH", "GB", "MC", "SM", "VA", "AD",
            "GI", "AL", "MD", "ME", "MK", "RS");

    private static final Set<String> ISO_COUNTRIES = isoCountries();
    private static final Pattern ALNUM = Pattern.compile("[A-Z0-9]+");
    private static final Pattern BIC = Pattern.compile("[A-Z0-9]{4}([A-Z]{2})[A-Z0-9]{2}([A-Z0-9]{3})?");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);
    private static final String MASK = "••••";

    private BankAccounts() {
    }

    /** Upper case with all whitespace removed; {@code null} stays {@code null}. */
    public static String normalizeIban(String iban) {
        return iban == null ? null : iban.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
    }

    /** Upper case with all whitespace removed; {@code null} stays {@code null}. */
    public static String normalizeBic(String bic) {
        return normalizeIban(bic);
    }

    /** Country code, per-country length, characters and ISO 7064 MOD 97-10 = 1. */
    public static Optional<String> ibanError(String iban) {
        String s = normalizeIban(iban);
        if (s == null || s.isEmpty()) {
            return Optional.of("IBAN is missing");
        }
        if (!ALNUM.matcher(s).matches()) {
            return Optional.of("IBAN may contain only letters, digits and spaces");
        }
        if (s.length() < 5) {
            return Optional.of("IBAN is too short");
        }
        String country = s.substring(0, 2);
        Integer length = IBAN_LENGTHS.get(country);
        if (length == null) {
            return Optional.of("IBAN country code " + sanitizeCode(country) + " is not an IBAN country");
        }
        if (s.length() != length) {
            return Optional.of("IBAN has " + s.length() + " characters; " + country + " IBANs have " + length);
        }
        if (!Character.isDigit(s.charAt(2)) || !Character.isDigit(s.charAt(3))) {
            return Optional.of("IBAN check digits (3rd and 4th characters) must be digits");
        }
        if (mod97(s) != 1) {
            return Optional.of("IBAN checksum is wrong: please check for a typo");
        }
        return Optional.empty();
    }

    /** Whether a valid IBAN's country takes part in the SEPA credit transfer scheme. */
    public static boolean isSepaIban(String iban) {
        String s = normalizeIban(iban);
        return ibanError(s).isEmpty() && SEPA_COUNTRIES.contains(s.substring(0, 2));
    }

    /** ISO 9362: 8 or 11 characters, 4 alphanumerics + valid ISO 3166 country + 2 + optional 3 alphanumerics. */
    public static Optional<String> bicError(String bic) {
        String s = normalizeBic(bic);
        if (s == null || s.isEmpty()) {
            return Optional.of("BIC is missing");
        }
        if (s.length() != 8 && s.length() != 11) {
            return Optional.of("BIC must have 8 or 11 characters, not " + s.length());
        }
        var m = BIC.matcher(s);
        if (!m.matches()) {
            return Optional.of("BIC must be 4 letters or digits, a 2-letter country code, 2 letters or digits"
                    + " and optionally a 3-character branch code");
        }
        if (!ISO_COUNTRIES.contains(m.group(1))) {
            return Optional.of("BIC country code " + m.group(1) + " (5th and 6th characters) is not an ISO 3166 country");
        }
        return Optional.empty();
    }

    /** 9 digits, a Federal Reserve routing symbol prefix and the 3-7-1 checksum. */
    public static Optional<String> abaRoutingError(String routing) {
        if (routing == null || routing.isBlank()) {
            return Optional.of("routing number is missing");
        }
        String s = routing.strip();
        if (!DIGITS.matcher(s).matches()) {
            return Optional.of("routing number may contain only digits");
        }
        if (s.length() != 9) {
            return Optional.of("routing number must have 9 digits, not " + s.length());
        }
        int prefix = Integer.parseInt(s.substring(0, 2));
        boolean knownPrefix = prefix <= 12 || (prefix >= 21 && prefix <= 32) || (prefix >= 61 && prefix <= 72) || prefix == 80;
        if (!knownPrefix || s.equals("000000000")) {
            return Optional.of("routing number does not start with a valid Federal Reserve prefix");
        }
        int sum = 0;
        int[] weights = {3, 7, 1};
        for (int i = 0; i < 9; i++) {
            sum += (s.charAt(i) - '0') * weights[i % 3];
        }
        if (sum % 10 != 0) {
            return Optional.of("routing number checksum is wrong: please check for a typo");
        }
        return Optional.empty();
    }

    /** 1 to 17 digits. */
    public static Optional<String> usAccountNumberError(String accountNumber) {
        if (accountNumber == null || accountNumber.isBlank()) {
            return Optional.of("account number is missing");
        }
        String s = accountNumber.strip();
        if (!DIGITS.matcher(s).matches()) {
            return Optional.of("account number may contain only digits");
        }
        if (s.length() > 17) {
            return Optional.of("account number must have at most 17 digits, not " + s.length());
        }
        return Optional.empty();
    }

    /**
     * "•••• 3000": whitespace is ignored and only the last 4 characters stay visible; a value of fewer than 8
     * characters is masked completely ("••••"), so that a mask never shows half or more of a number.
     * {@code null} stays {@code null}.
     */
    public static String mask(String number) {
        if (number == null) {
            return null;
        }
        String s = number.replaceAll("\\s+", "");
        if (s.length() < 8) {
            return MASK;
        }
        return MASK + " " + s.substring(s.length() - 4);
    }

    private static int mod97(String iban) {
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        StringBuilder digits = new StringBuilder(rearranged.length() * 2);
        for (char c : rearranged.toCharArray()) {
            digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        return new BigInteger(digits.toString()).mod(NINETY_SEVEN).intValue();
    }

    /** Echoes a 2-character code only if it is letters (it is then a country code, not part of a number). */
    private static String sanitizeCode(String code) {
        return code.chars().allMatch(Character::isLetter) ? code : "(not letters)";
    }

    private static Set<String> isoCountries() {
        var all = new java.util.HashSet<>(Set.of(Locale.getISOCountries()));
        all.add("XK"); // Kosovo: user-assigned code, used in BICs and IBANs
        return Set.copyOf(all);
    }
}
