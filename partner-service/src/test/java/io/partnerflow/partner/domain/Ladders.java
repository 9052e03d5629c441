package io.partnerflow.partner.domain;

import io.partnerflow.partner.domain.tier.Benefit;
import io.partnerflow.partner.domain.tier.Criterion;
import io.partnerflow.partner.domain.tier.Ladder;
import io.partnerflow.partner.domain.tier.MetricKind;
import io.partnerflow.partner.domain.tier.Tier;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** A four-rung ladder for domain tests: Registered < Silver < Gold < Platinum. */
public final class Ladders {
    private Ladders() {
    }

    public static Criterion revenue(String threshold) {
        return new Criterion(MetricKind.ATTRIBUTED_REVENUE, new BigDecimal(threshold), 12);
    }

    public static Criterion won(int n) {
        return new Criterion(MetricKind.WON_DEALS, BigDecimal.valueOf(n), 12);
    }

    public static Criterion certified(int n) {
        return new Criterion(MetricKind.CERTIFIED_PEOPLE, BigDecimal.valueOf(n), 0);
    }

    public static List<Tier> tiers() {
        return List.of(
                new Tier("registered", "Registered", 0, List.of(benefit("registration_protection_days", "30", "days")), List.of()),
                new Tier("silver", "Silver", 1, List.of(benefit("registration_protection_days", "60", "days")),
                        List.of(revenue("10000.00"), won(1))),
                new Tier("gold", "Gold", 2, List.of(benefit("registration_protection_days", "90", "days"),
                        benefit("mdf_eligible", "1", "flag")), List.of(revenue("50000.00"), won(3), certified(1))),
                new Tier("platinum", "Platinum", 3, List.of(benefit("registration_protection_days", "120", "days"),
                        benefit("mdf_eligible", "1", "flag")), List.of(revenue("200000.00"), won(5), certified(2))));
    }

    public static Ladder ladder(int graceDays, boolean approval) {
        return new Ladder(UUID.nameUUIDFromBytes("test-ladder".getBytes()), 1, graceDays, approval, tiers());
    }

    static Benefit benefit(String code, String value, String unit) {
        return new Benefit(code, code, new BigDecimal(value), unit);
    }
}
