package io.partnerflow.analytics.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The badge rules (version {@value #VERSION}, a fixed, documented rule set): pure — figures in, awards out, no I/O.
 * <ul>
 *   <li>{@code first-won-deal} "First win": the partner holds a positive net credit in at least one won deal;</li>
 *   <li>{@code certified-3} "Certified ×3": at least {@value #CERTIFICATIONS} certifications completed;</li>
 *   <li>{@code top-10-percent-<quarter>} "Top 10 % of &lt;quarter&gt;": among the top {@value #TOP_PERCENT} % (rounded up)
 *       of the partners with a positive revenue in an ENDED quarter, ranked by revenue in the base currency, ties by
 *       ascending partner id.</li>
 * </ul>
 * A badge, once awarded, is never taken back (a later refund does not remove "First win"); the caller stores each
 * (badge, partner) once.
 */
public final class BadgeRules {
    public static final int VERSION = 1;
    public static final int CERTIFICATIONS = 3;
    public static final int TOP_PERCENT = 10;
    public static final String FIRST_WON_DEAL = "first-won-deal";
    public static final String CERTIFIED = "certified-" + CERTIFICATIONS;
    public static final String TOP_PREFIX = "top-" + TOP_PERCENT + "-percent-";

    /** A partner's lifetime figures the per-event badges look at. */
    public record Standing(String partnerId, long dealsWon, long certifications) {
    }

    /** A badge a partner qualifies for, with the reason in words. */
    public record Award(String partnerId, String code, String name, String reason) {
    }

    private BadgeRules() {
    }

    /** The per-event badges {@code s} qualifies for, except those in {@code held} (codes the partner already has). */
    public static List<Award> evaluate(Standing s, Set<String> held) {
        List<Award> out = new ArrayList<>();
        if (s.dealsWon() >= 1 && !held.contains(FIRST_WON_DEAL)) {
            out.add(new Award(s.partnerId(), FIRST_WON_DEAL, "First win",
                    "first won deal (" + s.dealsWon() + (s.dealsWon() == 1 ? " deal" : " deals") + " won)"));
        }
        if (s.certifications() >= CERTIFICATIONS && !held.contains(CERTIFIED)) {
            out.add(new Award(s.partnerId(), CERTIFIED, "Certified ×" + CERTIFICATIONS,
                    s.certifications() + " certifications completed (≥ " + CERTIFICATIONS + ")"));
        }
        return out;
    }

    /**
     * The "top 10 % of the quarter" badges: {@code revenue} = each partner's revenue in the base currency for the
     * ended {@code quarter}. Partners at or below zero are not ranked.
     */
    public static List<Award> topOfQuarter(Period quarter, Map<String, BigDecimal> revenue, String currency) {
        List<Map.Entry<String, BigDecimal>> ranked = revenue.entrySet().stream().filter(e -> e.getValue().signum() > 0)
                .sorted(Comparator.comparing((Map.Entry<String, BigDecimal> e) -> e.getValue()).reversed()
                        .thenComparing(Map.Entry::getKey))
                .toList();
        int n = (ranked.size() * TOP_PERCENT + 99) / 100;
        List<Award> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map.Entry<String, BigDecimal> e = ranked.get(i);
            out.add(new Award(e.getKey(), TOP_PREFIX + quarter.key(), "Top " + TOP_PERCENT + " % of " + quarter.key(),
                    "rank " + (i + 1) + " of " + ranked.size() + " by revenue in " + quarter.key() + " ("
                            + e.getValue().toPlainString() + " " + currency + ")"));
        }
        return out;
    }
}
