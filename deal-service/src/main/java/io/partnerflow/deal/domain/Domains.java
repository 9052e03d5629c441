package io.partnerflow.deal.domain;

import java.net.IDN;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Customer web domains: {@link #normalise} makes "https://WWW.Acme.com/x" and "acme.com" equal;
 * {@link #root} reduces a domain to its registrable part so subdomains ("eu.acme.com") are the same customer.
 * The public-suffix knowledge is a short built-in list of two-label suffixes (co.uk, com.au…), not the full
 * Public Suffix List.
 */
public final class Domains {
    private static final Pattern VALID = Pattern.compile("^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9-]{2,63}$");
    private static final Set<String> TWO_LABEL_SUFFIXES = Set.of("co.uk", "org.uk", "ac.uk", "gov.uk", "ltd.uk",
            "plc.uk", "com.au", "net.au", "org.au", "co.nz", "co.jp", "ne.jp", "or.jp", "com.br", "com.cn", "com.mx",
            "co.za", "co.in", "com.sg", "com.tr", "co.kr", "com.hk", "co.il", "com.ar", "com.tw");

    private Domains() {
    }

    /** Null for blank input; {@link InvalidCrmDataException} for something that is not a domain. */
    public static String normalise(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String d = raw.trim().toLowerCase(Locale.ROOT);
        d = d.replaceFirst("^[a-z][a-z0-9+.-]*://", "");
        int at = d.lastIndexOf('@');
        if (at >= 0) {
            d = d.substring(at + 1);
        }
        for (char c : new char[]{'/', '?', '#', ':'}) {
            int i = d.indexOf(c);
            if (i >= 0) {
                d = d.substring(0, i);
            }
        }
        if (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        if (d.startsWith("www.")) {
            d = d.substring(4);
        }
        try {
            d = IDN.toASCII(d, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw InvalidCrmDataException.of("domain", "not a web domain: " + raw);
        }
        if (!VALID.matcher(d).matches()) {
            throw InvalidCrmDataException.of("domain", "not a web domain: " + raw);
        }
        return d;
    }

    /** The registrable domain: "eu.shop.acme.com" → "acme.com", "sales.acme.co.uk" → "acme.co.uk". */
    public static String root(String normalised) {
        if (normalised == null) {
            return null;
        }
        String[] labels = normalised.split("\\.");
        if (labels.length <= 2) {
            return normalised;
        }
        String lastTwo = labels[labels.length - 2] + "." + labels[labels.length - 1];
        int keep = TWO_LABEL_SUFFIXES.contains(lastTwo) ? 3 : 2;
        StringBuilder b = new StringBuilder();
        for (int i = labels.length - keep; i < labels.length; i++) {
            if (b.length() > 0) {
                b.append('.');
            }
            b.append(labels[i]);
        }
        return b.toString();
    }
}
