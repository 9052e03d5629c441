package io.partnerflow.attribution.application;

import io.partnerflow.attribution.domain.CreditSplit.Line;
import io.partnerflow.attribution.domain.Touch;
import io.partnerflow.attribution.domain.TouchType;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The text encoding of {@code deal_compact} (see V4 migration). */
final class CompactDeal {
    private static final TouchType[] TYPES = TouchType.values();

    private CompactDeal() {
    }

    static String encodeLines(List<Line> lines) {
        Map<Integer, BigInteger> m = new TreeMap<>();
        lines.forEach(l -> m.put(l.lineNumber(), l.amount().minorUnits()));
        return encode(m);
    }

    static String encode(Map<Integer, BigInteger> lines) {
        StringBuilder b = new StringBuilder();
        lines.forEach((n, minor) -> b.append(b.isEmpty() ? "" : ",").append(n).append(':').append(minor));
        return b.toString();
    }

    static Map<Integer, BigInteger> decodeLines(String s) {
        Map<Integer, BigInteger> m = new TreeMap<>();
        for (String part : s.split(",")) {
            int c = part.indexOf(':');
            m.put(Integer.parseInt(part.substring(0, c)), new BigInteger(part.substring(c + 1)));
        }
        return m;
    }

    static String encodeTouches(List<Touch> touches) {
        StringBuilder b = new StringBuilder();
        for (Touch t : touches) {
            b.append(b.isEmpty() ? "" : ";").append(t.touchpointId()).append('|').append(t.partnerId()).append('|')
                    .append(t.type().ordinal()).append('|').append(t.at().toEpochMilli());
        }
        return b.toString();
    }

    static List<Touch> decodeTouches(String s) {
        List<Touch> out = new ArrayList<>();
        if (s == null || s.isEmpty()) {
            return out;
        }
        int start = 0;
        while (start < s.length()) {
            int end = s.indexOf(';', start);
            if (end < 0) {
                end = s.length();
            }
            int a = s.indexOf('|', start);
            int b = s.indexOf('|', a + 1);
            int c = s.indexOf('|', b + 1);
            out.add(new Touch(s.substring(start, a), s.substring(a + 1, b), TYPES[Integer.parseInt(s, b + 1, c, 10)],
                    Instant.ofEpochMilli(Long.parseLong(s, c + 1, end, 10))));
            start = end + 1;
        }
        return out;
    }
}
