package io.partnerflow.payout.domain.export;

import java.text.Normalizer;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Text for SEPA files. The EPC SEPA credit transfer rulebook restricts text to the basic Latin set
 * {@code a-z A-Z 0-9 / - ? : ( ) . , ' + space}; identifiers (message, payment and end-to-end ids) additionally
 * may not start or end with '/' nor contain "//", and are at most 35 characters.
 */
final class SepaText {

    static final int MAX_ID_LENGTH = 35;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9/\\-?:().,'+ ]{1,35}");
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private SepaText() {
    }

    /**
     * Transliterates to the SEPA character set: accents are dropped (é → e), ß → ss, æ → ae, ø → o, & → +,
     * anything else outside the set becomes a space; whitespace is collapsed; the result is cut to {@code max}.
     * Returns {@code null} if nothing printable is left.
     */
    static String text(String value, int max) {
        if (value == null) {
            return null;
        }
        String s = value.replace("ß", "ss").replace("ẞ", "SS").replace("æ", "ae").replace("Æ", "AE")
                .replace("ø", "o").replace("Ø", "O").replace("ł", "l").replace("Ł", "L").replace("đ", "d")
                .replace("Đ", "D").replace("&", "+");
        s = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            b.append(allowed(c) ? c : ' ');
        }
        String cleaned = b.toString().replaceAll("\\s+", " ").strip();
        if (cleaned.isEmpty()) {
            return null;
        }
        return cleaned.length() <= max ? cleaned : cleaned.substring(0, max).stripTrailing();
    }

    /**
     * A SEPA identifier for {@code value}: unchanged if it is already one; a UUID (36 characters) loses its
     * hyphens (32). Anything else is refused, never silently changed, because banks report these ids back.
     */
    static String id(String value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        String v = UUID_TEXT.matcher(value).matches() ? UUID.fromString(value).toString().replace("-", "") : value;
        if (!ID.matcher(v).matches() || v.startsWith("/") || v.endsWith("/") || v.contains("//")) {
            throw new IllegalArgumentException(what + " \"" + value + "\" is not a SEPA identifier: 1 to "
                    + MAX_ID_LENGTH + " characters of a-z A-Z 0-9 / - ? : ( ) . , ' + and space, not starting or"
                    + " ending with '/' nor containing '//' (a UUID is accepted and written without hyphens)");
        }
        return v;
    }

    private static boolean allowed(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "/-?:().,'+ ".indexOf(c) >= 0;
    }
}
