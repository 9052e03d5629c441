package io.partnerflow.incentive.domain;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The commission arithmetic of {@link PerDealCalculator} without explanations, for simulating millions of credits:
 * same eligibility, same most-specific rate lookup, same exclusivity, one HALF_EVEN rounding per credit and rule
 * (in the deal currency, no FX).
 */
public final class WhatIfCalculator {
    private WhatIfCalculator() {
    }

    /** A program for simulation: priority order is the list order. */
    public record Program(String code, String exclusivityGroup, List<RuleSpec> commissionRules) {
    }

    /** One partner's net credit on one deal, in minor units per category. */
    public record Credit(String partnerId, Instant closedAt, String dealType, String customerCountry, String currency, int scale,
                         long dealAmountMinor, String role, Map<String, BigInteger> minorByCategory) {
    }

    /** Commission in minor units of the deal currency under {@code programs}. */
    public static long commission(List<Program> programs, Credit c, Facts.Partner p, String tier, Facts.FxTable fx, java.time.LocalDate closeDate) {
        long total = 0;
        Set<String> taken = new HashSet<>();
        for (Program program : programs) {
            if (program.exclusivityGroup() != null && taken.contains(program.exclusivityGroup())) {
                continue;
            }
            boolean any = false;
            for (RuleSpec rule : program.commissionRules()) {
                if (!eligible(rule.eligibility(), c, p, tier, fx, closeDate)) {
                    continue;
                }
                BigDecimal exact = BigDecimal.ZERO;
                for (Map.Entry<String, BigInteger> e : c.minorByCategory().entrySet()) {
                    if (!rule.eligibility().categoryAllowed(e.getKey()) || e.getValue().signum() == 0) {
                        continue;
                    }
                    Optional<RuleSpec.Rate> rate = rule.commission().lookup(tier, e.getKey());
                    BigDecimal r = rate.map(x -> x.forRole(c.role())).orElse(null);
                    if (r == null || r.signum() == 0) {
                        continue;
                    }
                    exact = exact.add(new BigDecimal(e.getValue()).multiply(r));
                }
                if (exact.signum() > 0) {
                    total += exact.setScale(0, RoundingMode.HALF_EVEN).longValueExact();
                    any = true;
                }
            }
            if (any && program.exclusivityGroup() != null) {
                taken.add(program.exclusivityGroup());
            }
        }
        return total;
    }

    static boolean eligible(RuleSpec.Eligibility e, Credit c, Facts.Partner p, String tier, Facts.FxTable fx, java.time.LocalDate closeDate) {
        if (!e.partnerTypes().isEmpty() && !e.partnerTypes().contains(p.type())) {
            return false;
        }
        if (!e.tiers().isEmpty() && !e.tiers().contains(tier)) {
            return false;
        }
        if (!e.partnerCountries().isEmpty() && !e.partnerCountries().contains(p.country())) {
            return false;
        }
        if (!e.customerCountries().isEmpty() && !e.customerCountries().contains(c.customerCountry())) {
            return false;
        }
        if (!e.dealTypes().isEmpty() && !e.dealTypes().contains(c.dealType())) {
            return false;
        }
        if (e.sourcedOnlyOrFalse() && !"sourced".equals(c.role())) {
            return false;
        }
        if (e.minDealAmount() != null) {
            BigDecimal deal = BigDecimal.valueOf(c.dealAmountMinor(), c.scale());
            if (!c.currency().equals(e.minDealAmount().currencyCode())) {
                Optional<Facts.FxRate> r = fx.latestOnOrBefore(c.currency(), e.minDealAmount().currencyCode(), closeDate);
                if (r.isEmpty()) {
                    return false; // what-if never guesses a rate: counted as not eligible (reported in missingFx)
                }
                deal = deal.multiply(r.get().rate());
            }
            return deal.compareTo(e.minDealAmount().amount()) >= 0;
        }
        return true;
    }
}
