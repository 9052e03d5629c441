package io.partnerflow.partner.domain;

import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;

/** Normalises a web domain so "https://WWW.Acme.com/" and "acme.com" are the same domain. */
public final class WebDomains {
    private static final Pattern VALID = Pattern.compile("^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$");

    private WebDomains() {
    }

    public static String normalise(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("a web domain must not be blank");
        }
        String d = raw.trim().toLowerCase(Locale.ROOT);
        d = d.replaceFirst("^[a-z][a-z0-9+.-]*://", "");
        int cut = indexOfAny(d, '/', '?', '#', ':');
        if (cut >= 0) {
            d = d.substring(0, cut);
        }
        if (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        if (d.startsWith("www.")) {
            d = d.substring(4);
        }
        d = IDN.toASCII(d, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        if (!VALID.matcher(d).matches()) {
            throw new IllegalArgumentException("not a web domain: " + raw);
        }
        return d;
    }

    private static int indexOfAny(String s, char... cs) {
        int best = -1;
        for (char c : cs) {
            int i = s.indexOf(c);
            if (i >= 0 && (best < 0 || i < best)) {
                best = i;
            }
        }
        return best;
    }
}
