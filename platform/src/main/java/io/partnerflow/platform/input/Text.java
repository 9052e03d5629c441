package io.partnerflow.platform.input;

/**
 * The text rule of every input (JSON strings and keys, query and path parameters): no control characters except
 * TAB, LF and CR (so no NUL, no ESC, no DEL, no C1 controls), and no unpaired UTF-16 surrogates (they are not
 * Unicode text and PostgreSQL cannot store them).
 */
public final class Text {
    private Text() {
    }

    /** Why {@code s} is not acceptable text, or {@code null} if it is. */
    public static String violation(String s) {
        if (s == null) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                return String.format("must not contain control characters (U+%04X at index %d)", (int) c, i);
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "must be valid Unicode text (unpaired surrogate at index " + i + ")";
            }
            if (Character.isLowSurrogate(c)) {
                return "must be valid Unicode text (unpaired surrogate at index " + i + ")";
            }
        }
        return null;
    }

    /** {@code s} shortened to {@code max} characters with control characters escaped, for echoing in a problem. */
    public static String preview(Object value, int max) {
        String s = String.valueOf(value);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < max; i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) || Character.isSurrogate(c)) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        if (b.length() >= max && s.length() > max) {
            b.setLength(max);
            b.append("… (").append(s.length()).append(" characters)");
        }
        return b.toString();
    }
}
