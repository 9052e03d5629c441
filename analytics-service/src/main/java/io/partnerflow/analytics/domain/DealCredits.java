package io.partnerflow.analytics.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.TreeMap;

/**
 * A deal's current attribution and each credited partner's NET credit under it (its credit plus the reversal
 * deltas since). The scorecard figures a deal contributes are a function of this state alone, which is what
 * makes the fold order-independent across deals: every change is "contributions(after) − contributions(before)".
 */
public record DealCredits(String dealId, String attributionId, LocalDate closedOn, String currency,
                          SortedMap<String, Fact.Share> shares, boolean newLogo, SortedSet<String> mdfPartners) {

    public DealCredits {
        shares = Collections.unmodifiableSortedMap(new TreeMap<>(shares));
        mdfPartners = Collections.unmodifiableSortedSet(new TreeSet<>(mdfPartners));
    }

    /** A deal no MDF campaign named. */
    public DealCredits(String dealId, String attributionId, LocalDate closedOn, String currency,
                       SortedMap<String, Fact.Share> shares, boolean newLogo) {
        this(dealId, attributionId, closedOn, currency, shares, newLogo, new TreeSet<>());
    }

    /** The same deal, with the partners whose reimbursed MDF campaigns named it. */
    public DealCredits withMdfPartners(Set<String> partners) {
        return new DealCredits(dealId, attributionId, closedOn, currency, new TreeMap<>(shares), newLogo, new TreeSet<>(partners));
    }

    /** A deal that is not a new logo. */
    public DealCredits(String dealId, String attributionId, LocalDate closedOn, String currency,
                       SortedMap<String, Fact.Share> shares) {
        this(dealId, attributionId, closedOn, currency, shares, false);
    }

    /**
     * What this deal adds to the scorecards: revenue by role, and one won deal per partner with a positive net credit
     * (and one won new-logo deal, when the deal is a new logo).
     */
    public Deltas contributions() {
        Deltas d = new Deltas();
        for (Fact.Share s : shares.values()) {
            d.addAmount(s.partnerId(), revenueMetric(s.role()), closedOn, currency, s.amount());
            if (mdfPartners.contains(s.partnerId())) {
                d.addAmount(s.partnerId(), Metric.MDF_INFLUENCED_REVENUE, closedOn, currency, s.amount());
            }
            if (s.amount().signum() > 0) {
                d.addCount(s.partnerId(), Metric.DEALS_WON, closedOn, 1);
                if (newLogo) {
                    d.addCount(s.partnerId(), Metric.NEW_LOGO_DEALS_WON, closedOn, 1);
                }
            }
        }
        return d;
    }

    /** The same attribution with the reversal's signed deltas added to the partners' net credits. */
    public DealCredits plus(List<Fact.Share> deltas) {
        Map<String, Fact.Share> next = new TreeMap<>(shares);
        for (Fact.Share delta : deltas) {
            next.merge(delta.partnerId(), delta, (a, b) -> new Fact.Share(a.partnerId(), a.role(), a.amount().add(b.amount())));
        }
        return new DealCredits(dealId, attributionId, closedOn, currency, new TreeMap<>(next), newLogo, mdfPartners);
    }

    public static DealCredits of(Fact.Attribution a) {
        SortedMap<String, Fact.Share> shares = new TreeMap<>();
        for (Fact.Share s : a.credits()) {
            shares.merge(s.partnerId(), s, (x, y) -> new Fact.Share(x.partnerId(), x.role(), x.amount().add(y.amount())));
        }
        return new DealCredits(a.dealId(), a.attributionId(), a.closedOn(), a.currency(), shares, a.newLogo());
    }

    static Metric revenueMetric(String role) {
        return "sourced".equals(role) ? Metric.SOURCED_REVENUE : Metric.INFLUENCED_REVENUE;
    }

    /** {@code partnerId|role|amount;…} in partner order (how persistence stores the shares). */
    public String encodeShares() {
        List<String> parts = new ArrayList<>();
        shares.values().forEach(s -> parts.add(s.partnerId() + "|" + s.role() + "|" + s.amount().toPlainString()));
        return String.join(";", parts);
    }

    public static SortedMap<String, Fact.Share> decodeShares(String text) {
        SortedMap<String, Fact.Share> out = new TreeMap<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        for (String part : text.split(";")) {
            String[] f = part.split("\\|");
            out.put(f[0], new Fact.Share(f[0], f[1], new BigDecimal(f[2])));
        }
        return out;
    }
}
