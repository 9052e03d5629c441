package io.partnerflow.analytics.domain.dashboard;

/**
 * One tile of a saved dashboard: a figure ({@code metric}, the names of the leaderboards), split by a
 * {@code dimension} (none, partner, tier, region, partner-type, month), restricted by {@code filters} on the partners'
 * current profile, over a {@code period} (a scorecard period, or {@code current-quarter} / {@code last-quarter},
 * resolved when evaluated), drawn as a {@code chart} (number, bar, line, table). Null filters = none.
 */
public record Widget(String title, String metric, String dimension, Filters filters, String period, String chart) {

    /** Every given filter must match; null = not filtered. */
    public record Filters(String tier, String region, String partnerType, String partnerId) {
        public static final Filters NONE = new Filters(null, null, null, null);
    }

    public Filters filtersOrNone() {
        return filters == null ? Filters.NONE : filters;
    }

    public String dimensionOrNone() {
        return dimension == null ? "none" : dimension;
    }
}
