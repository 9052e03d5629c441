package io.partnerflow.analytics.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Ranks partners by one figure: highest first, ties broken by ascending partner id — so every rank is distinct and
 * the same figures always give the same board. A partner viewer sees the other rows' names and ids masked.
 */
public final class Leaderboard {

    public record Entry(String partnerId, String name, BigDecimal value) {
    }

    /** One ranked row; {@code partnerId}/{@code name} null when masked for the viewer. */
    public record Row(int rank, String partnerId, String name, BigDecimal value, boolean you) {
    }

    private Leaderboard() {
    }

    /**
     * The ranked board. {@code viewerPartnerId} null = staff (everything shown); otherwise only that partner's row
     * keeps its id and name.
     */
    public static List<Row> rank(List<Entry> entries, String viewerPartnerId) {
        return rank(entries, viewerPartnerId, false);
    }

    /**
     * As {@link #rank(List, String)}; {@code showNamesToPartners} (the program's setting) leaves every row's id and
     * name visible to a partner viewer too.
     */
    public static List<Row> rank(List<Entry> entries, String viewerPartnerId, boolean showNamesToPartners) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(Entry::value).reversed().thenComparing(Entry::partnerId));
        List<Row> rows = new ArrayList<>(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            Entry e = sorted.get(i);
            boolean you = e.partnerId().equals(viewerPartnerId);
            boolean shown = viewerPartnerId == null || you || showNamesToPartners;
            rows.add(new Row(i + 1, shown ? e.partnerId() : null, shown ? e.name() : null, e.value(), you));
        }
        return rows;
    }
}
