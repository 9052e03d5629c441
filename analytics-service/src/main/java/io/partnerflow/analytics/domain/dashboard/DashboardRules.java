package io.partnerflow.analytics.domain.dashboard;

import io.partnerflow.analytics.domain.Figure;
import io.partnerflow.analytics.domain.Period;
import io.partnerflow.core.geo.Regions;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Validation of a dashboard (each problem as {@code field: rule}) and the resolution of a widget's period. */
public final class DashboardRules {
    public static final int MAX_WIDGETS = 20;
    public static final int MAX_TEXT = 100;
    public static final List<String> DIMENSIONS = List.of("none", "partner", "tier", "region", "partner-type", "month");
    public static final List<String> CHARTS = List.of("number", "bar", "line", "table");
    public static final Set<String> PARTNER_TYPES = Set.of("reseller", "referral", "distributor", "msp", "technology", "agent");
    public static final String CURRENT_QUARTER = "current-quarter";
    public static final String LAST_QUARTER = "last-quarter";

    private DashboardRules() {
    }

    /**
     * Problems of a dashboard as {@code field: rule} lines; empty = valid. {@code ownPartnerId} is the partner of a
     * partner user (null for staff): such a user may filter on its own partner id only.
     */
    public static List<String> problems(String name, List<Widget> widgets, String ownPartnerId) {
        List<String> out = new ArrayList<>();
        text(out, "name", name);
        if (widgets == null) {
            out.add("widgets: required (a list, may be empty)");
            return out;
        }
        if (widgets.size() > MAX_WIDGETS) {
            out.add("widgets: at most " + MAX_WIDGETS + " widgets (got " + widgets.size() + ")");
        }
        for (int i = 0; i < widgets.size(); i++) {
            String at = "widgets[" + i + "].";
            Widget w = widgets.get(i);
            if (w == null) {
                out.add("widgets[" + i + "]: required");
                continue;
            }
            text(out, at + "title", w.title());
            if (w.metric() == null || Figure.find(w.metric()).isEmpty()) {
                out.add(at + "metric: one of " + Figure.names());
            }
            if (!DIMENSIONS.contains(w.dimensionOrNone())) {
                out.add(at + "dimension: one of " + String.join(", ", DIMENSIONS));
            }
            if (w.chart() == null || !CHARTS.contains(w.chart())) {
                out.add(at + "chart: one of " + String.join(", ", CHARTS));
            }
            if (!validPeriod(w.period())) {
                out.add(at + "period: a month like 2026-07, a quarter like 2026-Q3, ttm:2026-09, "
                        + CURRENT_QUARTER + " or " + LAST_QUARTER);
            }
            filters(out, at + "filters.", w.filtersOrNone(), ownPartnerId);
        }
        return out;
    }

    private static void filters(List<String> out, String at, Widget.Filters f, String ownPartnerId) {
        if (f.tier() != null && !f.tier().matches("[a-z0-9_-]{1,100}")) {
            out.add(at + "tier: a tier code: lower-case letters, digits, '-' or '_'");
        }
        if (f.region() != null && !Regions.CODES.contains(f.region())) {
            out.add(at + "region: one of amer, emea, apac, other");
        }
        if (f.partnerType() != null && !PARTNER_TYPES.contains(f.partnerType())) {
            out.add(at + "partnerType: one of agent, distributor, msp, referral, reseller, technology");
        }
        if (f.partnerId() != null) {
            if (!isUuid(f.partnerId())) {
                out.add(at + "partnerId: a partner id (UUID)");
            } else if (ownPartnerId != null && !f.partnerId().equalsIgnoreCase(ownPartnerId)) {
                out.add(at + "partnerId: a partner user may only use its own partner id");
            }
        }
    }

    private static void text(List<String> out, String field, String value) {
        if (value == null || value.isBlank()) {
            out.add(field + ": required");
        } else if (value.length() > MAX_TEXT) {
            out.add(field + ": at most " + MAX_TEXT + " characters");
        }
    }

    private static boolean validPeriod(String period) {
        if (CURRENT_QUARTER.equals(period) || LAST_QUARTER.equals(period)) {
            return true;
        }
        try {
            Period.parse(period);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isUuid(String s) {
        try {
            UUID.fromString(s);
            return s.length() == 36;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The period a widget covers on {@code today}: relative quarters resolved, others parsed. */
    public static Period resolve(String period, LocalDate today) {
        if (CURRENT_QUARTER.equals(period)) {
            return Period.quarterOf(today);
        }
        if (LAST_QUARTER.equals(period)) {
            return Period.quarterOf(today).previous();
        }
        return Period.parse(period);
    }
}
