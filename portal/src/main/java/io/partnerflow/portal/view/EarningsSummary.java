package io.partnerflow.portal.view;

import io.quarkus.qute.TemplateData;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The partner dashboard's figures, from the ledger lines alone (pure: no I/O): totals per status and currency (a
 * clawback counts under "clawed back", whatever its status), per booking month and currency, and the newest lines.
 */
@TemplateData
public record EarningsSummary(List<Row> byStatus, List<Row> byMonth, List<EarningLine> latest, int count) {

    /** Order of the status columns, as money moves. */
    public static final List<String> STATUSES = List.of("pending", "approved", "held", "in_run", "paid", "declined", "clawed back");

    @TemplateData
    public record Row(String label, String currency, int lines, Amount total) {
    }

    public static EarningsSummary of(List<EarningLine> lines, int latest) {
        Map<String, Row> status = new TreeMap<>(Comparator.comparing((String k) -> STATUSES.indexOf(k.split("\\|")[0]))
                .thenComparing(k -> k));
        Map<String, Row> month = new TreeMap<>(Comparator.reverseOrder());
        for (EarningLine l : lines) {
            String s = l.amount().negative() ? "clawed back" : l.status();
            if (!STATUSES.contains(s)) {
                s = l.status();
            }
            add(status, s, l);
            add(month, l.period(), l);
        }
        List<EarningLine> newest = new ArrayList<>(lines);
        newest.sort(Comparator.comparing(EarningLine::occurredAt).reversed().thenComparing(EarningLine::earningId));
        return new EarningsSummary(List.copyOf(status.values()), List.copyOf(month.values()),
                List.copyOf(newest.subList(0, Math.min(latest, newest.size()))), lines.size());
    }

    private static void add(Map<String, Row> rows, String label, EarningLine l) {
        String key = label + "|" + l.amount().currency();
        Row r = rows.get(key);
        rows.put(key, r == null ? new Row(label.equals("in_run") ? "in a payout run" : label, l.amount().currency(), 1, l.amount())
                : new Row(r.label(), r.currency(), r.lines() + 1, r.total().plus(l.amount())));
    }

    /** A fingerprint of what the dashboard shows: the live view pushes a new fragment only when it changes. */
    public static String fingerprint(List<EarningLine> lines) {
        Map<String, String> m = new LinkedHashMap<>();
        lines.forEach(l -> m.put(l.earningId(), l.status() + l.amount().text()));
        return new TreeMap<>(m).toString();
    }
}
