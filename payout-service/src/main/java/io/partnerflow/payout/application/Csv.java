package io.partnerflow.payout.application;

/** RFC 4180 CSV rows: fields with a comma, quote or line break are quoted, quotes doubled; CRLF-free (LF). */
public final class Csv {
    private Csv() {
    }

    public static void row(StringBuilder out, String... fields) {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(field(fields[i]));
        }
        out.append('\n');
    }

    public static String field(String s) {
        if (s == null) {
            return "";
        }
        // a leading =, +, - or @ would be a formula in spreadsheet programs: neutralise it (except plain numbers)
        String v = s;
        if (!v.isEmpty() && "=+@".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
