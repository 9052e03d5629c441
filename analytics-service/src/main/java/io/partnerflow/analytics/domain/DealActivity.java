package io.partnerflow.analytics.domain;

import io.partnerflow.core.money.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * A partner's deal activity from the touched pipeline (pure): the OPEN pipeline it sourced or influenced (now), the
 * deals it touched that were won or lost in the period, the win rate, the average sales cycle of the won ones, and its
 * touchpoints by type in the period. Sourced = the partner holds the deal's earliest sourcing touch (referral, deal
 * registration or lead generation; ties by partner id); influenced = any other touch. Amounts are the deals' full
 * amounts per currency (open deals have no credit split yet); one rounding per ratio.
 */
public final class DealActivity {
    /** Touch types that source a deal. */
    public static final Set<String> SOURCING = Set.of("referral", "deal_registration", "lead_generation");

    private DealActivity() {
    }

    /** One partner touch of a deal. */
    public record Touch(String partnerId, String type, LocalDate on) {
        public Touch {
            Objects.requireNonNull(partnerId, "partnerId");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(on, "on");
        }
    }

    /** A deal's latest revision: status {@code open}, {@code won} or {@code closed_lost}. */
    public record PipelineDeal(String dealId, String status, Money amount, LocalDate createdOn, LocalDate closedOn, List<Touch> touches) {
    }

    /**
     * @param openSourced      open deals it sourced, per currency
     * @param openInfluenced   open deals it touched otherwise, per currency
     * @param winRate          won / (won + lost) of the touched deals closed in the period, 4 decimals; null when none closed
     * @param averageCycleDays days from creation to close of the won ones, 1 decimal; null when none won
     */
    public record Figures(Map<String, Money> openSourced, Map<String, Money> openInfluenced, long openDeals, long won, long lost,
                          BigDecimal winRate, BigDecimal averageCycleDays, Map<String, Long> touchpointsByType) {
    }

    public static Figures of(String partnerId, LocalDate from, LocalDate toExclusive, List<PipelineDeal> deals) {
        Map<String, Money> sourced = new TreeMap<>();
        Map<String, Money> influenced = new TreeMap<>();
        Map<String, Long> byType = new TreeMap<>();
        long open = 0;
        long won = 0;
        long lost = 0;
        long cycleDays = 0;
        for (PipelineDeal d : deals) {
            List<Touch> mine = d.touches().stream().filter(t -> t.partnerId().equals(partnerId)).toList();
            if (mine.isEmpty()) {
                continue;
            }
            mine.stream().filter(t -> !t.on().isBefore(from) && t.on().isBefore(toExclusive)).forEach(t -> byType.merge(t.type(), 1L, Long::sum));
            if ("open".equals(d.status())) {
                open++;
                (sourcedBy(d).equals(partnerId) ? sourced : influenced).merge(d.amount().currencyCode(), d.amount(), Money::plus);
            } else if (d.closedOn() != null && !d.closedOn().isBefore(from) && d.closedOn().isBefore(toExclusive)) {
                if ("won".equals(d.status())) {
                    won++;
                    cycleDays += Math.max(0, ChronoUnit.DAYS.between(d.createdOn(), d.closedOn()));
                } else if ("closed_lost".equals(d.status())) {
                    lost++;
                }
            }
        }
        BigDecimal winRate = won + lost == 0 ? null
                : BigDecimal.valueOf(won).divide(BigDecimal.valueOf(won + lost), 4, RoundingMode.HALF_EVEN);
        BigDecimal cycle = won == 0 ? null : BigDecimal.valueOf(cycleDays).divide(BigDecimal.valueOf(won), 1, RoundingMode.HALF_EVEN);
        return new Figures(sourced, influenced, open, won, lost, winRate, cycle, byType);
    }

    /** The partner holding the earliest sourcing touch (ties by partner id), or "" when nobody sourced the deal. */
    static String sourcedBy(PipelineDeal d) {
        List<Touch> sourcing = new ArrayList<>(d.touches().stream().filter(t -> SOURCING.contains(t.type())).toList());
        sourcing.sort(Comparator.comparing(Touch::on).thenComparing(Touch::partnerId));
        return sourcing.isEmpty() ? "" : sourcing.get(0).partnerId();
    }

    /** "partnerId|type|yyyy-mm-dd;…" — how the read model stores a deal's touches. */
    public static String encode(List<Touch> touches) {
        StringBuilder sb = new StringBuilder();
        touches.stream().sorted(Comparator.comparing(Touch::on).thenComparing(Touch::partnerId).thenComparing(Touch::type)).forEach(t -> {
            if (!sb.isEmpty()) {
                sb.append(';');
            }
            sb.append(t.partnerId()).append('|').append(t.type()).append('|').append(t.on());
        });
        return sb.toString();
    }

    public static List<Touch> decode(String encoded) {
        List<Touch> out = new ArrayList<>();
        if (encoded == null || encoded.isBlank()) {
            return out;
        }
        for (String part : encoded.split(";")) {
            String[] f = part.split("\\|");
            out.add(new Touch(f[0], f[1], LocalDate.parse(f[2])));
        }
        return out;
    }
}
